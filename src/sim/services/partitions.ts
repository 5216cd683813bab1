/**
 * DynamoDB partitions (reference §3.1, §9.4). A table's items are spread over partitions by
 * a hash of the partition key; each partition serves at most 3,000 read units and 1,000
 * write units per second whatever the table's mode or capacity, and burst capacity does
 * not lift that ceiling (AWS: bp-partition-key-design, burst-adaptive-capacity,
 * throttling-key-range-limit-exceeded-mitigation).
 *
 * - **How many**: max(⌈RCU / 3,000 + WCU / 1,000⌉, ⌈size / 10 GB⌉, 1) — the sizing rule of
 *   AWS's partition guide; an on-demand table is sized from its allowance (a new one from
 *   12,000 RRU / 4,000 WRU, so 8) and gains partitions as the allowance grows.
 * - **Adaptive capacity** is instant and lets a hot partition use the table's unused
 *   capacity, so no partition is held to an even share of the table: only the ceiling
 *   binds (per second, reads and writes apart).
 * - **Split for heat / isolation**: every `REVIEW_MS` (an assumption, §9.4: AWS says
 *   "within minutes") a partition that throttled or ran above `HOT_SHARE` of a ceiling in
 *   its busiest second is split: when one item carried more than half its traffic, that
 *   item is moved to a partition of its own; otherwise its key range is halved. An item on
 *   its own partition cannot be split further: a single key above 1,000 writes a second
 *   throttles for good.
 *
 * Keys are the clients' Zipf keys (1 = the most popular); the hot item of a partition is
 * found with a weighted majority vote (Boyer–Moore), O(1) per request.
 */

export const PARTITION_READ_UNITS = 3_000;
export const PARTITION_WRITE_UNITS = 1_000;
export const PARTITION_SIZE_GB = 10;
/** §9.4 assumption: how often DynamoDB looks for hot partitions to split. */
export const REVIEW_MS = 5 * 60_000;
/** §9.4 assumption: a partition whose busiest second used this share of a ceiling is hot. */
export const HOT_SHARE = 0.8;
/** At most this many partitions (bounded memory; a 40,000-unit table needs ≤ 54). */
const MAX_PARTITIONS = 100_000;

/** Partitions a table needs for its capacity and size (AWS's sizing rule). */
export function partitionsFor(readUnits: number, writeUnits: number, storageGb: number): number {
  const byThroughput = Math.ceil(readUnits / PARTITION_READ_UNITS + writeUnits / PARTITION_WRITE_UNITS - 1e-9);
  const bySize = Math.ceil(storageGb / PARTITION_SIZE_GB - 1e-9);
  return Math.max(1, byThroughput, bySize);
}

