// Builds a real DuckDB snapshot from the shipped samples into a temporary folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inject } from "vitest";
import type { EtlReport } from "../../etl/pipeline.ts";
import { cachedEtl } from "./etl-cache.ts";
import { copySnapshotFolder } from "./snapshot-folder.ts";
import { openDatabase, queryRows, type Database, type Row } from "../../lib/duckdb.ts";

/**
 * Contracts the ETL keeps from the shipped real-v1-e-marchespublics-2019-04.json: 470 records,
 * 4 republications dropped, and 32 lots published under 5 shared ids kept each as a contract.
 */
export const E_MARCHESPUBLICS_CONTRACTS = 466;

import { TEST_TODAY } from "./test-today.ts";

export { TEST_TODAY };

export interface TestDb {
  report: EtlReport;
  db: Database;
  query: (sql: string, params?: (string | number)[]) => Promise<Row[]>;
  cleanup: () => void;
}

/**
 * Copies the samples' snapshot (and its run history) to `dbPath`: what the ETL on the shipped
 * samples would write there, without running it again. Returns the report that built it.
 */
export function copySamplesSnapshot(dbPath: string): EtlReport {
  return copySnapshotFolder(dirname(inject("samplesSnapshot").dbPath), dbPath);
}

export function tempDir(prefix = "decp-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A snapshot in a folder of its own: with no inputs, a copy of the samples' snapshot that the
 * global setup built once (tests/setup/samples-snapshot.ts); otherwise the real ETL's snapshot of
 * `inputs`, built once per content (tests/helpers/etl-cache.ts).
 */
export async function buildTestDb(inputs: string[] = []): Promise<TestDb> {
  const dir = tempDir();
  const dbPath = join(dir, "observatory.duckdb");
  const report =
    inputs.length === 0 ? copySamplesSnapshot(dbPath) : await cachedEtl(inputs, TEST_TODAY, dbPath);
  if (report.status !== "ok") throw new Error(`ETL failed: ${report.error?.message}`);
  const db = await openDatabase(dbPath, { readOnly: true });
  return {
    report,
    db,
    query: (sql, params) => queryRows(db.connection, sql, params),
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a database serves: its contract count and latest run, read the way the server reads it. */
export async function servedSnapshot(dbPath: string): Promise<{ contracts: number; run: string }> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    const [row] = await queryRows(
      db.connection,
      `SELECT (SELECT count(*) FROM contracts) AS contracts,
              (SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 1) AS run`,
    );
    return { contracts: Number(row.contracts), run: String(row.run) };
  } finally {
    db.close();
  }
}
