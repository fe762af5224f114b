// What one request may cost, and how much heavy work the server takes on at once. Every figure
// has a default sized for a small machine, an environment variable (npm start) and a StartOptions
// field (tests use tiny ones). server/README.md ("Staying up for everyone") and
// server/CONTEXT.md list them.
import { availableParallelism } from "node:os";

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

type Env = Record<string, string | undefined>;

/** Environment variable → where it goes; the value is a whole number (seconds for *_S). */
const VARIABLES: [string, (limits: ServerLimits, value: number) => void, number][] = [
  ["OBSERVATORY_QUERY_CONCURRENCY", (l, v) => (l.queries.concurrency = v), 1],
  ["OBSERVATORY_QUERY_QUEUE", (l, v) => (l.queries.queue = v), 0],
  ["OBSERVATORY_EXPORT_CONCURRENCY", (l, v) => (l.exports.concurrency = v), 1],
  ["OBSERVATORY_EXPORT_QUEUE", (l, v) => (l.exports.queue = v), 0],
  ["OBSERVATORY_QUERY_TIMEOUT_S", (l, v) => (l.queryTimeoutMs = v * 1000), 1],
  ["OBSERVATORY_EXPORT_TIMEOUT_S", (l, v) => (l.exportTimeoutMs = v * 1000), 1],
  ["OBSERVATORY_QUEUE_WAIT_S", (l, v) => (l.queueWaitMs = v * 1000), 1],
  ["OBSERVATORY_MAX_GROUPS", (l, v) => (l.maxGroups = v), 1],
  ["OBSERVATORY_MAX_ANSWER_CELLS", (l, v) => (l.maxAnswerCells = v), 1],
  ["OBSERVATORY_MAX_EXPORT_ROWS", (l, v) => (l.maxExportRows = v), 1],
  ["OBSERVATORY_DUCKDB_MEMORY_MB", (l, v) => (l.duckdbMemoryMb = v), 64],
  ["OBSERVATORY_DUCKDB_THREADS", (l, v) => (l.duckdbThreads = v), 0],
];

/** The limits npm start runs with: defaults, overridden by the environment. Throws naming a bad one. */
export function limitsFromEnv(env: Env = process.env): ServerLimits {
  const limits = copyLimits(DEFAULT_LIMITS);
  for (const [name, set, min] of VARIABLES) {
    const text = env[name];
    if (text === undefined || text === "") continue;
    if (!/^\d{1,12}$/.test(text) || Number(text) < min) {
      throw new Error(`${name} must be a whole number of at least ${min}, got "${text}"`);
    }
    set(limits, Number(text));
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
