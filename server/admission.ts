// Admission control: heavy work (an uncached answer, an export) runs in a bounded number of slots
// with a bounded queue in front. When the queue is full the request is refused at once (503 with
// Retry-After) instead of piling up: the server keeps answering everyone else, health and cached
// answers first, which never enter a queue. Work whose client has gone leaves the queue, or is
// interrupted if it runs (its signal aborts); a running job also has a time limit.
import { EventEmitter } from "node:events";
import type { QueueLimits } from "./limits.ts";

export type WorkKind = "queries" | "exports";

/** Why a job's signal aborted (its `reason`). */
export class WorkTimeout extends Error {
  constructor(
    readonly kind: WorkKind,
    readonly limitMs: number,
  ) {
    super(`${kind}: time limit of ${limitMs} ms reached`);
    this.name = "WorkTimeout";
  }
}

/**
 * The queue was full, or the wait for a slot too long: come back later. Each queue makes its two
 * once (refusals come by the thousand under load: no stack captured per refusal).
 */
export class QueueFull extends Error {
  constructor(
    readonly kind: WorkKind,
    readonly waited: boolean,
  ) {
    super(`${kind}: ${waited ? "waited too long for a slot" : "queue full"}`);
    this.name = "QueueFull";
  }
}

export interface QueueStats {
  running: number;
  queued: number;
  concurrency: number;
  queue: number;
  /** Since start: jobs done, refused (queue full), cancelled (client gone), timed out. */
  done: number;
  refused: number;
  cancelled: number;
  timed_out: number;
}

export interface JobOptions {
  /** The client's signal: aborts when it leaves. */
  signal?: AbortSignal;
  /** Internal work (warming the cache) waits for a slot even when the queue is full. */
  internal?: boolean;
}

interface Waiting {
  start: () => void;
}

/**
 * Events, for tests and logs: "start" and "end" of a job (end carries how it ended: "done",
 * "failed", "cancelled" or "timed_out"), "refused" when the queue is full.
 */
export class WorkQueue extends EventEmitter {
  private running = 0;
  private readonly waiting: Waiting[] = [];
  private readonly counts = { done: 0, refused: 0, cancelled: 0, timed_out: 0 };
  private readonly full: QueueFull;
  private readonly waitedTooLong: QueueFull;

  constructor(
    readonly kind: WorkKind,
    private readonly limits: QueueLimits,
    /** Time limit of a running job. */
    private readonly timeoutMs: number,
    /** Longest wait for a slot. */
    private readonly waitMs: number,
    /** Told as each job starts, before it runs (StartOptions.onJobStart). */
    private readonly onStart?: (kind: WorkKind, signal: AbortSignal) => Promise<void>,
  ) {
    super();
    this.full = new QueueFull(kind, false);
    this.waitedTooLong = new QueueFull(kind, true);
  }

  /** A job asked now would be refused: every slot is taken and the queue is full. */
  isFull(): boolean {
    return this.running >= this.limits.concurrency && this.waiting.length >= this.limits.queue;
  }

  /**
   * Counts a refusal decided before the job was even built (server/front-door.ts), as run()
   * would have counted it.
   */
  refuse(): QueueFull {
    this.counts.refused++;
    this.emit("refused");
    return this.full;
  }

  stats(): QueueStats {
    return {
      running: this.running,
      queued: this.waiting.length,
      concurrency: this.limits.concurrency,
      queue: this.limits.queue,
      ...this.counts,
    };
  }

  /**
   * Runs `job` in a slot, with a signal that aborts when the client leaves (options.signal) or
   * the time limit passes (reason WorkTimeout). Throws QueueFull when it cannot be admitted, and
   * the signal's reason when the client left while it waited.
   */
  async run<T>(job: (signal: AbortSignal) => Promise<T>, options: JobOptions = {}): Promise<T> {
    const client = options.signal;
    if (client?.aborted) throw client.reason;
    // A waiting job is handed its slot by next(), already counted as running.
    if (this.running >= this.limits.concurrency) await this.waitForSlot(options);
    else this.running++;
    this.emit("start");
    const timer = new AbortController();
    const timeout = setTimeout(
      () => timer.abort(new WorkTimeout(this.kind, this.timeoutMs)),
      this.timeoutMs,
    );
    const signal = client ? AbortSignal.any([client, timer.signal]) : timer.signal;
    let outcome: "done" | "failed" | "cancelled" | "timed_out" = "failed";
    try {
      await this.onStart?.(this.kind, signal);
      if (signal.aborted) throw signal.reason;
      const value = await job(signal);
      outcome = "done";
      return value;
    } finally {
      clearTimeout(timeout);
      if (outcome !== "done" && signal.aborted) {
        outcome = signal.reason instanceof WorkTimeout ? "timed_out" : "cancelled";
      }
      if (outcome !== "failed") this.counts[outcome]++;
      this.running--;
      this.emit("end", outcome);
      this.next();
    }
  }

  private waitForSlot(options: JobOptions): Promise<void> {
    if (this.waiting.length >= this.limits.queue && !options.internal) throw this.refuse();
    return new Promise<void>((resolve, reject) => {
      const client = options.signal;
      const leave = (error: unknown) => {
        const index = this.waiting.indexOf(entry);
        if (index !== -1) this.waiting.splice(index, 1);
        clearTimeout(tooLong);
        client?.removeEventListener("abort", onAbort);
        reject(error);
      };
      const onAbort = () => {
        this.counts.cancelled++;
        this.emit("end", "cancelled");
        leave(client?.reason);
      };
      const entry: Waiting = {
        start: () => {
          clearTimeout(tooLong);
          client?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const tooLong = setTimeout(() => {
        if (options.internal) return;
        this.counts.refused++;
        this.emit("refused");
        leave(this.waitedTooLong);
      }, this.waitMs);
      client?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  /** A slot is free: the longest waiting job takes it. */
  private next(): void {
    if (this.running >= this.limits.concurrency) return;
    const entry = this.waiting.shift();
    if (!entry) return;
    this.running++;
    entry.start();
  }
}
