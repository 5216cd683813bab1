/** The pieces replications and sweeps share: seeds, intervals across runs, --set paths. */
import { describe, expect, it } from 'vitest';
import { restoreDocument, type Architecture } from '../model';
import { acrossInterval, parseSetOption, relativeHalfWidth, replicationSeeds, sweepVariants } from './runs';

const doc = (() => {
  const r = restoreDocument({
    format: 'serverless-sandbox',
    version: 1,
    name: 't',
    settings: { seed: 7, durationS: 10 },
    nodes: [
      { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 5 } } },
      { id: 'fn', type: 'lambda', label: 'Orders v2.1', config: {} },
    ],
    edges: [{ id: 'e1', source: 'users', target: 'fn' }],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.document as Architecture;
})();

describe('replicationSeeds', () => {
  it('counts up from the base seed and wraps inside the seed range', () => {
    expect(replicationSeeds(42, 3)).toEqual([42, 43, 44]);
    expect(replicationSeeds(4_294_967_295, 2)).toEqual([4_294_967_295, 0]);
  });
});

describe('acrossInterval', () => {
  it('is the mean ± t(0.975, n−1)·s/√n', () => {
    const i = acrossInterval([1, 2, 3, 4]);
    expect(i.mean).toBe(2.5);
    expect(i.halfWidth).toBeCloseTo((3.182 * Math.sqrt(5 / 3)) / 2, 6);
    expect(relativeHalfWidth(i)).toBeCloseTo(i.halfWidth / 2.5, 9);
  });
  it('has no width from one run', () => {
    expect(Number.isNaN(acrossInterval([5]).halfWidth)).toBe(true);
    expect(relativeHalfWidth(acrossInterval([5]))).toBe(Infinity);
  });
});

describe('parseSetOption', () => {
  it('finds the node by type and id, by id, or by a label with dots, and the field in its config', () => {
    for (const name of ['lambda.fn.memoryMb', 'fn.memoryMb', 'fn.config.memoryMb', 'Orders v2.1.memoryMb', 'lambda.Orders v2.1.memoryMb']) {
      const r = parseSetOption(doc, `${name}=128,256`);
      expect(r.ok, name).toBe(true);
      if (r.ok) expect(r.axis).toEqual({ name, path: ['nodes', 1, 'config', 'memoryMb'], values: [128, 256] });
    }
    const nested = parseSetOption(doc, 'users.traffic.rps=1,2.5');
    expect(nested.ok && nested.axis.path).toEqual(['nodes', 0, 'config', 'traffic', 'rps']);
    const setting = parseSetOption(doc, 'settings.accountConcurrency=100');
    expect(setting.ok && setting.axis.path).toEqual(['settings', 'accountConcurrency']);
    const text = parseSetOption(doc, 'fn.architecture=arm64,x86_64');
    expect(text.ok && text.axis.values).toEqual(['arm64', 'x86_64']);
  });
  it('says what is wrong', () => {
    const noNode = parseSetOption(doc, 'dynamodb.fn.memoryMb=1');
    expect(noNode.ok).toBe(false);
    const noField = parseSetOption(doc, 'fn.memory=1');
    expect(!noField.ok && noField.error).toContain('no field "memory"');
    expect(parseSetOption(doc, 'fn.memoryMb').ok).toBe(false);
  });
});

describe('sweepVariants', () => {
  it('builds the grid (first axis slowest), each a valid document, and reports values out of range', () => {
    const a = parseSetOption(doc, 'fn.memoryMb=128,1024');
    const b = parseSetOption(doc, 'users.traffic.rps=1,2');
    if (!a.ok || !b.ok) throw new Error('parse');
    const r = sweepVariants(doc, [a.axis, b.axis]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.variants.map((v) => v.set)).toEqual([
      { 'fn.memoryMb': 128, 'users.traffic.rps': 1 },
      { 'fn.memoryMb': 128, 'users.traffic.rps': 2 },
      { 'fn.memoryMb': 1024, 'users.traffic.rps': 1 },
      { 'fn.memoryMb': 1024, 'users.traffic.rps': 2 },
    ]);
    const fn = r.variants[2].doc.nodes[1];
    expect(fn.type === 'lambda' && fn.config.memoryMb).toBe(1024);
    expect(doc.nodes[1].type === 'lambda' && doc.nodes[1].config.memoryMb).not.toBe(1024); // the original is untouched
    const bad = parseSetOption(doc, 'fn.memoryMb=64');
    if (!bad.ok) throw new Error('parse');
    const out = sweepVariants(doc, [bad.axis]);
    expect(!out.ok && out.errors[0]).toMatch(/fn\.memoryMb=64: .*memoryMb/);
  });
});
