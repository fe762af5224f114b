// The server's read-only access to the current snapshot, on top of lib/snapshot-reader.ts: the
// reader reopens the file after the ETL swaps a new snapshot in and keeps the old one open until
// its running queries end. Routes do all the queries of one answer inside one `use`, so an answer
// never mixes two snapshots.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type Row, type SqlParams } from "../lib/duckdb.ts";
import { SnapshotReader } from "../lib/snapshot-reader.ts";
import type { SnapshotInfo } from "./api-types.ts";

/** The served snapshot as every answer names it (api-schemas/common.ts). */
export type { SnapshotInfo } from "./api-types.ts";

export interface Snapshot {
  info: SnapshotInfo;
  /** Unique to this snapshot in this process (unlike a run id, which has one-second steps). */
  key: string;
  connection: DuckDBConnection;
  query(sql: string, params?: SqlParams): Promise<Row[]>;
}

/** What routes need. Tests may pass their own. */
export interface SnapshotProvider {
  use<T>(fn: (snapshot: Snapshot) => Promise<T>): Promise<T>;
  close(): void;
}

export function openSnapshots(dbPath: string): SnapshotProvider {
  const reader = new SnapshotReader(dbPath);
  return {
    use: (fn) =>
      reader.use((connection, raw) => {
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
        const key = `${raw.runId}#${raw.opening}`;
        return fn({
          info,
          key,
          connection,
          query: (sql, params) => queryRows(connection, sql, params),
        });
      }),
    close: () => reader.close(),
  };
}
