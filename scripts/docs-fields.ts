/** Rewrites the generated field tables in docs/document-format.md from src/model's declarations. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BEGIN, withFieldTables } from './fieldTables';

const file = fileURLToPath(new URL('../docs/document-format.md', import.meta.url));
const doc = readFileSync(file, 'utf8');
if (!doc.includes(BEGIN)) {
  console.error(`docs-fields: ${file} has no generated-block marker`);
  process.exit(2);
}
writeFileSync(file, withFieldTables(doc));
console.error('docs-fields: field tables rewritten');
