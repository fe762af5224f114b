// Normalising in worker threads gives exactly the same snapshot as normalising in the main thread,
// for producers' JSON and XML files and for the records grouped from a tabular file alike.
// @module-tag slow
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { cachedEtl } from "../helpers/etl-cache.ts";
import { fixture } from "../helpers/fixtures.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLES = [
  "contracts",
  "contract_suppliers",
  "contract_modifications",
  "subcontracting_acts",
  "concessions",
  "concession_holders",
  "rejects",
  "field_issues",
  "duplicates",
  "feed_contracts",
  "feed_titulaires",
];

async function snapshot(name: string, parallelMinBytes: number) {
  const dbPath = join(dir, `${name}.duckdb`);
  const inputs = [
    "real-v1-aife-place-2019-04.json",
    "real-v2-dematis-daily-2024-07-16.json",
    "real-flat-decp-info-2024H2-travaux-cpv4521.csv",
  ]
    .map((f) => join(SAMPLES_DIR, f))
    .concat(fixture("official-v1.5-example-paquet.xml"));
  // Built by the real ETL once per content of its code, inputs and settings (tests/helpers/etl-cache.ts).
  const report = await cachedEtl(inputs, TEST_TODAY, dbPath, { parallelMinBytes });
  expect(report.status).toBe("ok");
  const db = await openDatabase(dbPath, { readOnly: true });
  const tables: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    tables[table] = await queryRows(
      db.connection,
      `SELECT * ${["rejects", "field_issues", "duplicates"].includes(table) ? "EXCLUDE (run_id)" : ""} FROM ${table} ORDER BY ALL`,
    );
  }
  db.close();
  return { sources: report.sources.map(({ duration_ms: _d, ...rest }) => rest), tables };
}

describe("worker-thread normalisation", () => {
  it("builds the same tables and counts as the main thread", async () => {
    const sequential = await snapshot("sequential", Number.MAX_SAFE_INTEGER);
    const parallel = await snapshot("parallel", 0);
    expect(parallel.sources).toEqual(sequential.sources);
    for (const table of TABLES)
      expect(parallel.tables[table], table).toEqual(sequential.tables[table]);
    expect(sequential.tables.contracts.length).toBeGreaterThan(4000);
    // Two runs of about 8,000 contracts: minutes on a shared two-core machine.
  }, 240_000);
});
