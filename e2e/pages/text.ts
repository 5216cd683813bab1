/** Reading numbers the page shows as text, the way a person reads them. */

/** "1,234", "42.0 s", "$0.12" → the number in it. */
export function parseNumber(text: string | null): number {
  const match = (text ?? '').replace(/,/g, '').match(/-?\d+(\.\d+)?/);
  if (!match) throw new Error(`no number in "${text}"`);
  return Number(match[0]);
}
