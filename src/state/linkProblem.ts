/** What a person reads when a share link cannot be opened. Pure, so it is tested. */

const DECODE_PREFIX = 'This share link cannot be opened: ';

/**
 * A broken link's message in plain words: what happened and what to do first, the
 * technical reason after it, for whoever made the link.
 */
export function plainLinkProblem(errors: readonly string[]): { text: string; details: string[] } {
  const [first = '', ...rest] = errors;
  const decoding = first.startsWith(DECODE_PREFIX);
  const reason = decoding ? first.slice(DECODE_PREFIX.length) : first;
  let text: string;
  if (!decoding) text = 'This share link holds a diagram this app cannot open, so nothing was opened.';
  else if (/cut off|ends too early|empty|format version such as/.test(reason))
    text = 'This share link is incomplete: it was probably cut off when it was copied. Copy the whole link again, or ask for a fresh one.';
  else if (/newer than this app/.test(reason)) text = 'This share link was made by a newer version of the app: reload the page to update, then open it again.';
  else text = 'This share link is damaged or was not made by this app, so it could not be opened. Ask for a fresh link.';
  const detail = reason.charAt(0).toUpperCase() + reason.slice(1);
  return { text, details: [/[.!?]$/.test(detail) ? detail : `${detail}.`, ...rest] };
}
