// Indicator answers kept in memory, keyed by snapshot and checked request. A snapshot never
// changes once served (a refresh swaps in a new file with a new run id), so an answer can never go
// stale: entries of older snapshots simply stop being asked for and age out. The cache is bounded
// by the size of the answers it holds, and a request already being computed is not computed twice:
// the dashboard's first visitors after a refresh ask for the same cards at the same moment.
// Pinned entries (the home page's answers, warm-cache.ts) are never evicted by large answers; a
// shared computation is cancelled only when every request waiting for it has gone.

export interface CacheStats {
  entries: number;
  /** Entries that eviction never takes (the home page's answers of the served snapshot). */
  pinned: number;
  bytes: number;
  hits: number;
  misses: number;
}

interface Entry<T> {
  value: T;
  bytes: number;
  pinned: boolean;
}

interface Pending<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
  pin: boolean;
}

export interface GetOptions {
  /** The requesting client's signal: when it aborts, this request stops waiting. */
  signal?: AbortSignal;
  /** Keep the value out of eviction's reach (until unpinAll). */
  pin?: boolean;
}

export class ResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly pending = new Map<string, Pending<T>>();
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

  /** The cached value, counted as a hit, or undefined (nothing is computed). */
  peek(key: string, options: { pin?: boolean } = {}): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.hits++;
    if (options.pin && !entry.pinned) entry.pinned = true;
    // Map order is insertion order: re-inserting makes it the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /**
   * The cached value, or compute's, stored unless it failed or takes over half the budget.
   * compute gets a signal that aborts once every request waiting for it has gone.
   */
  async get(
    key: string,
    compute: (signal: AbortSignal) => Promise<T>,
    options: GetOptions = {},
  ): Promise<{ value: T; hit: boolean }> {
    const cached = this.peek(key, options);
    if (cached !== undefined) return { value: cached, hit: true };
    this.misses++;
    let running = this.pending.get(key);
    if (!running) {
      const controller = new AbortController();
      const started: Pending<T> = {
        promise: compute(controller.signal).finally(() => this.pending.delete(key)),
        controller,
        waiters: 0,
        pin: false,
      };
      started.promise.then((value) => this.store(key, value, started.pin)).catch(() => undefined);
      this.pending.set(key, started);
      running = started;
    }
    if (options.pin) running.pin = true;
    return { value: await this.wait(running, options.signal), hit: false };
  }

  /** Every entry may be evicted again (a new snapshot is served: its answers get the pins). */
  unpinAll(): void {
    for (const entry of this.entries.values()) entry.pinned = false;
    this.evict();
  }

  stats(): CacheStats {
    let pinned = 0;
    for (const entry of this.entries.values()) if (entry.pinned) pinned++;
    return {
      entries: this.entries.size,
      pinned,
      bytes: this.bytes,
      hits: this.hits,
      misses: this.misses,
    };
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private wait(running: Pending<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) {
      running.waiters++;
      return running.promise;
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    running.waiters++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        running.waiters--;
        if (running.waiters === 0) running.controller.abort(signal.reason);
        reject(signal.reason);
      };
      signal.addEventListener("abort", leave, { once: true });
      running.promise.then(
        (value) => {
          signal.removeEventListener("abort", leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", leave);
          reject(error);
        },
      );
    });
  }

  private store(key: string, value: T, pinned: boolean): void {
    const bytes = this.sizeOf(value);
    // One huge answer must not flush all the others at once.
    if (bytes > this.maxBytes / 2 || this.entries.has(key)) return;
    this.entries.set(key, { value, bytes, pinned });
    this.bytes += bytes;
    this.evict();
  }

  /** Least recently used first, never a pinned entry. */
  private evict(): void {
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (entry.pinned) continue;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}
