/**
 * Helpers for the calibration tests (pure: each test reads its file of ./data itself): read
 * the simulator's own figures back and size the tolerances from the measured spread.
 */
import type { Simulation } from '../simulation';
import type { LambdaService } from '../services/lambda';

export function lambdaOf(sim: Simulation, id: string): LambdaService {
  const svc = (sim as unknown as { k: { services: { id: string }[] } }).k.services.find((s) => s.id === id);
  if (!svc) throw new Error(`no node ${id}`);
  return svc as LambdaService;
}

export const Z = { p10: -1.2815515655446004, p50: 0, p90: 1.2815515655446004, p99: 2.3263478740408408 } as const;
export const P = { p10: 0.1, p50: 0.5, p90: 0.9, p99: 0.99 } as const;
export type Pct = keyof typeof P;
export const PCTS: Pct[] = ['p10', 'p50', 'p90', 'p99'];

/**
 * Relative standard error of an estimated p-quantile from n draws: sqrt(p(1−p)/n) / f(x_p),
 * with the density taken from the measured percentiles themselves: ln x against the normal
 * z, d ln x / dz the steeper of the two neighbouring stretches (the lower density, so the
 * larger error), φ(z) the normal density.
 */
export function quantileRelSe(q: Record<Pct, number>, k: Pct, n: number): number {
  const seg = (a: Pct, b: Pct) => Math.log(q[b] / q[a]) / (Z[b] - Z[a]);
  const slope =
    k === 'p10'
      ? seg('p10', 'p50')
      : k === 'p50'
        ? Math.max(seg('p10', 'p50'), seg('p50', 'p90'))
        : k === 'p90'
          ? Math.max(seg('p50', 'p90'), seg('p90', 'p99'))
          : seg('p90', 'p99');
  const z = Z[k];
  const phi = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  return (Math.sqrt((P[k] * (1 - P[k])) / n) * slope) / phi;
}

export const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
export const tolPct = (x: number) => `±${(x * 100).toFixed(1)}%`;
