/**
 * Where the SAM/CloudFormation fixtures are (Node only; test code).
 *
 * - Our own fixtures, `src/sam/fixtures/`: templates written for this project, each with its
 *   NAME.expected.json. Always run.
 * - The conformance corpus: real public templates kept outside the repository, in
 *   `../shared/fixtures/sam` beside the clone (as in CI), or wherever SANDBOX_SHARED points
 *   (the folder holding `fixtures/sam`). This is the one place the repository refers to
 *   `../shared`; when the folder is absent the corpus suites are skipped, saying why.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExpectedGraph } from './expectedGraph';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export const OWN_FIXTURES = join(REPO, 'src/sam/fixtures/');

const corpusRoot = process.env.SANDBOX_SHARED ? resolve(process.env.SANDBOX_SHARED) : resolve(REPO, '../shared');

/** The corpus folder, or null when it is not there. */
export const CORPUS_FIXTURES: string | null = existsSync(join(corpusRoot, 'fixtures/sam')) ? join(corpusRoot, 'fixtures/sam/') : null;

/** The one line a skipped corpus suite is named by. */
export const CORPUS_SKIPPED = `SAM conformance corpus skipped: ${join(corpusRoot, 'fixtures/sam')} not found (it sits beside the clone in CI; set SANDBOX_SHARED to run it)`;

/** Template files in a fixture folder (not the expected graphs, not the notes). */
export function templateFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))
    .sort();
}

export const readTemplate = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

export function readExpected(dir: string, file: string): ExpectedGraph {
  return JSON.parse(readFileSync(join(dir, file.replace(/\.(ya?ml|json)$/, '.expected.json')), 'utf8')) as ExpectedGraph;
}
