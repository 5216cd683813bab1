/**
 * How every number on screen reads — totals, cards, log, charts, summary: one module, so a
 * count, a latency or a price looks the same wherever it appears. Thousands separated
 * (1,234), milliseconds switching to seconds at 1 s (350 ms, 1.5 s), dollars with the
 * precision the amount needs ($12.34, $0.42, $0.006), large values on axes compacted
 * (1.2 k). Never exponent notation.
 */

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DASH = '—';

/** Fixed decimals with thousands separators: fixed(1234.5, 1) = "1,234.5". */
const FIXED: Intl.NumberFormat[] = [];
function fixed(n: number, decimals: number): string {
  const f = (FIXED[decimals] ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));
  return f.format(n);
}

/** Drops a fractional part made only of zeros: "2.50" stays, "2.00" → "2", "0.0" → "0". */
function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  return INT.format(Math.round(n));
}

/** "3 requests", "1 request", "1,234 requests". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${Math.round(n) === 1 ? one : many}`;
}

/** Counts too large for their space: 950, 1.2 k, 12 k, 1.5 M. */
export function formatCompact(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trimZeros(fixed(n / 1e9, abs >= 1e10 ? 0 : 1))} G`;
  if (abs >= 1e6) return `${trimZeros(fixed(n / 1e6, abs >= 1e7 ? 0 : 1))} M`;
  if (abs >= 1e4) return `${trimZeros(fixed(n / 1e3, abs >= 1e5 ? 0 : 1))} k`;
  if (abs >= 1e3) return `${trimZeros(fixed(n / 1e3, 1))} k`;
  if (abs >= 10 || Number.isInteger(n)) return formatCount(n);
  return trimZeros(n.toFixed(abs >= 1 ? 1 : 2)) || '0';
}

export function formatClock(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A latency or a duration: 0.4 ms, 4.2 ms, 350 ms, 1.5 s, 12.3 s, 125 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0 ms';
  if (ms >= 100_000) return `${fixed(ms / 1000, 0)} s`;
  if (ms >= 999.5) return `${trimZeros(fixed(ms / 1000, 1))} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${trimZeros(ms.toFixed(1))} ms`;
  return `${trimZeros(ms.toFixed(ms >= 1 ? 1 : 2)) || '0'} ms`;
}

/** Simulated seconds as people say them: 45 s, 2.5 min, 1.5 h. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return DASH;
  if (Math.abs(s) < 120) return `${trimZeros(fixed(s, Number.isInteger(s) ? 0 : 1))} s`;
  if (Math.abs(s) < 3600) return `${trimZeros(fixed(s / 60, 1))} min`;
  return `${trimZeros(fixed(s / 3600, 1))} h`;
}

/**
 * Dollars: $1,234 from a thousand up, cents below ($12.34, $0.42), and under a cent two
 * significant digits ($0.006, $0.0012, $0.00000040 → "$0.0000004"). Zero is "$0".
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return DASH;
  if (usd === 0) return '$0';
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  if (abs >= 1000) return `${sign}$${INT.format(abs)}`;
  if (abs >= 0.01) return `${sign}$${fixed(abs, 2)}`;
  // two significant digits, never more than 8 decimals (the summary's own precision)
  const decimals = Math.min(8, 1 - Math.floor(Math.log10(abs)));
  const text = trimZeros(abs.toFixed(decimals));
  return text === '0' ? '$0' : `${sign}$${text}`;
}

/**
 * A share: 13%, 99.9%, 0.4%, 100%. Never rounds a share that is not exactly 0 or 1 to
 * "0%" or "100%" (99.96% stays "99.96%", 0.001% reads "<0.01%").
 */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return DASH;
  const pct = ratio * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  const abs = Math.abs(pct);
  let decimals = abs >= 10 && abs <= 99 ? 0 : 1;
  while (decimals < 2) {
    const r = Number(pct.toFixed(decimals));
    if (r !== 0 && r !== 100) break;
    decimals++;
  }
  const text = trimZeros(pct.toFixed(decimals));
  if (Number(text) === 0) return pct > 0 ? '<0.01%' : '>-0.01%';
  if (Number(text) === 100) return '>99.99%';
  return `${text}%`;
}

export function formatRps(rps: number): string {
  if (!Number.isFinite(rps)) return DASH;
  return rps >= 100 ? `${formatCount(rps)}/s` : `${trimZeros(rps.toFixed(1))}/s`;
}

/** Gigabyte-seconds of Lambda compute: "12.5 GB-s". */
export function formatGbS(gbS: number): string {
  if (!Number.isFinite(gbS)) return DASH;
  return `${gbS >= 100 ? formatCount(gbS) : trimZeros(gbS.toFixed(gbS >= 1 ? 1 : 3)) || '0'} GB-s`;
}

/** Axis ticks without a unit (the caller knows it): 0.25, 12, 1.2 k, 3 M. Kept for compare. */
export function formatTick(n: number): string {
  return formatCompact(n);
}

// ---------------------------------------------------------------------------------------
// Axes: a few round ticks from zero, labelled with the precision their step needs

export type AxisUnit = 'count' | 'rate' | 'ms' | 'usd';

export interface Axis {
  /** From 0 up to the first tick at or above the data's maximum. */
  ticks: number[];
  step: number;
  /** Top of the axis (the last tick). */
  max: number;
  format: (n: number) => string;
  /** Pixels the longest tick label needs at the chart's 10 px font. */
  width: number;
}

const STEPS = [1, 2, 2.5, 5, 10];

/** A round step so that about `count` steps cover `max`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(max: number, count = 4, integer = false): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = power * 10;
  for (const m of STEPS) {
    if (m * power >= raw * (1 - 1e-9)) {
      step = m * power;
      break;
    }
  }
  if (integer && step < 1) return 1;
  // 2.5 of an integer unit (25, 250) is fine; 2.5 itself is not, for whole things
  if (integer && step === 2.5) return 5;
  return step;
}

/** Decimals needed so that two neighbouring ticks `step` apart never print the same. */
export function decimalsFor(step: number): number {
  if (!(step > 0)) return 0;
  let d = 0;
  for (let x = step; d < 10 && Math.abs(x - Math.round(x)) > 1e-6 * x; x *= 10) d++;
  return d;
}

/**
 * Ticks 0, step, 2·step … covering `dataMax` (at least `min`), labelled in `unit`.
 * Latency ticks switch to seconds when the top reaches 1 s; counts and rates to k / M
 * when the top reaches 1,000; dollars keep at least cents.
 */
export function axis(dataMax: number, unit: AxisUnit, count = 4): Axis {
  const integer = unit === 'count';
  const floor = unit === 'usd' ? 0.01 : 1;
  const empty = !(dataMax > 0) || !Number.isFinite(dataMax);
  const top0 = empty ? floor : dataMax;
  const step = empty ? floor : niceStep(top0, count, integer);
  const n = Math.max(1, Math.ceil(top0 / step - 1e-9));
  const ticks = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  const max = ticks[ticks.length - 1];
  const format = tickFormat(unit, step, max);
  const width = Math.ceil(Math.max(...ticks.map((t) => format(t).length)) * 6.5 + 14);
  return { ticks, step, max, format, width };
}

export function tickFormat(unit: AxisUnit, step: number, max: number): (n: number) => string {
  const zero = (f: (n: number) => string) => (n: number) => (n === 0 ? '0' : f(n));
  switch (unit) {
    case 'ms':
      if (max >= 1000) {
        const d = decimalsFor(step / 1000);
        return zero((n) => `${fixed(n / 1000, d)} s`);
      }
      return zero((n) => `${fixed(n, decimalsFor(step))} ms`);
    case 'usd': {
      if (max >= 10_000) {
        const d = decimalsFor(step / 1000);
        return zero((n) => `$${fixed(n / 1000, d)} k`);
      }
      const d = step >= 1 ? decimalsFor(step) : Math.max(2, decimalsFor(step));
      return zero((n) => `$${fixed(n, d)}`);
    }
    case 'count':
    case 'rate': {
      if (max >= 1e6) {
        const d = decimalsFor(step / 1e6);
        return zero((n) => `${fixed(n / 1e6, d)} M`);
      }
      if (max >= 1000) {
        const d = decimalsFor(step / 1000);
        return zero((n) => `${fixed(n / 1000, d)} k`);
      }
      const d = decimalsFor(step);
      return zero((n) => fixed(n, d));
    }
  }
}
