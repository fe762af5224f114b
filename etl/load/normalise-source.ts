// Reads the records of one JSON or XML stream, normalises each one and stages its rows: on worker
// threads for a large JSON file, in this thread otherwise. Used for the files producers publish
// and for the records the tabular readers group from rows (etl/tabular/), which arrive as a JSON
// array with the shape "tabular", so every rule of the normaliser applies to them unchanged.
import { availableParallelism } from "node:os";
import type { Readable } from "node:stream";
import { numberFromEnv } from "../../lib/env-number.ts";
import { readJsonRecordBytes, readJsonRecords } from "../formats/json-reader.ts";
import { readXmlRecords } from "../formats/xml-reader.ts";
import { readNdjsonRecordBytes, readNdjsonRecords } from "../formats/ndjson-reader.ts";
import type { ContainerShape, SourceRecord } from "../formats/types.ts";
import { normaliseOrReject } from "../normalise/record.ts";
import { NormalisePool } from "./normalise-pool.ts";
import type { Staging } from "./staging.ts";

/**
 * Worker threads of a large JSON file: `OBSERVATORY_ETL_WORKERS`, by default one per core (up to
 * 4): the main thread only cuts the file into records.
 */
export function normaliseWorkers(env: NodeJS.ProcessEnv = process.env): number {
  return numberFromEnv(env, "OBSERVATORY_ETL_WORKERS", {
    counts: "worker threads",
    fallback: Math.min(4, availableParallelism()),
    min: 0,
    max: 64,
    zero: "0: no worker",
  });
}

/** JSON files from this size are normalised by worker threads: `OBSERVATORY_PARALLEL_MIN_BYTES`. */
export function parallelMinBytes(env: NodeJS.ProcessEnv = process.env): number {
  return numberFromEnv(env, "OBSERVATORY_PARALLEL_MIN_BYTES", {
    counts: "bytes",
    fallback: 32 << 20,
    min: 0,
  });
}

export interface RecordStream {
  /** ndjson: one record per line (the records grouped from a tabular source). */
  syntax: "json" | "xml" | "ndjson";
  /** Size of the file in bytes, to choose worker threads. */
  size: number;
  stream: Readable;
  /** Bytes read so far, for progress lines. */
  bytesRead: () => number;
}

/** When a JSON file is normalised on worker threads, read once per run (runEtl). */
export interface Parallel {
  /** Worker threads (0: none). */
  workers: number;
  /** A JSON file from this size goes to them; a smaller one is normalised on this thread. */
  minBytes: number;
}

export interface NormaliseContext {
  name: string;
  index: number;
  staging: Staging;
  today: Date;
  log: (line: string) => void;
  parallel: Parallel;
  /** The records' container, when the caller knows it (tabular records); else detected. */
  shape?: ContainerShape;
  /** A JSON or XML record larger than this is rejected with its size (formats/input-limits.ts). */
  maxRecordBytes?: number;
}

export interface Normalised {
  read: number;
  rejected: number;
  formats: Set<string>;
}

export async function normaliseStream(
  input: RecordStream,
  context: NormaliseContext,
): Promise<Normalised> {
  const { name, index, staging, today, log } = context;
  let shape: ContainerShape = context.shape ?? "json-array";
  const setShape = (s: ContainerShape) => {
    if (context.shape === undefined) shape = s;
  };
  const formats = new Set<string>();
  let read = 0;
  let rejected = 0;
  let lastLog = Date.now();
  const progress = () => {
    if (Date.now() - lastLog < 2000) return;
    lastLog = Date.now();
    log(
      `  ${name}: ${read.toLocaleString("en")} records, ${(input.bytesRead() / 1e6).toFixed(0)} MB read`,
    );
  };
  // Large JSON files are normalised on every core; small ones here (no worker start-up cost).
  const { workers, minBytes } = context.parallel;
  if (input.syntax !== "xml" && input.size >= minBytes && workers > 0) {
    const poolContext = { today: today.toISOString(), sourceIndex: index, source: name };
    const pool = new NormalisePool(workers, poolContext, staging, (result) => {
      rejected += result.rejected;
      result.formats.forEach((f) => formats.add(f));
    });
    try {
      const batches =
        input.syntax === "ndjson"
          ? readNdjsonRecordBytes(input.stream)
          : readJsonRecordBytes(input.stream, name, setShape, context.maxRecordBytes);
      for await (const batch of batches) {
        await pool.add(batch, shape);
        read += batch.length;
        progress();
      }
      await pool.finish(shape);
    } catch (error) {
      await pool.abort();
      throw error;
    }
  } else {
    const records: AsyncIterable<SourceRecord> =
      input.syntax === "json"
        ? readJsonRecords(input.stream, name, setShape, true, context.maxRecordBytes)
        : input.syntax === "ndjson"
          ? readNdjsonRecords(input.stream)
          : readXmlRecords(input.stream, name, setShape, {
              maxRecordBytes: context.maxRecordBytes,
            });
    for await (const record of records) {
      read++;
      const normalised = normaliseOrReject(record, shape, today);
      if (normalised.type === "reject") rejected++;
      else formats.add(normalised.format);
      await staging.add(normalised, {
        sourceIndex: index,
        source: name,
        position: record.position,
        raw: record.raw,
      });
      progress();
    }
  }
  return { read, rejected, formats };
}
