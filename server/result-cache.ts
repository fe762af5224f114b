// Indicator answers kept in memory, keyed by snapshot and checked request. A snapshot never
// changes once served (a refresh swaps in a new file with a new run id), so an answer can never go
// stale: entries of older snapshots simply stop being asked for and age out. The cache is bounded
// by the size of the answers it holds, and a request already being computed is not computed twice:
// the dashboard's first visitors after a refresh ask for the same cards at the same moment.

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

interface Entry<T> {
  value: T;
  bytes: number;
}

export class ResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly pending = new Map<string, Promise<T>>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  /**
   * @param maxBytes budget for all entries together, measured by `sizeOf`
   * @param sizeOf   the size of one value (its JSON text's length, for answers)
   */
  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (value: T) => number,
  ) {}

  /** The cached value, or compute's, stored unless it failed or takes over half the budget. */
  async get(key: string, compute: () => Promise<T>): Promise<{ value: T; hit: boolean }> {
    const entry = this.entries.get(key);
    if (entry) {
      this.hits++;
      // Map order is insertion order: re-inserting makes it the most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return { value: entry.value, hit: true };
    }
    this.misses++;
    let running = this.pending.get(key);
    if (!running) {
      running = compute().finally(() => this.pending.delete(key));
      this.pending.set(key, running);
      running.then((value) => this.store(key, value)).catch(() => undefined);
    }
    return { value: await running, hit: false };
  }

  stats(): CacheStats {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private store(key: string, value: T): void {
    const bytes = this.sizeOf(value);
    // One huge answer must not flush all the others at once.
    if (bytes > this.maxBytes / 2 || this.entries.has(key)) return;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}
