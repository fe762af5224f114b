// The server's read-only access to the current snapshot, on top of lib/snapshot-reader.ts: the
// reader reopens the file after the ETL swaps a new snapshot in and keeps the old one open until
// its running queries end. Routes do all the queries of one answer inside one `use`, so an answer
// never mixes two snapshots. A `use` given a signal runs its queries interruptibly: when the
// signal aborts (client gone, time limit), DuckDB stops.
import type { DuckDBConnection } from "@duckdb/node-api";
import { SNAPSHOT_FORMAT } from "../etl/load/snapshot-format.ts";
import type { Row, SqlParams } from "../lib/duckdb.ts";
import { queryAll } from "../lib/query-stream.ts";
import { SnapshotReader, type SnapshotInfo as RawInfo } from "../lib/snapshot-reader.ts";
import type { SnapshotInfo } from "./api-types.ts";
import { ApiError } from "./errors.ts";

/** The served snapshot as every answer names it (api-schemas/common.ts). */
export type { SnapshotInfo } from "./api-types.ts";

export interface Snapshot {
  info: SnapshotInfo;
  /** Unique to this snapshot in this process (unlike a run id, which has one-second steps). */
  key: string;
  /** The format of its tables (etl/load/snapshot-format.ts), null when its run recorded none. */
  format: string | null;
  /** Built by an older version of the code: it may lack a table or a column this one reads. */
  outdated: boolean;
  connection: DuckDBConnection;
  /** The signal `use` was given, if any: pass it on to streamed queries. */
  signal?: AbortSignal;
  query(sql: string, params?: SqlParams): Promise<Row[]>;
}

/** What routes need. Tests may pass their own. */
export interface SnapshotProvider {
  use<T>(fn: (snapshot: Snapshot) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The snapshot served now, without a DuckDB connection (health, cached answers). */
  current(): Promise<Omit<Snapshot, "connection" | "signal" | "query">>;
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
    const key = `${raw.runId}#${raw.opening}`;
    return { info, key, format: raw.format, outdated: raw.format !== SNAPSHOT_FORMAT };
  };
  return {
    use: (fn, signal) =>
      reader.use(async (connection, raw) => {
        const snapshot = describe(raw);
        try {
          return await fn({
            ...snapshot,
            connection,
            ...(signal ? { signal } : {}),
            query: (sql, params) => queryAll(connection, sql, params, signal),
          });
        } catch (error) {
          throw snapshot.outdated && lacksWhatIsRead(error) ? outdatedSnapshotError() : error;
        }
      }),
    current: async () => describe(await reader.info()),
    close: () => reader.close(),
  };
}

/** DuckDB's error for a table, a column or a type the snapshot does not have. */
function lacksWhatIsRead(error: unknown): boolean {
  return error instanceof Error && /^(Catalog|Binder) Error/.test(error.message);
}

/**
 * What a page that reads what an outdated snapshot lacks answers, until the refresh that rebuilds
 * it is in (server/start.ts starts it at once): a 503 to retry, not a 500 that looks like a bug.
 */
function outdatedSnapshotError(): ApiError {
  return new ApiError(
    503,
    [
      {
        code: "snapshot_outdated",
        message:
          "Les données servies ont été construites par une version précédente de l'observatoire et n'ont pas encore ce que cette page lit : elles sont reconstruites par la mise à jour lancée au démarrage du serveur. Réessayez dans quelques minutes.",
      },
    ],
    { headers: { "Retry-After": "60" } },
  );
}
