/** Offered load over time for the client's traffic shapes (model/nodes/client.ts). */
import type { ClientConfig } from '../../model';

export type Traffic = ClientConfig['traffic'];

/** Requests per second at simulated time `tMs` of a run lasting `durationMs`. */
export function rateAt(t: Traffic, tMs: number, durationMs: number): number {
  switch (t.shape) {
    case 'constant':
      return t.rps;
    case 'ramp':
      return t.fromRps + (t.toRps - t.fromRps) * Math.min(1, tMs / Math.max(1, durationMs));
    case 'spike':
      return tMs >= t.atS * 1000 && tMs < (t.atS + t.lengthS) * 1000 ? t.peakRps : t.baseRps;
    case 'diurnal':
      // a sine wave starting at the minimum: quiet at t = 0, busiest at half a period
      return t.minRps + ((t.maxRps - t.minRps) * (1 - Math.cos((2 * Math.PI * tMs) / (t.periodS * 1000)))) / 2;
  }
}

/** An upper bound of the rate over the run, for thinning. */
export function maxRate(t: Traffic): number {
  switch (t.shape) {
    case 'constant':
      return t.rps;
    case 'ramp':
      return Math.max(t.fromRps, t.toRps);
    case 'spike':
      return Math.max(t.baseRps, t.peakRps);
    case 'diurnal':
      return Math.max(t.minRps, t.maxRps);
  }
}
