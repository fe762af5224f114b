// The memory bound of the ETL's DuckDB databases (the snapshot build's and the tabular reader's),
// one rule for both.
//
// `memory_limit` bounds DuckDB's buffers: joins, sorts and plain aggregates spill to disk beyond
// it. It does not bound what the allocator keeps: freed memory stays in DuckDB's allocator caches
// until a task's peak passes `allocator_flush_threshold` (128 MB by default) or a bulk
// free passes `allocator_bulk_deallocation_flush_threshold` (512 MB). At 1.5 M contracts the ETL
// peaked at 1.19 GiB with a 512 MB limit and Node's own heap at 16 MB; lower thresholds and the
// background threads that return memory to the system brought the peak down, and so did one
// thread: each thread holds its own buffers and allocator cache (bench/results.md, "Tabular ETL").
// The allocator settings are the whole process's (DuckDB's allocator is shared). The ETL runs in a
// process of its own (the CLI, the refresh's child), except when `npm start` first builds the
// samples' snapshot before serving: that server keeps them, which only returns memory sooner.
import type { DuckDBConnection } from "@duckdb/node-api";
import { numberFromEnv } from "../../lib/env-number.ts";

const SIZE = /^\d+(\.\d+)?\s?(KB|MB|GB|KiB|MiB|GiB)$/i;

/** The buffer limit: `OBSERVATORY_ETL_MEMORY` (e.g. "512MB", "1GB"), 512 MB by default. */
export function etlMemoryLimit(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.OBSERVATORY_ETL_MEMORY?.trim() || "512MB";
  if (!SIZE.test(value)) {
    throw new Error(
      `OBSERVATORY_ETL_MEMORY must be a size such as "512MB" or "1GB", not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** DuckDB threads of the ETL: `OBSERVATORY_ETL_THREADS`, 1 by default. */
export function etlThreads(env: NodeJS.ProcessEnv = process.env): number {
  return numberFromEnv(env, "OBSERVATORY_ETL_THREADS", {
    counts: "threads",
    fallback: 1,
    min: 1,
    max: 999,
  });
}

/**
 * Contracts the who's who rewrites per statement (etl/reference/enrich-contracts.ts): 1.5 M at
 * once did not fit in 400 MB. `OBSERVATORY_ENRICH_PART_CONTRACTS` sets another size (tests split
 * the samples).
 */
export function enrichPartContracts(env: NodeJS.ProcessEnv = process.env): number {
  return numberFromEnv(env, "OBSERVATORY_ENRICH_PART_CONTRACTS", {
    counts: "contracts",
    fallback: 300_000,
    min: 1,
    max: 999_999_999,
  });
}

/** Sets the buffer limit, the threads and the allocator's flush rules on one of the ETL's databases. */
export async function boundEtlMemory(connection: DuckDBConnection): Promise<void> {
  // Both values are checked above against strict patterns: SET takes no bound parameter.
  await connection.run(`SET memory_limit = '${etlMemoryLimit()}'`);
  await connection.run(`SET threads = ${etlThreads()}`);
  await connection.run("SET allocator_flush_threshold = '16MiB'");
  await connection.run("SET allocator_bulk_deallocation_flush_threshold = '64MiB'");
  await connection.run("SET allocator_background_threads = true");
}
