/**
 * Convert between SAM / CloudFormation templates and architecture documents.
 *
 *   npm run sam -- import TEMPLATE.(yaml|yml|json) [--add-clients]
 *                                                    document JSON on stdout, warnings on stderr;
 *                                                    --add-clients gives entry points a client
 *                                                    (as the browser's Import does), noted on stderr
 *   npm run sam -- export DOC.json                   SAM template (YAML) on stdout
 *
 * Exit 0 when the output was produced; 2 with a message when the input is missing, is not a
 * template (import) or is not a valid document (export) or the command line is wrong.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { addEntryClients, parseDocumentText } from '../model';
import { layoutDocument } from '../layout/elk';
import { exportTemplate } from '../sam/export';
import { importTemplate } from '../sam/import';

const USAGE = 'usage: npm run sam -- import TEMPLATE.(yaml|json) [--add-clients]\n       npm run sam -- export DOC.json';

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`sam: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}\n`);
    return null;
  }
}

async function main(argv: string[]): Promise<number> {
  const addClients = argv.includes('--add-clients');
  const [command, file, ...rest] = argv.filter((a) => a !== '--add-clients');
  if ((command !== 'import' && command !== 'export') || !file || rest.length > 0 || (addClients && command !== 'import')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const text = read(file);
  if (text === null) return 2;
  if (command === 'import') {
    const result = await importTemplate(text, basename(file));
    if (!result.ok) {
      process.stderr.write(`sam: ${result.error}\n`);
      return 2;
    }
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    let doc = result.document;
    if (addClients) {
      const traffic = addEntryClients(doc);
      doc = traffic.added.length ? await layoutDocument(traffic.document) : doc;
      for (const a of traffic.added) process.stderr.write(`added: ${a.note}\n`);
    }
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }
  const restored = parseDocumentText(text);
  if (!restored.ok) {
    process.stderr.write(`sam: ${file} is not a valid Serverless Sandbox document:\n`);
    for (const e of restored.errors) process.stderr.write(`  ${e}\n`);
    return 2;
  }
  for (const w of restored.warnings) process.stderr.write(`warning: ${w}\n`);
  process.stdout.write(exportTemplate(restored.document));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`sam: unexpected error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
