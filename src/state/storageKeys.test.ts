import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORAGE_KEYS } from './storageKeys';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('storage keys', () => {
  it('keep the names browsers already hold data under (renaming one loses people’s work)', () => {
    expect(Object.fromEntries(Object.entries(STORAGE_KEYS).map(([name, k]) => [name, `${k.area}:${k.key}`]))).toEqual({
      document: 'local:serverless-sandbox:document',
      unreadableDocument: 'local:serverless-sandbox:document:unreadable',
      previousDocuments: 'local:serverless-sandbox:document:previous',
      sharedSession: 'session:serverless-sandbox:shared-session',
      layout: 'local:serverless-sandbox:layout',
      lessonProgress: 'local:serverless-sandbox:lessons:progress',
    });
  });

  it('are named and the browser storages reached only in state/storageKeys.ts', () => {
    const offenders: string[] = [];
    for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'e2e'))]) {
      const rel = relative(ROOT, file);
      if (rel === join('src', 'state', 'storageKeys.ts')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\*|\*|\/\/)/.test(line)) return; // comments may mention them
          if (/['"`]serverless-sandbox:\w/.test(line)) offenders.push(`${rel}:${i + 1} names a storage key`);
          // e2e specs read storage inside the page (page.evaluate), which is how a test looks at it.
          if (rel.startsWith('src') && /\b(localStorage|sessionStorage|indexedDB)\s*[.?[]/.test(line))
            offenders.push(`${rel}:${i + 1} uses browser storage directly`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
