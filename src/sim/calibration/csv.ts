/**
 * A tiny CSV reader for the calibration data in ./data (plain comma-separated files with a
 * header row and no quoted commas). Pure: the caller reads the file.
 */
export type CsvRow = Record<string, string>;

export function parseCsv(text: string): CsvRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const row: CsvRow = {};
    head.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}

/** A number cell; NaN for an empty one. */
export function num(row: CsvRow, key: string): number {
  const v = row[key];
  return v === undefined || v === '' ? NaN : Number(v);
}
