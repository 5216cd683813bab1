/** Vitest global setup: one line up front when the SAM conformance corpus is not there. */
import { CORPUS_FIXTURES, CORPUS_SKIPPED } from '../src/sam/testing/fixtureFiles';

export default function setup(): void {
  if (!CORPUS_FIXTURES) console.log(`note: ${CORPUS_SKIPPED}`);
}
