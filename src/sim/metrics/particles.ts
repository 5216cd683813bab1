/**
 * A bounded, fair sample of calls crossing edges, for animation: each edge keeps a small
 * reservoir (Vitter's algorithm R) between frames, so a 100,000 rps edge and a 1 rps edge
 * both show up and a frame never carries more than `cap` particles.
 */
import { OUTCOME_NAME, type OutcomeCode } from '../engine/call';
import type { Particle } from '../api';
import type { Rng } from '../engine/rng';

export class ParticleSampler {
  private readonly perEdge: number;
  private readonly seen: Int32Array;
  private readonly atMs: Float64Array;
  private readonly outcome: Uint8Array;

  constructor(
    private readonly edgeIds: string[],
    private readonly rng: Rng,
    cap = 200,
  ) {
    this.perEdge = Math.max(1, Math.floor(cap / Math.max(1, edgeIds.length)));
    this.seen = new Int32Array(edgeIds.length);
    this.atMs = new Float64Array(edgeIds.length * this.perEdge);
    this.outcome = new Uint8Array(edgeIds.length * this.perEdge);
  }

  offer(edge: number, atMs: number, outcome: OutcomeCode): void {
    const n = this.seen[edge]++;
    let slot = n;
    if (n >= this.perEdge) {
      slot = Math.floor(this.rng.next() * (n + 1));
      if (slot >= this.perEdge) return;
    }
    const i = edge * this.perEdge + slot;
    this.atMs[i] = atMs;
    this.outcome[i] = outcome;
  }

  take(): Particle[] {
    const out: Particle[] = [];
    for (let e = 0; e < this.edgeIds.length; e++) {
      const n = Math.min(this.seen[e], this.perEdge);
      for (let s = 0; s < n; s++) {
        const i = e * this.perEdge + s;
        out.push({ edge: this.edgeIds[e], atMs: this.atMs[i], outcome: OUTCOME_NAME[this.outcome[i] as OutcomeCode] });
      }
      this.seen[e] = 0;
    }
    return out;
  }
}
