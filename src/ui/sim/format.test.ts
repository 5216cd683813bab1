import { describe, expect, it } from 'vitest';
import {
  axis,
  decimalsFor,
  formatCompact,
  formatCount,
  formatGbS,
  formatMs,
  formatPercent,
  formatRps,
  formatSeconds,
  formatTick,
  formatUsd,
  niceStep,
  plural,
} from './format';

describe('numbers read one way', () => {
  it('separates thousands in counts and never prints NaN', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(1_902_345.6)).toBe('1,902,346');
    expect(formatCount(Number.NaN)).toBe('—');
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(1902, 'request')).toBe('1,902 requests');
    expect(plural(2, 'retry', 'retries')).toBe('2 retries');
  });

  it('compacts large counts: 950, 1.2 k, 12 k, 1.5 M', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1234)).toBe('1.2 k');
    expect(formatCompact(12_345)).toBe('12.3 k');
    expect(formatCompact(123_456)).toBe('123 k');
    expect(formatCompact(1_500_000)).toBe('1.5 M');
    expect(formatCompact(2_000)).toBe('2 k');
    expect(formatCompact(0.25)).toBe('0.25');
    expect(formatTick(0.004)).not.toMatch(/e/);
  });

  it('switches milliseconds to seconds at one second', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(0.42)).toBe('0.42 ms');
    expect(formatMs(4)).toBe('4 ms');
    expect(formatMs(4.25)).toBe('4.3 ms');
    expect(formatMs(42.5)).toBe('42.5 ms');
    expect(formatMs(350.4)).toBe('350 ms');
    expect(formatMs(999.7)).toBe('1 s');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatMs(12_340)).toBe('12.3 s');
    expect(formatMs(125_000)).toBe('125 s');
    expect(formatMs(1_250_000)).toBe('1,250 s');
  });

  it('says simulated time as people do', () => {
    expect(formatSeconds(45)).toBe('45 s');
    expect(formatSeconds(150)).toBe('2.5 min');
    expect(formatSeconds(5400)).toBe('1.5 h');
    expect(formatSeconds(86_400)).toBe('24 h');
  });

  it('prices with the precision the amount needs, tiny costs included', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(1234.56)).toBe('$1,235');
    expect(formatUsd(12.345)).toBe('$12.35');
    expect(formatUsd(0.42)).toBe('$0.42');
    expect(formatUsd(0.1)).toBe('$0.10');
    expect(formatUsd(0.006)).toBe('$0.006');
    expect(formatUsd(0.00123)).toBe('$0.0012');
    expect(formatUsd(0.00000042)).toBe('$0.00000042');
    expect(formatUsd(4e-12)).toBe('$0');
    expect(formatUsd(-0.5)).toBe('-$0.50');
    for (const x of [6e-3, 6e-5, 3.3e-7]) expect(formatUsd(x)).not.toMatch(/e/);
  });

  it('never rounds a share that is not exactly 0 or 1 to 0% or 100%', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.13)).toBe('13%');
    expect(formatPercent(0.999)).toBe('99.9%');
    expect(formatPercent(0.9996)).toBe('99.96%');
    expect(formatPercent(0.004)).toBe('0.4%');
    expect(formatPercent(0.00004)).toBe('<0.01%');
    expect(formatPercent(0.999999)).toBe('>99.99%');
    expect(formatPercent(0.05)).toBe('5%');
  });

  it('rates and compute', () => {
    expect(formatRps(12.5)).toBe('12.5/s');
    expect(formatRps(1234)).toBe('1,234/s');
    expect(formatRps(50)).toBe('50/s');
    expect(formatGbS(12.5)).toBe('12.5 GB-s');
    expect(formatGbS(1234.4)).toBe('1,234 GB-s');
    expect(formatGbS(0.0125)).toBe('0.013 GB-s');
  });
});

describe('axes', () => {
  const labels = (max: number, unit: Parameters<typeof axis>[1]) => {
    const a = axis(max, unit);
    return a.ticks.map(a.format);
  };

  it('picks round steps and the decimals their step needs', () => {
    expect(niceStep(100)).toBe(25);
    expect(niceStep(14, 4, true)).toBe(5);
    expect(niceStep(3, 4, true)).toBe(1);
    expect(niceStep(0.006)).toBe(0.002);
    expect(decimalsFor(0.0025)).toBe(4);
    expect(decimalsFor(0.1)).toBe(1);
    expect(decimalsFor(250)).toBe(0);
  });

  it('labels latency in ms, switching the whole axis to seconds at 1 s', () => {
    expect(labels(320, 'ms')).toEqual(['0', '100 ms', '200 ms', '300 ms', '400 ms']);
    expect(labels(1400, 'ms')).toEqual(['0', '0.5 s', '1.0 s', '1.5 s']);
    expect(labels(7, 'ms')).toEqual(['0', '2 ms', '4 ms', '6 ms', '8 ms']);
  });

  it('labels dollars without exponents and never two ticks alike', () => {
    expect(labels(0.006, 'usd')).toEqual(['0', '$0.002', '$0.004', '$0.006']);
    expect(labels(0.011, 'usd')).toEqual(['0', '$0.005', '$0.010', '$0.015']);
    expect(labels(3.2, 'usd')).toEqual(['0', '$1', '$2', '$3', '$4']);
    expect(labels(0.7, 'usd')).toEqual(['0', '$0.20', '$0.40', '$0.60', '$0.80']);
    expect(labels(25_000, 'usd')).toEqual(['0', '$10 k', '$20 k', '$30 k']);
  });

  it('labels counts and rates, compacting from 1,000', () => {
    expect(labels(14, 'count')).toEqual(['0', '5', '10', '15']);
    expect(labels(2, 'count')).toEqual(['0', '1', '2']);
    expect(labels(0.8, 'rate')).toEqual(['0', '0.2', '0.4', '0.6', '0.8']);
    expect(labels(4800, 'rate')).toEqual(['0', '2 k', '4 k', '6 k']);
    expect(labels(1200, 'rate')).toEqual(['0', '0.5 k', '1.0 k', '1.5 k']);
    expect(labels(2_300_000, 'rate')).toEqual(['0', '1 M', '2 M', '3 M']);
  });

  it('has distinct labels for every tick set from tiny to huge', () => {
    for (const unit of ['count', 'rate', 'ms', 'usd'] as const) {
      for (let e = -7; e <= 7; e++) {
        for (const m of [1, 1.3, 2.2, 3.7, 4.9, 7.5, 9.9]) {
          const max = m * 10 ** e;
          const a = axis(max, unit);
          const shown = a.ticks.map(a.format);
          expect(new Set(shown).size, `${unit} ${max}: ${shown.join(' ')}`).toBe(shown.length);
          expect(shown.join(' ')).not.toMatch(/\de[-+]?\d/);
          expect(a.max).toBeGreaterThanOrEqual(unit === 'count' ? Math.min(max, a.max) : max * (1 - 1e-9));
          expect(a.ticks.length).toBeLessThanOrEqual(6);
        }
      }
    }
  });

  it('gives an empty series a sensible axis', () => {
    expect(axis(0, 'ms').ticks).toEqual([0, 1]);
    expect(axis(0, 'usd').ticks).toEqual([0, 0.01]);
    expect(axis(Number.NaN, 'count').ticks).toEqual([0, 1]);
  });
});
