import { describe, expect, it, vi } from 'vitest';
import { makeDoc } from '../testing/docs';
import { runSimulation } from '../simulation';
import { Histogram } from '../metrics/histogram';
import { ZipfSampler } from '../traffic/zipf';
import { EventQueue } from './eventQueue';
import { Rng, logNormal, lognormalFromMeanP99, normalQuantile, sampleLogNormal } from './rng';
import { TtlCache } from '../services/ttlCache';

// simulations take seconds on a busy 2-core machine; the default 5 s is too tight
vi.setConfig({ testTimeout: 60_000 });

describe('event queue', () => {
  it('pops in (time, insertion) order', () => {
    const q = new EventQueue(4);
    const rng = new Rng(1, 'q');
    const pushed: [number, number][] = [];
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rng.next() * 100); // many ties
      q.push(t, 0, 0, i, 0);
      pushed.push([t, i]);
    }
    pushed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [t, i] of pushed) {
      expect(q.pop()).toBe(true);
      expect([q.topTimeMs, q.topA]).toEqual([t, i]);
    }
    expect(q.pop()).toBe(false);
  });
});

describe('random streams', () => {
  it('are reproducible and independent per (seed, node, purpose)', () => {
    const a = new Rng(42, 'fn', 'handler');
    const b = new Rng(42, 'fn', 'handler');
    const c = new Rng(42, 'fn', 'init');
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs);
  });

  it('changing one node leaves another node’s numbers alone', () => {
    const doc = (otherMemoryMb: number) =>
      makeDoc(
        [
          { id: 'u1', type: 'client', config: { traffic: { shape: 'constant', rps: 20 } } },
          { id: 'u2', type: 'client', config: { traffic: { shape: 'constant', rps: 20 } } },
          { id: 'a', type: 'lambda' },
          { id: 'b', type: 'lambda', config: { memoryMb: otherMemoryMb } },
        ],
        [
          ['u1', 'a'],
          ['u2', 'b'],
        ],
        { durationS: 30 },
      );
    const x = runSimulation(doc(128)).nodes.a;
    const y = runSimulation(doc(2048)).nodes.a;
    expect(y).toEqual(x);
  });

  it('fits a log-normal to a mean and p99', () => {
    const d = lognormalFromMeanP99(50, 250);
    const rng = new Rng(3, 'ln');
    const n = 200_000;
    const xs = Float64Array.from({ length: n }, () => sampleLogNormal(rng, d)).sort();
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    expect(mean).toBeGreaterThan(49);
    expect(mean).toBeLessThan(51);
    expect(xs[Math.floor(0.99 * n)]).toBeGreaterThan(240);
    expect(xs[Math.floor(0.99 * n)]).toBeLessThan(260);
  });

  it('draws a log-normal from its tabulated quantile function within 2e-4 of exact inversion (6e-4 at the widest)', () => {
    /** Hands out chosen 32-bit values, to compare the table with exact inversion of the same uniform. */
    class Fixed extends Rng {
      value = 0;
      override nextU32(): number {
        return this.value;
      }
    }
    const fixed = new Fixed(1, 'fixed');
    for (const [sigma, bound] of [
      [0.1, 2e-5],
      [0.5, 1e-4],
      [1, 2e-4],
      [2.3263, 6e-4], // the widest a mean/p99 fit gives (p99/mean = e^(z²/2))
    ]) {
      const d = logNormal(2, sigma);
      let worst = 0;
      for (let k = 0; k < 200_000; k++) {
        fixed.value = Math.floor((k / 200_000) * 4294967296) + (k % 7919);
        const exact = Math.exp(2 + sigma * normalQuantile((fixed.value + 0.5) / 4294967296));
        worst = Math.max(worst, Math.abs(sampleLogNormal(fixed, d) / exact - 1));
      }
      expect(worst).toBeGreaterThan(0); // interpolated somewhere (not the exact path everywhere)
      expect(worst).toBeLessThan(bound);
    }
  });

  it('takes one 32-bit draw per log-normal, as rng.lognormal does', () => {
    const a = new Rng(4, 'ln');
    const b = new Rng(4, 'ln');
    const d = logNormal(1, 0.7);
    for (let i = 0; i < 1000; i++) {
      const x = sampleLogNormal(a, d);
      const y = b.lognormal(1, 0.7);
      expect(Math.abs(x / y - 1)).toBeLessThan(2e-4);
    }
    expect(a.nextU32()).toBe(b.nextU32());
  });
});

