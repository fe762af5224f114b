// The server's read-only access to the current snapshot, on top of lib/snapshot-reader.ts: the
// reader reopens the file after the ETL swaps a new snapshot in and keeps the old one open until
// its running queries end. Routes do all the queries of one answer inside one `use`, so an answer
// never mixes two snapshots. A `use` given a signal runs its queries interruptibly: when the
// signal aborts (client gone, time limit), DuckDB stops.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Row, SqlParams } from "../lib/duckdb.ts";
import { queryAll } from "../lib/query-stream.ts";
import { SnapshotReader, type SnapshotInfo as RawInfo } from "../lib/snapshot-reader.ts";
import type { SnapshotInfo } from "./api-types.ts";

/** The served snapshot as every answer names it (api-schemas/common.ts). */
export type { SnapshotInfo } from "./api-types.ts";

export interface Snapshot {
  info: SnapshotInfo;
  /** Unique to this snapshot in this process (unlike a run id, which has one-second steps). */
  key: string;
  connection: DuckDBConnection;
  /** The signal `use` was given, if any: pass it on to streamed queries. */
  signal?: AbortSignal;
  query(sql: string, params?: SqlParams): Promise<Row[]>;
}

/** What routes need. Tests may pass their own. */
export interface SnapshotProvider {
  use<T>(fn: (snapshot: Snapshot) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The snapshot served now, without a DuckDB connection (health, cached answers). */
  current(): Promise<{ info: SnapshotInfo; key: string }>;
  close(): void;
}

export interface SnapshotOptions {
  /** DuckDB's memory limit for the served snapshot, in MB. */
  memoryLimitMb?: number;
  /** DuckDB's threads for the served snapshot (0 or absent: one per core). */
  threads?: number;
}

export function openSnapshots(dbPath: string, options: SnapshotOptions = {}): SnapshotProvider {
  const reader = new SnapshotReader(dbPath, options);
  const describe = (raw: RawInfo) => {
    if (raw.runId === null) {
      throw new Error(`the database ${dbPath} has no run: build it with npm run etl`);
    }
    const info: SnapshotInfo = {
      id: raw.runId,
      loaded_at: raw.loadedAt,
      contracts: raw.contracts,
      concessions: raw.concessions,
      synthetic: raw.synthetic,
    };
    return { info, key: `${raw.runId}#${raw.opening}` };
  };
  return {
    use: (fn, signal) =>
      reader.use((connection, raw) =>
        fn({
          ...describe(raw),
          connection,
          ...(signal ? { signal } : {}),
          query: (sql, params) => queryAll(connection, sql, params, signal),
        }),
      ),
    current: async () => describe(await reader.info()),
    close: () => reader.close(),
  };
}
