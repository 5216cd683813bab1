/**
 * Reading a command line, shared by `simulate` and `sweep`: the flag/value split, file-name
 * values and the one document a command runs.
 */

/** `--flag=value` split at its first `=`; any other argument as it is (no inline value). */
export function splitFlag(a: string): [flag: string, inline: string | undefined] {
  const eq = a.indexOf('=');
  return a.startsWith('--') && eq >= 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
}

/** The file name given to `flag` (e.g. --csv FILE), or undefined with an error naming the flag. */
export function fileValue(flag: string, raw: string | undefined, errors: string[]): string | undefined {
  if (raw === undefined || raw === '' || raw.startsWith('--')) {
    errors.push(`${flag} needs a file name`);
    return undefined;
  }
  return raw;
}

/** A command runs one document: an error when none or several were named. */
export function checkOneDocument(files: readonly string[], errors: string[]): void {
  if (files.length === 0) errors.push('no document given: name a FILE.json');
  if (files.length > 1) errors.push(`one document at a time (got ${files.join(', ')})`);
}