describe('Zipf sampler', () => {
  it('draws key k with probability ∝ 1/k^s', () => {
    const n = 20;
    const s = 1.1;
    const z = new ZipfSampler(n, s);
    const rng = new Rng(5, 'zipf');
    const draws = 200_000;
    const counts = new Array(n + 1).fill(0);
    for (let i = 0; i < draws; i++) counts[z.sample(rng)]++;
    const norm = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s).reduce((a, b) => a + b, 0);
    for (const k of [1, 2, 5, 20]) {
      const p = 1 / k ** s / norm;
      const se = Math.sqrt((p * (1 - p)) / draws);
      expect(Math.abs(counts[k] / draws - p)).toBeLessThan(4 * se);
    }
  });
});

describe('histogram', () => {
  it('gives percentiles within 1% of the exact ones', () => {
    const h = new Histogram();
    const rng = new Rng(9, 'h');
    const xs: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const v = rng.exponential(100);
      xs.push(v);
      h.record(v);
    }
    xs.sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = xs[Math.ceil(q * xs.length) - 1];
      expect(Math.abs(h.quantile(q) / exact - 1)).toBeLessThan(0.01);
    }
    expect(h.maxMs).toBe(xs[xs.length - 1]);
  });
});

describe('TTL cache', () => {
  it('expires after its TTL and evicts the least recently used at capacity', () => {
    const c = new TtlCache(3, 1000, true);
    c.put(1, 0);
    c.put(2, 0);
    c.put(3, 0);
    expect(c.hit(1, 10)).toBe(true); // 1 is now most recent
    c.put(4, 10); // evicts 2
    expect(c.hit(2, 20)).toBe(false);
    expect(c.hit(1, 20)).toBe(true);
    expect(c.hit(3, 1001)).toBe(false); // expired
    for (let k = 100; k < 5000; k++) c.put(k, 2000);
    expect(c.size).toBe(3);
    expect(c.hit(4999, 2001)).toBe(true);
  });
});

describe('histogram quantilesInto', () => {
  it('agrees with quantile()', () => {
    const h = new Histogram();
    const rng = new Rng(11, 'q');
    for (let i = 0; i < 10_000; i++) h.record(rng.exponential(20));
    const qs = [0.01, 0.5, 0.95, 0.99, 1];
    expect(h.quantilesInto(qs, [])).toEqual(qs.map((q) => h.quantile(q)));
  });
});

describe('exponential (ziggurat)', () => {
  it('passes a Kolmogorov–Smirnov test against 1 − e^−x', () => {
    const rng = new Rng(13, 'exp');
    const n = 100_000;
    const xs = Float64Array.from({ length: n }, () => rng.exponential(1)).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = 1 - Math.exp(-xs[i]);
      d = Math.max(d, Math.abs(f - (i + 1) / n), Math.abs(f - i / n));
    }
    expect(d).toBeLessThan(1.63 / Math.sqrt(n)); // 1% critical value
    expect(xs.reduce((s, x) => s + x, 0) / n).toBeCloseTo(1, 1);
  });
});

/** Standard normal CDF from the complementary error function (Numerical Recipes erfcc, relative error < 1.2e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

describe('normal (Acklam inversion)', () => {
  it('passes a Kolmogorov–Smirnov test against Φ, with mean 0 and variance 1', () => {
    const rng = new Rng(17, 'normal');
    const n = 200_000;
    const xs = Float64Array.from({ length: n }, () => rng.normal()).sort();
    let d = 0;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const f = phi(xs[i]);
      d = Math.max(d, Math.abs(f - (i + 1) / n), Math.abs(f - i / n));
      sum += xs[i];
      sq += xs[i] * xs[i];
    }
    expect(d).toBeLessThan(1.63 / Math.sqrt(n)); // 1% critical value
    expect(Math.abs(sum / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(sq / n).toBeCloseTo(1, 2);
  });

  it('puts the right mass in the tails (the central region and the two tail formulas meet at p = 0.02425)', () => {
    const rng = new Rng(19, 'normal-tail');
    const n = 2_000_000;
    let beyond3 = 0;
    let beyond4 = 0;
    let positive = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      if (Math.abs(z) > 3) beyond3++;
      if (Math.abs(z) > 4) beyond4++;
      if (z > 0) positive++;
    }
    const within = (count: number, p: number) => Math.abs(count - n * p) < 5 * Math.sqrt(n * p * (1 - p));
    expect(within(beyond3, 2 * (1 - phi(3)))).toBe(true); // 0.27%
    expect(within(beyond4, 2 * (1 - phi(4)))).toBe(true); // 63 per million
    expect(within(positive, 0.5)).toBe(true);
  });
});
