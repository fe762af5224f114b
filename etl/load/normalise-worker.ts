// A worker thread that decodes, parses and normalises batches of raw record bytes and writes their
// rows to staging files of its own, so that the main thread only cuts the file into records.
import { parentPort, workerData } from "node:worker_threads";
import { parseRecordText } from "../formats/json-record.ts";
import type { ContainerShape } from "../formats/types.ts";
import { normaliseOrReject } from "../normalise/record.ts";
import { Staging } from "./staging.ts";
import { kindOfCode } from "./record-batch.ts";

export interface WorkerSetup {
  entry: string;
  /** Where this worker writes its staging files, and the tag that makes their names its own. */
  dir: string;
  tag: string;
  today: string;
  sourceIndex: number;
  source: string;
}

export interface BatchRequest {
  type: "batch";
  id: number;
  shape: ContainerShape;
  /** Position of the first record; the others follow one by one. */
  firstPosition: number;
  /** The records' bytes, one after the other; record i ends at ends[i]. */
  bytes: ArrayBuffer;
  ends: Uint32Array;
  kinds: Uint8Array;
}

export type WorkerRequest = BatchRequest | { type: "close"; id: number };

export interface WorkerReply {
  id: number;
  rejected: number;
  formats: string[];
  error?: string;
}

const setup = workerData as WorkerSetup;
const today = new Date(setup.today);
const staging = new Staging(setup.dir, setup.tag);
// Batches are handled one after the other: each waits for the previous one's writes.
let queue: Promise<void> = Promise.resolve();

async function normaliseBatch(batch: BatchRequest): Promise<WorkerReply> {
  const bytes = Buffer.from(batch.bytes);
  const formats = new Set<string>();
  let rejected = 0;
  let start = 0;
  for (let i = 0; i < batch.ends.length; i++) {
    const raw = bytes.toString("utf8", start, batch.ends[i]);
    start = batch.ends[i];
    const record = {
      position: batch.firstPosition + i,
      kindHint: kindOfCode(batch.kinds[i]),
      ...parseRecordText(raw),
    };
    const normalised = normaliseOrReject(record, batch.shape, today);
    if (normalised.type === "reject") rejected++;
    else formats.add(normalised.format);
    await staging.add(normalised, {
      sourceIndex: setup.sourceIndex,
      source: setup.source,
      position: record.position,
      // An oversized record's marked text is not stored: only its first bytes.
      raw: record.raw,
    });
  }
  return { id: batch.id, rejected, formats: [...formats] };
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  if (request.type === "batch") return normaliseBatch(request);
  await staging.close();
  return { id: request.id, rejected: 0, formats: [] };
}

parentPort?.on("message", (request: WorkerRequest) => {
  queue = queue.then(async () => {
    const reply = await handle(request).catch((error: unknown): WorkerReply => ({
      id: request.id,
      rejected: 0,
      formats: [],
      error: error instanceof Error ? error.message : String(error),
    }));
    parentPort?.postMessage(reply);
  });
});
