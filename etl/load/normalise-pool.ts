// Worker threads normalising batches of raw records in parallel. The main thread only cuts the
// file into records and hands their bytes over; each worker parses, normalises and writes its own
// staging files. At most a few batches per worker are in flight, so memory stays bounded.
import { Worker } from "node:worker_threads";
import type { ContainerShape } from "../formats/types.ts";
import type { RecordBytes } from "../formats/json-reader.ts";
import { RecordBatch } from "./record-batch.ts";
import type { Staging } from "./staging.ts";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./normalise-worker.ts";

const BOOT = new URL("./worker-boot.mjs", import.meta.url);
const ENTRY = new URL("./normalise-worker.ts", import.meta.url).href;
const BATCH_RECORDS = 2000;
const BATCH_BYTES = 4 << 20;
const IN_FLIGHT_PER_WORKER = 2;

export interface PoolContext {
  today: string;
  sourceIndex: number;
  source: string;
}

export class NormalisePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<
    number,
    { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }
  >();
  private readonly inFlight = new Set<Promise<void>>();
  private batch: RecordBatch | null = null;
  private nextId = 0;
  private next = 0;
  private failure: Error | null = null;

  constructor(
    size: number,
    context: PoolContext,
    staging: Staging,
    private readonly onResult: (result: WorkerReply) => void,
  ) {
    this.workers = Array.from({ length: size }, (_, index) => {
      const tag = `s${context.sourceIndex}w${index}`;
      const setup: WorkerSetup = { entry: ENTRY, dir: staging.dir, tag, ...context };
      staging.adopt(tag);
      const worker = new Worker(BOOT, { workerData: setup });
      worker.on("message", (reply: WorkerReply) => {
        const pending = this.waiting.get(reply.id);
        if (reply.error !== undefined) pending?.reject(new Error(reply.error));
        else pending?.resolve(reply);
      });
      worker.on("error", (error) => this.fail(error));
      return worker;
    });
  }

  /** A crashed worker fails the run: every request still waiting is rejected with its error. */
  private fail(error: Error): void {
    this.failure = error;
    for (const pending of this.waiting.values()) pending.reject(error);
  }

  /** Adds records to the current batch; waits only when a full batch must wait for a worker. */
  async add(records: RecordBytes[], shape: ContainerShape): Promise<void> {
    for (const record of records) {
      if (this.batch === null) this.batch = new RecordBatch(record, BATCH_BYTES);
      else this.batch.add(record);
      if (this.batch.count >= BATCH_RECORDS || this.batch.bytes >= BATCH_BYTES) {
        await this.send(shape);
      }
    }
  }

  private request(worker: Worker, request: WorkerRequest, transfer: ArrayBuffer[]) {
    if (this.failure) throw this.failure;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      worker.postMessage(request, transfer);
    }).finally(() => this.waiting.delete(request.id));
  }

  private async send(shape: ContainerShape): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight.size >= this.workers.length * IN_FLIGHT_PER_WORKER) {
      await Promise.race(this.inFlight);
    }
    const batch = this.batch;
    if (batch === null) return;
    this.batch = null;
    const { bytes, ends, kinds } = batch.take();
    const worker = this.workers[this.next++ % this.workers.length];
    const request: WorkerRequest = {
      type: "batch",
      id: this.nextId++,
      shape,
      firstPosition: batch.firstPosition,
      bytes,
      ends,
      kinds,
    };
    const done = this.request(worker, request, [bytes, ends.buffer as ArrayBuffer])
      .then((reply) => this.onResult(reply))
      .catch((error: Error) => {
        this.failure ??= error;
        throw error;
      })
      .finally(() => this.inFlight.delete(done));
    // Awaited through Promise.race; a failure meanwhile is kept in this.failure.
    done.catch(() => undefined);
    this.inFlight.add(done);
  }

  /** Sends the last batch, waits for every result and for the staging files to be closed. */
  async finish(shape: ContainerShape): Promise<void> {
    try {
      await this.send(shape);
      while (this.inFlight.size > 0) {
        if (this.failure) throw this.failure;
        await Promise.race(this.inFlight);
      }
      await Promise.all(
        this.workers.map((worker) =>
          this.request(worker, { type: "close", id: this.nextId++ }, []),
        ),
      );
    } finally {
      await Promise.all(this.workers.map((worker) => worker.terminate()));
    }
  }

  /** Stops the workers after a failure elsewhere (the run is abandoned). */
  async abort(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
