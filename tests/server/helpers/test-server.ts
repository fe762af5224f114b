// A real observatory for tests: a DuckDB snapshot built from the shipped samples into a temporary
// folder, and the real server listening on 127.0.0.1 (port chosen by the system).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, queryRows, type Row } from "../../../lib/duckdb.ts";
import { startServer, type RunningServer, type StartOptions } from "../../../server/start.ts";
import { cachedEtl } from "../../helpers/etl-cache.ts";
import { copySamplesSnapshot } from "../../helpers/samples-db.ts";
import { TEST_NOW } from "../../helpers/test-today.ts";

/** Fixed "now" of the tests: date checks and generated_at stamps give the same answer every day. */
export { TEST_NOW };

export interface TestServer {
  url: string;
  dbPath: string;
  dir: string;
  server: RunningServer;
  logs: string[];
  get(path: string): Promise<Response>;
  json<T = Record<string, unknown>>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** The server's own options (limits, admin token, cache…) and what the database is built from. */
export interface TestServerOptions extends Partial<
  Omit<StartOptions, "dbPath" | "port" | "host" | "clock" | "log">
> {
  /** Files the database is built from (default: the shipped samples). */
  inputs?: string[];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { inputs = [], ...serverOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), "observatory-server-test-"));
  const dbPath = join(dir, "observatory.duckdb");
  // The shipped samples: a copy of the snapshot the global setup built once; other inputs: the
  // ETL's snapshot of them, built once per content (tests/helpers/etl-cache.ts).
  const report =
    inputs.length === 0 ? copySamplesSnapshot(dbPath) : await cachedEtl(inputs, TEST_NOW, dbPath);
  if (report.status !== "ok") throw new Error(`ETL failed: ${report.error?.message}`);
  const logs: string[] = [];
  const server = await startServer({
    dbPath,
    port: 0,
    host: "127.0.0.1",
    clock: () => TEST_NOW,
    log: (line) => logs.push(line),
    // The cache is warmed only where a test looks at it (it asks for warmCache: true).
    warmCache: false,
    ...serverOptions,
  }).catch((error: unknown) => {
    // A server that refuses to start (a test of its checks) leaves no folder behind.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const get = (path: string) => fetch(`${server.url}${path}`);
  return {
    url: server.url,
    dbPath,
    dir,
    server,
    logs,
    get,
    async json<T>(path: string): Promise<T> {
      const response = await get(path);
      if (!response.ok)
        throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Ground truth straight from the snapshot file, through a separate in-memory DuckDB. */
export async function queryFile(
  dbPath: string,
  sql: string,
  params: string[] = [],
): Promise<Row[]> {
  const db = await openDatabase(":memory:");
  try {
    await db.connection.run(`ATTACH '${dbPath.replaceAll("'", "''")}' AS snap (READ_ONLY)`);
    await db.connection.run("USE snap");
    return await queryRows(db.connection, sql, params);
  } finally {
    db.close();
  }
}
