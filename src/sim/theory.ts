/**
 * Closed-form queueing results the simulator is checked against (and that a lesson may
 * quote): Erlang B loss, Erlang C waiting, the TTL-cache hit ratio.
 */

/** Erlang B: probability an arrival finds all c servers busy, offered load a = λ/μ. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability an arrival waits in an M/M/c queue (requires a < c). */
export function erlangC(c: number, a: number): number {
  const b = erlangB(c, a);
  const rho = a / c;
  return b / (1 - rho + rho * b);
}

/** Mean wait in queue of M/M/c, in the unit of 1/μ and 1/λ (e.g. ms when rates are per ms). */
export function mmcMeanWait(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** Hit ratio of a TTL cache for one key with Poisson requests at rate λ and TTL T (λT/(1+λT)). */
export function ttlHitRatio(lambdaPerS: number, ttlS: number): number {
  const x = lambdaPerS * ttlS;
  return x / (1 + x);
}