/** A key's place in the hash space [0, 1) (a 32-bit integer mix; the same on every machine). */
export function keyHash(key: number): number {
  let h = Math.imul(key ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

class Partition {
  readUsed = 0;
  writeUsed = 0;
  peakReadShare = 0;
  peakWriteShare = 0;
  throttled = false;
  /** Weighted majority vote: the item most likely to carry most of the traffic. */
  candidate = 0;
  weight = 0;
  units = 0;
  /** Units the candidate key carried since the review (counted once it is the candidate). */
  candidateUnits = 0;

  constructor(
    /** Start of the hash range (ranges are [start, next start)); NaN for an isolated item. */
    public start: number,
    readonly isolatedKey: number | null,
  ) {}

  vote(key: number, units: number): void {
    this.units += units;
    if (key === this.candidate) {
      this.weight += units;
      this.candidateUnits += units;
    } else if (this.weight >= units) {
      this.weight -= units;
    } else {
      this.candidate = key;
      this.weight = units - this.weight;
      this.candidateUnits = units;
    }
  }

  closeSecond(): void {
    this.peakReadShare = Math.max(this.peakReadShare, this.readUsed / PARTITION_READ_UNITS);
    this.peakWriteShare = Math.max(this.peakWriteShare, this.writeUsed / PARTITION_WRITE_UNITS);
    this.readUsed = 0;
    this.writeUsed = 0;
  }

  resetReview(): void {
    this.peakReadShare = 0;
    this.peakWriteShare = 0;
    this.throttled = false;
    this.weight = 0;
    this.units = 0;
    this.candidateUnits = 0;
  }
}

export interface SplitNote {
  /** An item moved to a partition of its own (true) or a key range halved (false). */
  isolated: boolean;
  partitions: number;
}

export class PartitionMap {
  /** Range partitions, sorted by start; isolated items apart. */
  private ranges: Partition[] = [];
  private readonly isolated = new Map<number, Partition>();
  private secondIdx = -1;
  private nextReviewMs = REVIEW_MS;
  /** Requests refused by a partition ceiling so far. */
  throttles = 0;
  splits = 0;
  /** The partition `admits` last found, and its key (null once the map changes). */
  private lastPartition: Partition | null = null;
  private lastKey = 0;

  constructor(initial: number) {
    this.grow(initial);
  }

  get count(): number {
    return this.ranges.length + this.isolated.size;
  }

  /** Spread the key space evenly over at least `n` range partitions (never fewer than now). */
  grow(n: number): void {
    const target = Math.min(MAX_PARTITIONS, n) - this.isolated.size;
    if (target <= this.ranges.length) return;
    // re-cut evenly; partition state is per second, so nothing of value is lost
    this.lastPartition = null;
    this.ranges = [];
    for (let i = 0; i < target; i++) this.ranges.push(new Partition(i / target, null));
  }

  private partitionOf(key: number): Partition {
    if (this.isolated.size > 0) {
      const iso = this.isolated.get(key);
      if (iso) return iso;
    }
    const h = keyHash(key);
    const r = this.ranges;
    let lo = 0;
    let hi = r.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (r[mid].start <= h) lo = mid;
      else hi = mid - 1;
    }
    return r[lo];
  }

  private roll(nowMs: number): void {
    const sec = Math.floor(nowMs / 1000);
    if (sec === this.secondIdx) return;
    this.secondIdx = sec;
    for (const p of this.ranges) p.closeSecond();
    for (const p of this.isolated.values()) p.closeSecond();
  }

  /**
   * Whether the key's partition has `units` left this second (reads and writes apart).
   * Does not consume: call `use` once the table has capacity too.
   */
  admits(nowMs: number, key: number, write: boolean, units: number): boolean {
    this.roll(nowMs);
    const p = this.partitionOf(key);
    this.lastKey = key;
    this.lastPartition = p;
    const ok = write ? p.writeUsed + units <= PARTITION_WRITE_UNITS : p.readUsed + units <= PARTITION_READ_UNITS;
    if (!ok) {
      p.throttled = true;
      this.throttles++;
    }
    return ok;
  }

  use(key: number, write: boolean, units: number): void {
    // usually the partition `admits` just found for this key (the map has not changed since)
    const p = key === this.lastKey && this.lastPartition !== null ? this.lastPartition : this.partitionOf(key);
    if (write) p.writeUsed += units;
    else p.readUsed += units;
    p.vote(key, write ? units : units / 3);
  }

  /** Split hot partitions when a review is due; returns what changed (empty: nothing). */
  review(nowMs: number): SplitNote[] {
    if (nowMs < this.nextReviewMs) return [];
    this.nextReviewMs += REVIEW_MS * Math.max(1, Math.ceil((nowMs - this.nextReviewMs + 1) / REVIEW_MS));
    const notes: SplitNote[] = [];
    const next: Partition[] = [];
    for (let i = 0; i < this.ranges.length; i++) {
      const p = this.ranges[i];
      const peak = Math.max(p.peakReadShare, p.peakWriteShare, p.readUsed / PARTITION_READ_UNITS, p.writeUsed / PARTITION_WRITE_UNITS);
      const hot = p.throttled || peak >= HOT_SHARE;
      if (hot && this.count < MAX_PARTITIONS) {
        const end = i + 1 < this.ranges.length ? this.ranges[i + 1].start : 1;
        if (p.units > 0 && p.candidateUnits > p.units / 2 && !this.isolated.has(p.candidate)) {
          this.isolated.set(p.candidate, new Partition(NaN, p.candidate));
          next.push(new Partition(p.start, null));
          notes.push({ isolated: true, partitions: 0 });
        } else if (end - p.start > 1e-9) {
          next.push(new Partition(p.start, null), new Partition((p.start + end) / 2, null));
          notes.push({ isolated: false, partitions: 0 });
        } else next.push(p);
      } else {
        p.resetReview();
        next.push(p);
      }
    }
    this.ranges = next;
    this.lastPartition = null;
    for (const p of this.isolated.values()) p.resetReview();
    this.splits += notes.length;
    for (const note of notes) note.partitions = this.count;
    return notes;
  }
}
