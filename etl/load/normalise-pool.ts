// Worker threads normalising batches of records in parallel. The reader keeps going while batches
// are in flight; at most a few batches per worker wait, so memory stays bounded.
import { Worker } from "node:worker_threads";
import type { ContainerShape, SourceRecord } from "../formats/types.ts";
import type { BatchRequest, BatchResult } from "./normalise-worker.ts";

const BOOT = new URL("./worker-boot.mjs", import.meta.url);
const ENTRY = new URL("./normalise-worker.ts", import.meta.url).href;
const BATCH_RECORDS = 2000;
const IN_FLIGHT_PER_WORKER = 2;

export class NormalisePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<
    number,
    { resolve: (r: BatchResult) => void; reject: (e: Error) => void }
  >();
  private readonly inFlight = new Set<Promise<void>>();
  private batch: BatchRequest["records"] = [];
  private nextId = 0;
  private next = 0;
  private failure: Error | null = null;

  constructor(
    size: number,
    private readonly context: Omit<BatchRequest, "id" | "records" | "shape">,
    private readonly onResult: (result: BatchResult) => Promise<void>,
  ) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(BOOT, { workerData: { entry: ENTRY } });
      worker.on("message", (result: BatchResult) => this.waiting.get(result.id)?.resolve(result));
      worker.on("error", (error) => {
        // A crashed worker fails the run: every batch still waiting is rejected with its error.
        this.failure = error;
        for (const pending of this.waiting.values()) pending.reject(error);
      });
      return worker;
    });
  }

  async add(record: SourceRecord, shape: ContainerShape): Promise<void> {
    this.batch.push({ position: record.position, kindHint: record.kindHint, raw: record.raw });
    if (this.batch.length >= BATCH_RECORDS) await this.send(shape);
  }

  private async send(shape: ContainerShape): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight.size >= this.workers.length * IN_FLIGHT_PER_WORKER) {
      await Promise.race(this.inFlight);
    }
    const id = this.nextId++;
    const request: BatchRequest = { ...this.context, id, shape, records: this.batch };
    this.batch = [];
    const done = new Promise<BatchResult>((resolve, reject) =>
      this.waiting.set(id, { resolve, reject }),
    )
      .then((result) => {
        this.waiting.delete(id);
        return this.onResult(result);
      })
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    this.workers[this.next++ % this.workers.length].postMessage(request);
  }

  /** Sends the last batch, waits for every result, and stops the workers. */
  async finish(shape: ContainerShape): Promise<void> {
    try {
      if (this.batch.length > 0) await this.send(shape);
      while (this.inFlight.size > 0) {
        if (this.failure) throw this.failure;
        await Promise.race(this.inFlight);
      }
    } finally {
      await Promise.all(this.workers.map((worker) => worker.terminate()));
    }
  }

  /** Stops the workers after a failure elsewhere (the run is abandoned). */
  async abort(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
