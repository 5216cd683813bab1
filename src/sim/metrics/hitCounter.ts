/** Cache hits and misses, cumulative and per window (DAX and CloudFront). */
export class HitCounter {
  hits = 0;
  misses = 0;
  private wHits = 0;
  private wMisses = 0;
  private lastWindowRatio = 0;

  hit(): void {
    this.hits++;
    this.wHits++;
  }

  miss(): void {
    this.misses++;
    this.wMisses++;
  }

  /** Cumulative hit ratio (0 before any lookup). */
  ratio(): number {
    const n = this.hits + this.misses;
    return n ? this.hits / n : 0;
  }

  /** Close the window: its hit ratio, or the last window's when it saw no lookup. */
  closeWindow(): number {
    const n = this.wHits + this.wMisses;
    if (n > 0) this.lastWindowRatio = this.wHits / n;
    this.wHits = 0;
    this.wMisses = 0;
    return this.lastWindowRatio;
  }
}
