import type { Outcome } from '../../sim/api';

/** One colour per outcome, on the canvas and in the charts alike. */
export const OUTCOME_COLOURS: Record<Outcome, string> = {
  ok: '#16a34a',
  throttled: '#f59e0b',
  error: '#dc2626',
  timeout: '#9333ea',
};
