/** What every command that reads a document does with it: read, restore, warn, or stop with exit 2. */
import { readFileSync } from 'node:fs';
import { parseDocumentText, type Architecture } from '../model';

/** Print each message as an error and exit (2: bad input, unless told otherwise). */
export function fail(messages: string[], code = 2): never {
  for (const m of messages) process.stderr.write(`error: ${m}\n`);
  process.exit(code);
}

/** The document in `file`, restored like every input; its warnings go to standard error. */
export function loadDocumentFile(file: string): Architecture {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail([`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`]);
  }
  const r = parseDocumentText(text);
  if (!r.ok) fail(r.errors.map((m) => `${file}: ${m}`));
  for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
  return r.document;
}
