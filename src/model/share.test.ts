import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { arbitraryDocument } from '../sam/testing/arbitraryDocument';
import { defaultScenario } from './defaultScenario';
import { LIMITS } from './document';
import { MAX_SHARE_INFLATED_BYTES, SHARE_URL_WARN_CHARS, decodeShareHash, encodeShareHash, fromBase64Url, shareUrl, toBase64Url } from './share';

const RUNS = { numRuns: 200 };
const pack = (value: unknown) => 'v1.' + toBase64Url(deflateSync(strToU8(typeof value === 'string' ? value : JSON.stringify(value))));

function expectClearError(result: ReturnType<typeof decodeShareHash>, pattern?: RegExp) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) expect(typeof e).toBe('string');
  if (pattern) expect(result.errors.join('\n')).toMatch(pattern);
}

describe('share links', () => {
  it('round-trips the default scenario and carries the link format version', () => {
    const doc = defaultScenario();
    const hash = encodeShareHash(doc);
    expect(hash).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const back = decodeShareHash('#' + hash);
    expect(back).toEqual({ ok: true, document: doc, warnings: [] });
  });

  it('any valid document survives encode -> decode exactly', () => {
    fc.assert(
      fc.property(arbitraryDocument(), (doc) => {
        const back = decodeShareHash(encodeShareHash(doc));
        expect(back.ok).toBe(true);
        if (back.ok) expect(back.document).toEqual(doc);
      }),
      RUNS,
    );
  }, 30_000);

  it('any string decodes to a clear error or a valid document, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => 'v1.' + s),
        ),
        (text) => {
          const r = decodeShareHash(text);
          if (!r.ok) expectClearError(r);
        },
      ),
      RUNS,
    );
  }, 30_000);

  it('any byte string (compressed or not) decodes to a clear error or a valid document', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.boolean(), (bytes, compress) => {
        const payload = compress ? deflateSync(bytes) : bytes;
        const r = decodeShareHash('v1.' + toBase64Url(payload));
        if (!r.ok) expectClearError(r);
      }),
      RUNS,
    );
  }, 30_000);

  it('a corrupted or truncated valid link never throws', () => {
    const hash = encodeShareHash(defaultScenario());
    fc.assert(
      fc.property(fc.nat(hash.length - 1), fc.nat(63), fc.boolean(), (at, ch, cut) => {
        const damaged = cut
          ? hash.slice(0, at)
          : hash.slice(0, at) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[ch] + hash.slice(at + 1);
        const r = decodeShareHash(damaged);
        if (!r.ok) expectClearError(r);
      }),
      RUNS,
    );
  }, 30_000);

  it('names what is wrong with broken links', () => {
    expectClearError(decodeShareHash(''), /empty/);
    expectClearError(decodeShareHash('#'), /empty/);
    expectClearError(decodeShareHash('hello'), /version/);
    expectClearError(decodeShareHash('v9.abcd'), /newer/);
    expectClearError(decodeShareHash('v1.ab$d'), /not allowed/);
    expectClearError(decodeShareHash('v1.abcde'), /length/);
    const valid = encodeShareHash(defaultScenario());
    expectClearError(decodeShareHash(valid.slice(0, Math.floor(valid.length / 2))), /cut off|ends too early|damaged/);
    expectClearError(decodeShareHash('v1.' + toBase64Url(strToU8('{"not":"deflated"}'))), /compressed|JSON/);
    expectClearError(decodeShareHash(pack('{"format": "serverless-sandbox", ')), /not valid JSON/);
    expect(fromBase64Url(toBase64Url(new Uint8Array([0, 255, 1, 2])))).toEqual(new Uint8Array([0, 255, 1, 2]));
  });

  it('rejects wrong types, unknown node types and markup in ids, naming the path', () => {
    const doc = defaultScenario();
    expectClearError(decodeShareHash(pack([1, 2, 3])), /not a Serverless Sandbox document/);
    expectClearError(decodeShareHash(pack({ ...doc, nodes: 'many' })), /nodes/);
    expectClearError(decodeShareHash(pack({ ...doc, nodes: [{ ...doc.nodes[0], type: 'redshift' }] })), /not a node type/);
    expectClearError(decodeShareHash(pack({ ...doc, nodes: [{ ...doc.nodes[0], id: '<script>alert(1)</script>' }] })), /angle brackets/);
    expectClearError(decodeShareHash(pack({ ...doc, settings: { ...doc.settings, seed: 'x' } })), /settings\.seed/);
  });

  it('keeps markup in labels and names as inert text', () => {
    const doc = defaultScenario();
    const hostile = { ...doc, name: '<img src=x onerror=alert(1)>', nodes: doc.nodes.map((n) => ({ ...n, label: '<script>x</script>' })) };
    const r = decodeShareHash(encodeShareHash(hostile));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.document.name).toBe('<img src=x onerror=alert(1)>');
      expect(r.document.nodes[0].label).toBe('<script>x</script>');
    }
  });

  it(`refuses more than ${LIMITS.nodes} nodes (10,000 in the link)`, () => {
    const doc = defaultScenario();
    const nodes = Array.from({ length: 10_000 }, (_, i) => ({ id: `n${i}`, type: 'sns', position: { x: 0, y: 0 }, config: {} }));
    expectClearError(decodeShareHash(pack({ ...doc, nodes, edges: [] })), /more than 300 nodes/);
  });

  it('stops a zip bomb early', () => {
    // 30 MB of zeros deflates to ~30 KB; decoding must stop at the cap without building it.
    const bomb = deflateSync(new Uint8Array(30 * 1024 * 1024), { level: 9 });
    const hash = 'v1.' + toBase64Url(bomb);
    const before = process.memoryUsage().arrayBuffers;
    const started = Date.now();
    expectClearError(decodeShareHash(hash), /more than 2,000,000 bytes/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 1024 * 1024);
    expect(MAX_SHARE_INFLATED_BYTES).toBe(2_000_000);
  }, 30_000);

  it('migrates a version 0 document carried in a link', () => {
    const v0 = {
      version: 0,
      name: 'Draft',
      seed: 7,
      durationS: 120,
      nodes: [
        { id: 'fn', type: 'lambda', position: { x: 0, y: 0 }, data: { memoryMb: 512 } },
        { id: 'q', type: 'sqs', position: { x: 200, y: 0 }, data: {} },
      ],
      edges: [{ id: 'e1', source: 'fn', target: 'q' }],
    };
    const r = decodeShareHash(pack(v0));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(0);
    expect(r.document.version).toBe(1);
    expect(r.document.settings.seed).toBe(7);
    expect(r.document.nodes[0].type === 'lambda' && r.document.nodes[0].config.memoryMb).toBe(512);
  });

  it('builds the URL and exposes the warning threshold', () => {
    const doc = defaultScenario();
    const url = shareUrl('https://sandbox.example/app?view=1#old', doc);
    expect(url.startsWith('https://sandbox.example/app?view=1#v1.')).toBe(true);
    expect(decodeShareHash(url.slice(url.indexOf('#'))).ok).toBe(true);
    expect(url.length).toBeLessThan(SHARE_URL_WARN_CHARS);
    expect(SHARE_URL_WARN_CHARS).toBe(8000);
  });
});
