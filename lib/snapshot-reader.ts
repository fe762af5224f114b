// Read-only access to the current snapshot for a long-running process (the server). When the ETL
// swaps a new snapshot in (a rename over the database path), the next query opens the new file;
// queries already running finish on the old one, which is closed when its last query ends. So a
// refresh never fails a request, and no request ever sees a mix of two snapshots.
import { statSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type Row } from "./duckdb.ts";

export interface SnapshotInfo {
  runId: string | null;
  loadedAt: string | null;
  contracts: number;
  concessions: number;
  /** Some source of this snapshot is generated test data: the dashboard must say so. */
  synthetic: boolean;
  /** The format of its tables its run recorded (etl/load/snapshot-format.ts); null if none. */
  format: string | null;
  /**
   * Which opening of a database file this is, in this process. Run ids have a one-second
   * resolution; this tells apart two snapshots that would share one, e.g. for the answer cache.
   */
  opening: number;
}

let openings = 0;

/** A snapshot's own run, every column: a snapshot older than the format has no such column. */
export const LATEST_RUN_SQL = "SELECT * FROM runs ORDER BY finished_at DESC LIMIT 1";

/** The format of its tables recorded by a run (a row of LATEST_RUN_SQL); null when none is. */
export function formatOfRun(run: Row | undefined): string | null {
  const format = run?.snapshot_format;
  return typeof format === "string" ? format : null;
}

interface OpenSnapshot {
  instance: DuckDBInstance;
  identity: string; // device:inode of the file when opened
  info: SnapshotInfo;
  users: number;
  retired: boolean;
}

const OPTIONS = {
  access_mode: "READ_ONLY",
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "true",
};

function identityOf(path: string): string {
  const stat = statSync(path);
  return `${stat.dev}:${stat.ino}`;
}

export interface ReaderOptions {
  /** DuckDB's memory_limit for each opened snapshot, in MB (beyond, it spills or fails). */
  memoryLimitMb?: number;
  /** DuckDB's `threads` for each opened snapshot (absent or 0: DuckDB's default, one per core). */
  threads?: number;
}

export class SnapshotReader {
  private current: OpenSnapshot | null = null;
  private opening: Promise<OpenSnapshot> | null = null;

  constructor(
    readonly dbPath: string,
    private readonly options: ReaderOptions = {},
  ) {}

  /** Runs fn on a connection to the current snapshot; the snapshot cannot close under it. */
  async use<T>(fn: (connection: DuckDBConnection, info: SnapshotInfo) => Promise<T>): Promise<T> {
    const snapshot = await this.acquire();
    try {
      const connection = await snapshot.instance.connect();
      try {
        return await fn(connection, snapshot.info);
      } finally {
        connection.closeSync();
      }
    } finally {
      this.release(snapshot);
    }
  }

  /**
   * The snapshot currently served (opening it if the file changed), without a connection: what
   * health and cached answers need, so they never wait for DuckDB.
   */
  async info(): Promise<SnapshotInfo> {
    const snapshot = await this.acquire();
    this.release(snapshot);
    return snapshot.info;
  }

  private release(snapshot: OpenSnapshot): void {
    snapshot.users--;
    if (snapshot.retired && snapshot.users === 0) snapshot.instance.closeSync();
  }

  close(): void {
    if (this.current) {
      this.current.retired = true;
      if (this.current.users === 0) this.current.instance.closeSync();
      this.current = null;
    }
  }

  private async acquire(): Promise<OpenSnapshot> {
    let identity: string;
    try {
      identity = identityOf(this.dbPath);
    } catch {
      identity = this.current?.identity ?? "missing";
    }
    if (!this.current || this.current.identity !== identity) {
      this.opening ??= this.open(identity).finally(() => (this.opening = null));
      const next = await this.opening;
      if (this.current !== next) {
        const old = this.current;
        this.current = next;
        if (old) {
          old.retired = true;
          if (old.users === 0) old.instance.closeSync();
        }
      }
    }
    const snapshot = this.current as OpenSnapshot;
    snapshot.users++;
    return snapshot;
  }

  private async open(identity: string): Promise<OpenSnapshot> {
    const { memoryLimitMb: memory, threads } = this.options;
    const instance = await DuckDBInstance.create(this.dbPath, {
      ...OPTIONS,
      ...(memory ? { memory_limit: `${memory}MB` } : {}),
      ...(threads ? { threads: String(threads) } : {}),
    });
    const connection = await instance.connect();
    try {
      const [row] = await queryRows(
        connection,
        `SELECT (SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 1) AS run_id,
                (SELECT strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') FROM runs ORDER BY finished_at DESC LIMIT 1) AS loaded_at,
                (SELECT count(*) FROM contracts) AS contracts,
                (SELECT count(*) FROM concessions) AS concessions,
                (SELECT count(*) FROM run_sources s WHERE s.synthetic AND s.run_id =
                   (SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 1)) > 0 AS synthetic`,
      );
      const info: SnapshotInfo = {
        runId: row.run_id === null ? null : String(row.run_id),
        loadedAt: row.loaded_at === null ? null : String(row.loaded_at),
        contracts: Number(row.contracts),
        concessions: Number(row.concessions),
        synthetic: row.synthetic === true,
        format: formatOfRun((await queryRows(connection, LATEST_RUN_SQL))[0]),
        opening: ++openings,
      };
      return { instance, identity, info, users: 0, retired: false };
    } finally {
      connection.closeSync();
    }
  }
}
