import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, NODE_TYPES, settingsFields, type Fields } from '../src/model';
import { BEGIN, END, fieldRows, fieldTablesMarkdown, withFieldTables } from './fieldTables';

const DOC = fileURLToPath(new URL('../docs/document-format.md', import.meta.url));
const doc = readFileSync(DOC, 'utf8');

/** The doc's rows by path, per section heading (`settings` or a node type). */
function documentedRows(): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  const block = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END));
  for (const line of block.split('\n')) {
    const heading = /^### `([A-Za-z0-9]+)`/.exec(line);
    if (heading) sections.set(heading[1], (current = new Map()));
    const row = /^\| `([^`]+)` \|/.exec(line);
    if (row && current) current.set(row[1], line);
  }
  return sections;
}

describe('docs/document-format.md field tables', () => {
  const sections = documentedRows();

  it('lists every declared settings field with its unit, range and default', () => {
    const rows = fieldRows(settingsFields, 'settings');
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      const line = sections.get('settings')?.get(row.path);
      expect(line, `settings: ${row.path} is missing from the doc (run npm run docs:fields)`).toBeDefined();
      expect(line).toContain(row.default);
      expect(line).toContain(row.allowed.replace(/\|/g, '\\|'));
    }
  });

  it.each(NODE_TYPES)('lists every declared %s field with its unit, range and default', (type) => {
    const section = sections.get(type);
    expect(section, `no section for ${type} (run npm run docs:fields)`).toBeDefined();
    for (const row of fieldRows(CATALOGUE[type].fields as Fields, 'config')) {
      const line = section!.get(row.path);
      expect(line, `${type}: ${row.path} is missing from the doc (run npm run docs:fields)`).toBeDefined();
      expect(line).toContain(` ${row.default} `);
      if (row.unit) expect(line).toContain(` ${row.unit} `);
    }
  });

  it('is exactly what the generator writes (run npm run docs:fields after changing a field)', () => {
    expect(withFieldTables(doc)).toBe(doc);
  });

  it('the generator expands unions per variant and nested groups', () => {
    const md = fieldTablesMarkdown();
    expect(md).toContain('`config.traffic.shape`');
    expect(md).toContain('(shape `spike`)');
    expect(md).toContain('`config.memoryMb` | MB | 128–10,240, whole | 128 |');
  });
});
