// What one request may cost, and how much heavy work the server takes on at once. Every figure
// has a default sized for a small machine, an environment variable (npm start) and a StartOptions
// field (tests use tiny ones). server/README.md ("Staying up for everyone") and
// server/CONTEXT.md list them.
import { availableParallelism } from "node:os";
import { numberFromEnv, type Env } from "../lib/env-number.ts";

/** A bounded queue of one kind of heavy work (admission.ts). */
export interface QueueLimits {
  /** How many run at once. */
  concurrency: number;
  /** How many more may wait for a free slot; beyond, the answer is 503 at once. */
  queue: number;
}

export interface ServerLimits {
  /** Uncached indicator answers and the look-ups' queries. */
  queries: QueueLimits;
  /** File exports. */
  exports: QueueLimits;
  /** A query running longer is interrupted (503, the client may retry later). */
  queryTimeoutMs: number;
  /** An export running longer is interrupted. */
  exportTimeoutMs: number;
  /** A request waiting longer than this for a slot gets 503 (it would be too late anyway). */
  queueWaitMs: number;
  /** Combinations of a breakdown's values (e.g. months × buyers) a request may ask for. */
  maxGroups: number;
  /** Cells (rows × columns) of one JSON answer; a larger result is for the exports. */
  maxAnswerCells: number;
  /** Rows of one CSV or Parquet export (XLSX is held to Excel's own row limit, below). */
  maxExportRows: number;
  /** Memory DuckDB may use for the served snapshot, in MB (spills to disk beyond). */
  duckdbMemoryMb: number;
  /**
   * DuckDB's threads for the served snapshot (its `threads` setting; 0: DuckDB's default, one per
   * core). Each running statement also works on its own libuv thread.
   */
  duckdbThreads: number;
  /** Seconds a client is told to wait (Retry-After) when the server is busy. */
  retryAfterSeconds: number;
}

/** Rows of one Excel sheet (1,048,576) less the header row. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/**
 * libuv runs each DuckDB statement of @duckdb/node-api on one of its threads (4 unless
 * UV_THREADPOOL_SIZE says otherwise) until the statement ends; file reads and gzip need a thread
 * too. Heavy work must leave at least one free, or static files and the cache's answers wait.
 */
export function threadPoolSize(env: Record<string, string | undefined> = process.env): number {
  const size = Number(env.UV_THREADPOOL_SIZE ?? 4);
  return Number.isInteger(size) && size > 0 ? size : 4;
}

export const DEFAULT_LIMITS: ServerLimits = {
  // DuckDB already uses every core for one query: two at once keep both cores busy without
  // making each wait for the other, and leave libuv threads for the rest.
  queries: { concurrency: 2, queue: 8 },
  exports: { concurrency: 1, queue: 2 },
  queryTimeoutMs: 30_000,
  exportTimeoutMs: 120_000,
  queueWaitMs: 30_000,
  // A national snapshot has about 50,000 buyers: buyers × years passes, buyers × months not.
  maxGroups: 1_000_000,
  // About 40 MB of JSON: the dashboard's largest answer on a national snapshot (a buyer's top
  // supplier per year, 150,000 rows × 10 columns) fits.
  maxAnswerCells: 2_000_000,
  maxExportRows: 2_000_000,
  duckdbMemoryMb: 1024,
  // Every core but one: the main thread, which answers /api/health and refuses with 503 under
  // load, keeps a core of its own (on 2 cores, health p99 under load 806 ms → 244 ms).
  duckdbThreads: Math.max(1, availableParallelism() - 1),
  retryAfterSeconds: 5,
};

/** A limit of one number: a field of ServerLimits, or of one of its two queues. */
type Place =
  | Exclude<keyof ServerLimits, "queries" | "exports">
  | `${"queries" | "exports"}.${keyof QueueLimits}`;

/**
 * Environment variable → what it counts, its least value, the limit it sets, and what 0 asks
 * for where it means something. A number of seconds (*_S) sets a limit in milliseconds.
 */
const VARIABLES: [name: string, counts: string, min: number, place: Place, zero?: string][] = [
  ["OBSERVATORY_QUERY_CONCURRENCY", "queries", 1, "queries.concurrency"],
  ["OBSERVATORY_QUERY_QUEUE", "queries", 0, "queries.queue"],
  ["OBSERVATORY_EXPORT_CONCURRENCY", "exports", 1, "exports.concurrency"],
  ["OBSERVATORY_EXPORT_QUEUE", "exports", 0, "exports.queue"],
  ["OBSERVATORY_QUERY_TIMEOUT_S", "seconds", 1, "queryTimeoutMs"],
  ["OBSERVATORY_EXPORT_TIMEOUT_S", "seconds", 1, "exportTimeoutMs"],
  ["OBSERVATORY_QUEUE_WAIT_S", "seconds", 1, "queueWaitMs"],
  ["OBSERVATORY_MAX_GROUPS", "groups", 1, "maxGroups"],
  ["OBSERVATORY_MAX_ANSWER_CELLS", "cells", 1, "maxAnswerCells"],
  ["OBSERVATORY_MAX_EXPORT_ROWS", "rows", 1, "maxExportRows"],
  ["OBSERVATORY_DUCKDB_MEMORY_MB", "MB", 64, "duckdbMemoryMb"],
  ["OBSERVATORY_DUCKDB_THREADS", "threads", 0, "duckdbThreads", "0: one per core"],
];

/** The number at `place` of `limits`, and a way to set it. */
function at(limits: ServerLimits, place: Place): { value: number; set(value: number): void } {
  const [first, second] = place.split(".") as [string, keyof QueueLimits | undefined];
  if (second !== undefined) {
    const queue = limits[first as "queries" | "exports"];
    return { value: queue[second], set: (v) => (queue[second] = v) };
  }
  const key = first as Exclude<Place, `${string}.${string}`>;
  return { value: limits[key], set: (v) => (limits[key] = v) };
}

/** The limits npm start runs with: defaults, overridden by the environment. Throws naming a bad one. */
export function limitsFromEnv(env: Env = process.env): ServerLimits {
  const limits = copyLimits(DEFAULT_LIMITS);
  for (const [name, counts, min, place, zero] of VARIABLES) {
    const scale = name.endsWith("_S") ? 1000 : 1;
    const limit = at(limits, place);
    limit.set(
      numberFromEnv(env, name, { counts, min, zero, fallback: limit.value / scale }) * scale,
    );
  }
  return limits;
}

/** Defaults completed by the given fields; checks what the server cannot run with. */
export function resolveLimits(given: Partial<ServerLimits> = {}, env: Env = process.env) {
  const limits: ServerLimits = { ...copyLimits(DEFAULT_LIMITS), ...given };
  const slots = limits.queries.concurrency + limits.exports.concurrency;
  const pool = threadPoolSize(env);
  if (limits.queries.concurrency < 1 || limits.exports.concurrency < 1) {
    throw new Error("the query and export concurrency must be at least 1");
  }
  if (slots >= pool) {
    throw new Error(
      `${slots} heavy requests at once would take every one of libuv's ${pool} threads ` +
        `(UV_THREADPOOL_SIZE): lower OBSERVATORY_QUERY_CONCURRENCY or OBSERVATORY_EXPORT_CONCURRENCY`,
    );
  }
  return limits;
}

function copyLimits(limits: ServerLimits): ServerLimits {
  return { ...limits, queries: { ...limits.queries }, exports: { ...limits.exports } };
}
