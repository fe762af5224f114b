// The benchmark's SQLite comparison is only fair if SQLite answers what DuckDB answers: every
// catalogue indicator, plain, under each of its breakdowns and under a filter, gives the same rows
// on both engines, on the hand-written seed (edge cases) and on the shipped samples (real data).
// @module-tag slow
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSqlite } from "../../bench/steps/sqlite-load.ts";
import {
  compareRows,
  openSqlite,
  runOnDuckdb,
  runOnSqlite,
} from "../../bench/steps/sqlite-engine.ts";
import { loadCatalogue, type RequestInput } from "../../indicators/index.ts";
import type { Database } from "../../lib/duckdb.ts";
import { buildTestDb, tempDir, type TestDb } from "../helpers/samples-db.ts";
import { seededDatabase } from "../indicators/helpers/seed-db.ts";

const catalogue = loadCatalogue();
const dir = tempDir();
let seed: Database;
let samples: TestDb;
const lites: Record<string, ReturnType<typeof openSqlite>> = {};

beforeAll(async () => {
  seed = await seededDatabase();
  samples = await buildTestDb();
  for (const [name, db] of [
    ["seed", seed],
    ["samples", samples.db],
  ] as const) {
    lites[name] = openSqlite(join(dir, `${name}.sqlite`));
    await loadSqlite(db.connection, lites[name], catalogue.model);
  }
});
afterAll(() => {
  for (const lite of Object.values(lites)) lite.close();
  seed.close();
  samples.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function requestsOf(breakdowns: readonly string[], filters: readonly string[]): RequestInput[] {
  const requests: RequestInput[] = [{}, ...breakdowns.map((by) => ({ by: [by] }))];
  if (filters.includes("year"))
    requests.push({ filters: [{ dimension: "year", op: "gte", values: [2024] }] });
  if (filters.includes("procedure"))
    requests.push({ filters: [{ dimension: "procedure", op: "nin", values: ["sans_publicite"] }] });
  return requests;
}

describe("the SQLite dialect answers as DuckDB", () => {
  for (const database of ["seed", "samples"] as const) {
    it.each(catalogue.definitions.map((d) => [d.id, d] as const))(
      `${database}: %s`,
      async (_id, definition) => {
        const connection = database === "seed" ? seed.connection : samples.db.connection;
        for (const request of requestsOf(definition.breakdowns, definition.filters)) {
          const duck = await runOnDuckdb(connection, definition, request, catalogue.model);
          const lite = runOnSqlite(lites[database], definition, request, catalogue.model);
          expect(compareRows(duck, lite), JSON.stringify(request)).toBeNull();
        }
      },
    );
  }

  it("compares for real: a changed value is a difference", async () => {
    const definition = catalogue.definitions.find((d) => d.id === "amount_total");
    if (!definition) throw new Error("amount_total is in the catalogue");
    const duck = await runOnDuckdb(seed.connection, definition, {}, catalogue.model);
    const lite = runOnSqlite(lites.seed, definition, {}, catalogue.model);
    lite[0] = { ...lite[0], value: Number(lite[0].value) + 1 };
    expect(compareRows(duck, lite)).toMatch(/value/);
  });
});
