/** How the live numbers read: calm, fixed precision, thousands separated. */

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return INT.format(Math.round(n));
}

export function formatClock(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0 ms';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : 1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd) || usd === 0) return '$0.00';
  if (Math.abs(usd) < 0.01) return `$${usd.toFixed(4)}`;
  if (Math.abs(usd) < 1000) return `$${usd.toFixed(2)}`;
  return `$${INT.format(usd)}`;
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

export function formatRps(rps: number): string {
  return rps >= 100 ? `${formatCount(rps)}/s` : `${rps.toFixed(1)}/s`;
}

/** Axis ticks: short, no unit (the chart's title carries it). */
export function formatTick(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  if (abs >= 10 || abs === 0) return String(Math.round(n));
  if (abs >= 0.01) return String(+n.toFixed(2));
  return n.toExponential(0);
}
