/**
 * Window series kept for charts and the scrubber. Past `cap` windows the series is halved
 * by merging neighbours, and later windows are merged in groups of the same size, so any
 * run length keeps at most `cap` samples. Merged end-to-end percentiles are means of the
 * windows' percentiles weighted by successful requests (whose latency they are); a node's
 * by its requests (an approximation; the summary's percentiles are exact to 1%).
 */
import { ownValue, recordById } from '../../model';
import type { NodeWindow, WindowSample } from '../api';

export class History {
  private samples: WindowSample[] = [];
  private factor = 1;
  private partial: WindowSample | null = null;
  private partialCount = 0;

  constructor(private readonly cap = 3600) {}

  push(w: WindowSample): void {
    if (this.factor === 1) this.samples.push(w);
    else {
      this.partial = this.partial ? mergeWindows(this.partial, w) : w;
      if (++this.partialCount === this.factor) {
        this.samples.push(this.partial);
        this.partial = null;
        this.partialCount = 0;
      }
    }
    if (this.samples.length > this.cap) {
      const halved: WindowSample[] = [];
      for (let i = 0; i + 1 < this.samples.length; i += 2) halved.push(mergeWindows(this.samples[i], this.samples[i + 1]));
      if (this.samples.length % 2 === 1) {
        this.partial = this.samples[this.samples.length - 1];
        this.partialCount = this.factor;
      }
      this.samples = halved;
      this.factor *= 2;
    }
  }

  all(): WindowSample[] {
    return this.partial ? [...this.samples, this.partial] : this.samples.slice();
  }
}

function wavg(a: number, wa: number, b: number, wb: number): number {
  return wa + wb > 0 ? (a * wa + b * wb) / (wa + wb) : (a + b) / 2;
}

export function mergeWindows(a: WindowSample, b: WindowSample): WindowSample {
  // end-to-end latency is of successful requests: weigh it by them
  const na = a.requests.ok;
  const nb = b.requests.ok;
  const nodes = recordById<NodeWindow>();
  for (const id of Object.keys(b.nodes)) {
    const x = ownValue(a.nodes, id);
    const y = b.nodes[id];
    nodes[id] = x ? mergeNode(x, y) : y;
  }
  return {
    tS: b.tS,
    requests: {
      ok: a.requests.ok + b.requests.ok,
      throttled: a.requests.throttled + b.requests.throttled,
      error: a.requests.error + b.requests.error,
      timeout: a.requests.timeout + b.requests.timeout,
    },
    latencyMs: {
      mean: wavg(a.latencyMs.mean, na, b.latencyMs.mean, nb),
      p50: wavg(a.latencyMs.p50, na, b.latencyMs.p50, nb),
      p95: wavg(a.latencyMs.p95, na, b.latencyMs.p95, nb),
      p99: wavg(a.latencyMs.p99, na, b.latencyMs.p99, nb),
    },
    coldStarts: a.coldStarts + b.coldStarts,
    costUsd: b.costUsd,
    costByService: b.costByService,
    nodes,
  };
}

const maxOpt = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

function mergeNode(a: NodeWindow, b: NodeWindow): NodeWindow {
  const out: NodeWindow = {
    requests: a.requests + b.requests,
    ok: a.ok + b.ok,
    throttled: a.throttled + b.throttled,
    errors: a.errors + b.errors,
    timeouts: a.timeouts + b.timeouts,
  };
  if (a.latencyMs && b.latencyMs)
    out.latencyMs = {
      p50: wavg(a.latencyMs.p50, a.requests, b.latencyMs.p50, b.requests),
      p99: wavg(a.latencyMs.p99, a.requests, b.latencyMs.p99, b.requests),
    };
  else if (a.latencyMs || b.latencyMs) out.latencyMs = a.latencyMs ?? b.latencyMs;
  if (a.busy !== undefined || b.busy !== undefined) out.busy = maxOpt(a.busy, b.busy);
  if (b.concurrencyLimit !== undefined) out.concurrencyLimit = b.concurrencyLimit;
  if (a.coldStarts !== undefined || b.coldStarts !== undefined) out.coldStarts = (a.coldStarts ?? 0) + (b.coldStarts ?? 0);
  if (a.queueDepth !== undefined || b.queueDepth !== undefined) out.queueDepth = maxOpt(a.queueDepth, b.queueDepth);
  if (b.hitRatio !== undefined) out.hitRatio = a.hitRatio === undefined ? b.hitRatio : (a.hitRatio + b.hitRatio) / 2;
  if (a.iteratorAgeMs !== undefined || b.iteratorAgeMs !== undefined) out.iteratorAgeMs = maxOpt(a.iteratorAgeMs, b.iteratorAgeMs);
  return out;
}
