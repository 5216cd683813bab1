/**
 * The event log in plain words, aggregated: repeated events of one kind at one node within
 * a window become one line ("fn: 37 requests throttled (429) — reserved concurrency 10
 * reached"). Nodes are written `<id>` (`ref`), counts with thousands separators (`num`).
 * The buffer of lines not yet taken by a frame is bounded.
 */
import type { LogEvent, LogKind } from '../api';

/**
 * A node named in a log line. The page shows the node's label in its place (ids never hold
 * angle brackets), so lines name what people called things, and a rename applies at once.
 */
export function ref(id: string): string {
  return `<${id}>`;
}

/** A count in a log line, thousands separated the way the page shows numbers: 1,902. */
export function num(n: number): string {
  const s = String(Math.round(n));
  // most counts and times in trace notes are short: no regular expression for them
  if (s.length <= 3) return s;
  if (n > 0 && n < 999_999.5) return `${s.slice(0, -3)},${s.slice(-3)}`;
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

interface Bucket {
  node: string;
  kind: LogKind;
  count: number;
  sum: number;
  /** Builds the sentence from the count and the mean of the values noted. */
  describe: (count: number, mean: number) => string;
}

const MAX_PENDING = 1000;

/** A counter made once per node and message, so counting an occurrence allocates nothing. */
export class LogCounter {
  count = 0;
  sum = 0;

  constructor(
    private readonly log: EventLog,
    readonly node: string,
    readonly kind: LogKind,
    readonly describe: (count: number, mean: number) => string,
  ) {}

  add(value = 0): void {
    if (this.count === 0) this.log.active.push(this);
    this.count++;
    this.sum += value;
  }
}

export class EventLog {
  private buckets = new Map<string, Bucket>();
  private pending: LogEvent[] = [];
  readonly active: LogCounter[] = [];
  dropped = 0;

  counter(node: string, kind: LogKind, describe: (count: number, mean: number) => string): LogCounter {
    return new LogCounter(this, node, kind, describe);
  }

  /** Count one occurrence; `value` (e.g. an init time) is averaged into the sentence. */
  note(node: string, kind: LogKind, reason: string, describe: (count: number, mean: number) => string, value = 0): void {
    const k = node + '\u0000' + kind + '\u0000' + reason;
    let b = this.buckets.get(k);
    if (!b) {
      b = { node, kind, count: 0, sum: 0, describe };
      this.buckets.set(k, b);
    }
    b.count++;
    b.sum += value;
  }

  /** A one-off line, written at once. */
  now(tMs: number, node: string, kind: LogKind, message: string): void {
    this.push({ tMs, node, kind, message });
  }

  /** Turn the window's counts into lines stamped at the window's end. */
  flush(tMs: number): void {
    for (const b of this.buckets.values()) {
      if (b.count > 0) this.push({ tMs, node: b.node, kind: b.kind, message: b.describe(b.count, b.sum / b.count) });
    }
    this.buckets.clear();
    for (const c of this.active) {
      this.push({ tMs, node: c.node, kind: c.kind, message: c.describe(c.count, c.sum / c.count) });
      c.count = 0;
      c.sum = 0;
    }
    this.active.length = 0;
  }

  take(): LogEvent[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  private push(e: LogEvent): void {
    this.pending.push(e);
    if (this.pending.length > MAX_PENDING) {
      this.pending.splice(0, this.pending.length - MAX_PENDING);
      this.dropped++;
    }
  }
}
