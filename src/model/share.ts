/**
 * Share links: the whole document travels in the URL fragment (never sent to a server).
 *
 *   #v1.<base64url(deflate(JSON))>
 *
 * "v1." is the link format; the document inside still carries its own format version, so
 * an old document in a link migrates through restoreDocument like any other load path.
 * Decoding never throws: every broken, truncated or hostile link becomes a message.
 */
import { Inflate, deflateSync, strToU8, strFromU8 } from 'fflate';
import type { Architecture } from './document';
import { MAX_DOCUMENT_CHARS, restoreDocument, type RestoreResult } from './restore';

export const SHARE_LINK_VERSION = 1;
const PREFIX = `v${SHARE_LINK_VERSION}.`;

/** Links longer than this get a warning: browsers and chat tools may cut them. */
export const SHARE_URL_WARN_CHARS = 8000;

/** Inflated JSON above this is refused (a zip bomb is stopped once it passes this). */
export const MAX_SHARE_INFLATED_BYTES = MAX_DOCUMENT_CHARS;

/** Longest payload decoded at all; 2 MB of JSON deflates far below this. */
export const MAX_SHARE_HASH_CHARS = 2_000_000;

/** Input is inflated this many bytes at a time, so one step yields at most ~1 MB. */
const INFLATE_STEP = 1024;

export function encodeShareHash(doc: Architecture): string {
  const bytes = deflateSync(strToU8(JSON.stringify(doc)), { level: 9 });
  return PREFIX + toBase64Url(bytes);
}

/** The full link: `baseUrl` without its own fragment, then `#` and the payload. */
export function shareUrl(baseUrl: string, doc: Architecture): string {
  const hashAt = baseUrl.indexOf('#');
  const base = hashAt === -1 ? baseUrl : baseUrl.slice(0, hashAt);
  return `${base}#${encodeShareHash(doc)}`;
}

const fail = (message: string): RestoreResult => ({ ok: false, errors: [`This share link cannot be opened: ${message}`] });

/** Accepts the fragment with or without its leading "#". Never throws. */
export function decodeShareHash(hash: string): RestoreResult {
  try {
    return decode(hash);
  } catch (e) {
    // Every known failure is handled below; this keeps "never throws" true for the unknown.
    return fail(`unexpected problem (${e instanceof Error ? e.message : String(e)})`);
  }
}

function decode(hash: string): RestoreResult {
  if (typeof hash !== 'string') return fail('it is not text');
  const trimmed = hash.trim();
  const payload = trimmed.startsWith('#') ? trimmed.slice(1) : trimmed;
  if (payload.length === 0) return fail('it holds no diagram (the part after "#" is empty)');
  if (payload.length > MAX_SHARE_HASH_CHARS) {
    return fail(`it is ${payload.length.toLocaleString('en-US')} characters long; the limit is ${MAX_SHARE_HASH_CHARS.toLocaleString('en-US')}`);
  }
  const version = /^v(\d{1,6})\./.exec(payload);
  if (!version) return fail('it does not start with a link format version such as "v1."; it may have been cut or edited');
  if (Number(version[1]) !== SHARE_LINK_VERSION) {
    return Number(version[1]) > SHARE_LINK_VERSION
      ? fail(`it uses link format v${version[1]}, newer than this app understands (v${SHARE_LINK_VERSION}); update the app to open it`)
      : fail(`link format v${version[1]} is not known`);
  }
  const bytes = fromBase64Url(payload.slice(version[0].length));
  if (typeof bytes === 'string') return fail(bytes);
  const inflated = inflateCapped(bytes, MAX_SHARE_INFLATED_BYTES);
  if (typeof inflated === 'string') return fail(inflated);
  let text: string;
  try {
    text = strFromU8(inflated);
  } catch {
    return fail('the decompressed data is not text');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`the decompressed data is not valid JSON (${(e as Error).message})`);
  }
  const restored = restoreDocument(data);
  if (!restored.ok) return { ok: false, errors: ['This share link holds a document that cannot be opened:', ...restored.errors] };
  return restored;
}

/** Inflate raw DEFLATE data, giving up as soon as the output passes `maxBytes`. */
function inflateCapped(data: Uint8Array, maxBytes: number): Uint8Array | string {
  if (data.length === 0) return 'the compressed data is empty';
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  const stream = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) tooBig = true;
    else chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length && !tooBig; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, data.length);
      stream.push(data.subarray(at, end), end === data.length);
    }
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return /EOF/i.test(reason)
      ? 'the compressed data ends too early; the link was probably cut off when it was copied'
      : `the compressed data is damaged (${reason})`;
  }
  if (tooBig) return `it unpacks to more than ${maxBytes.toLocaleString('en-US')} bytes, far more than any diagram; it was refused`;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// ---- base64url (RFC 4648 §5, no padding); no btoa/Buffer so it runs in any JS runtime ----

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += ALPHABET[n & 63];
  }
  return out;
}

/** Bytes, or a message saying what is wrong with the text. */
export function fromBase64Url(text: string): Uint8Array | string {
  const clean = text.replace(/=+$/, '');
  if (clean.length === 0) return 'it holds no data after the version';
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    if (code >= 128 || LOOKUP[code] < 0) {
      return `character ${i + 1} after the version (${JSON.stringify(clean[i])}) is not allowed in a link payload (A–Z, a–z, 0–9, "-", "_")`;
    }
  }
  if (clean.length % 4 === 1) return 'its data has an impossible length; the link was probably cut off';
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = LOOKUP[clean.charCodeAt(i)];
    const b = LOOKUP[clean.charCodeAt(i + 1)];
    const c = i + 2 < clean.length ? LOOKUP[clean.charCodeAt(i + 2)] : 0;
    const d = i + 3 < clean.length ? LOOKUP[clean.charCodeAt(i + 3)] : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = (n >> 16) & 255;
    if (i + 2 < clean.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < clean.length) out[o++] = n & 255;
  }
  return out;
}
