/** Every shipped example is a valid document and runs. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseDocumentText } from '../model';
import { runSimulation } from './simulation';

// simulations take seconds on a busy 2-core machine; the default 5 s is too tight
vi.setConfig({ testTimeout: 60_000 });

const DIR = join(__dirname, '../../examples');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('examples/', () => {
  it('has one document per behaviour', () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
  });
  for (const file of files) {
    it(`${file} passes restoreDocument and runs`, () => {
      const r = parseDocumentText(readFileSync(join(DIR, file), 'utf8'));
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.warnings).toEqual([]);
      const s = runSimulation(r.document, { durationS: Math.min(20, r.document.settings.durationS) });
      expect(s.durationS).toBe(Math.min(20, r.document.settings.durationS));
    });
  }
});
