// The same records, once as a producer's JSON file and once written in the test as decp.info's
// tabular DECP (Parquet, typed as decp.info publishes it: one row per version × titulaire), give
// the same contracts and the same value for every indicator of the catalogue: the tabular path
// groups rows back into the records the JSON path reads, and one normaliser does the rest.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { openDatabase, queryRows, type Database } from "../../lib/duckdb.ts";
import { runIndicator } from "../../indicators/engine.ts";
import { decpInfoRows } from "../../bench/generator/decp-info-rows.ts";
import { writeTabular } from "../../bench/generator/write-tabular.ts";
import { shippedCatalogue } from "../indicators/helpers/catalogue.ts";
import { cachedEtl, writeTestInput } from "../helpers/etl-cache.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";

type Json = Record<string, unknown>;

// Real marchés of the 2024 format (Dematis daily files) and of the 2019 format (e-marchespublics).
const V2_FILES = [
  "real-v2-dematis-daily-2024-07-12.json",
  "real-v2-dematis-daily-2024-07-15.json",
  "real-v2-dematis-daily-2024-07-16.json",
];
const V1_FILE = "real-v1-e-marchespublics-2019-04.json";

const read = (name: string) =>
  JSON.parse(readFileSync(join(SAMPLES_DIR, name), "utf8")) as { marches: unknown };

/**
 * One record per uid: the tabular DECP holds one contract per uid, so republications and lots
 * published under one id (which the JSON path resolves by its own rules) are left out of both.
 */
function oncePerUid(records: Json[]): Json[] {
  const uid = (r: Json) => `${(r.acheteur as Json | undefined)?.id ?? ""}${String(r.id ?? "")}`;
  const counts = new Map<string, number>();
  for (const r of records) counts.set(uid(r), (counts.get(uid(r)) ?? 0) + 1);
  return records.filter((r) => counts.get(uid(r)) === 1 && r.id && r.acheteur);
}

const dir = tempDir();
let json: Database;
let parquet: Database;
let records: { v1: Json[]; v2: Json[] };

beforeAll(async () => {
  const v2 = V2_FILES.flatMap((name) => (read(name).marches as { marche?: Json[] }).marche ?? []);
  const v1 = (read(V1_FILE).marches as Json[]).filter((r) => r._type !== "Contrat de concession");
  records = { v1: oncePerUid(v1), v2: oncePerUid(v2) };
  // Fixed paths: the snapshots of the same bytes are built once (tests/helpers/etl-cache.ts).
  const v1Path = writeTestInput(
    "tabular-equivalence/records-2019.json",
    JSON.stringify({ marches: records.v1 }),
  );
  const v2Path = writeTestInput(
    "tabular-equivalence/records-2024.json",
    JSON.stringify({ marches: { marche: records.v2 } }),
  );
  const tabular = join(dirname(v1Path), "records.parquet");
  await writeTabular(
    [[...records.v1, ...records.v2].flatMap((r) => decpInfoRows(r, { sourceDataset: "test" }))],
    tabular,
    "parquet",
  );

  const jsonReport = await cachedEtl([v1Path, v2Path], TEST_TODAY, join(dir, "json.duckdb"));
  expect(jsonReport.status, jsonReport.error?.message).toBe("ok");
  const tabularReport = await cachedEtl([tabular], TEST_TODAY, join(dir, "parquet.duckdb"));
  expect(tabularReport.status, tabularReport.error?.message).toBe("ok");
  expect(tabularReport.sources[0].tabular).toMatchObject({
    container: "Parquet",
    dialect: "decp-info",
  });
  json = await openDatabase(join(dir, "json.duckdb"), { readOnly: true });
  parquet = await openDatabase(join(dir, "parquet.duckdb"), { readOnly: true });
}, 300_000);

afterAll(() => {
  json?.close();
  parquet?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Numbers to 12 significant digits: DuckDB adds amounts in the order rows reach it, so a sum of
 * the same amounts may differ in its last bit from one database to the other; nothing else may.
 */
function rounded(value: unknown): unknown {
  if (typeof value === "number") return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  }
  return value;
}

describe("a JSON file and the same records as decp.info's tabular Parquet", () => {
  it("give the same contracts, with the same key, amounts, dates, titulaires and modifications", async () => {
    const sql = `SELECT uid, decp_format, montant_initial, montant, duree_mois, date_notification,
                        procedure, titulaires_count, modifications_count, considerations_sociales
                 FROM contracts ORDER BY uid`;
    const fromJson = await queryRows(json.connection, sql);
    const fromParquet = await queryRows(parquet.connection, sql);
    expect(fromJson.length).toBe(records.v1.length + records.v2.length);
    expect(fromParquet).toEqual(fromJson);
  });

  it.each(shippedCatalogue().definitions.map((d) => [d.id, d] as const))(
    "%s: the same values, N and coverage, plain and by year",
    async (_id, definition) => {
      for (const request of [{}, { grain: "year" as const }]) {
        const a = await runIndicator(json.connection, definition, request);
        const b = await runIndicator(parquet.connection, definition, request);
        expect(a.rows.length).toBeGreaterThan(0);
        expect(rounded(b.rows)).toEqual(rounded(a.rows));
      }
    },
  );
});
