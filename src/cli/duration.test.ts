/** Command-line runs may simulate up to 30 days (issue #12); the document itself keeps one day for the live view. */
import { describe, expect, it } from 'vitest';
import { settingsFields } from '../model';
import { parseArgs } from './simulateArgs';

describe('--duration', () => {
  it('accepts up to 30 days and refuses more', () => {
    const ok = parseArgs(['doc.json', '--duration', '2592000']);
    expect(ok.ok && ok.args.durationS).toBe(2_592_000);
    expect(parseArgs(['doc.json', '--duration', '2592001']).ok).toBe(false);
  });

  it('the document (and so the live view) keeps its one-day limit', () => {
    expect(settingsFields.durationS.max).toBe(86_400);
  });
});
