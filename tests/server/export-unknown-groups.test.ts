// A group whose key is not known (contracts placed in no région, contracts without a notification
// date) reads in the spreadsheets as the dashboard says it, « Non renseigné » or « Date inconnue »
// (client/src/shared/missing-key.js), never as a blank cell, which a reader takes for a missing
// figure or a subtotal; the data tools' formats keep null.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_LABEL, UNKNOWN_DATE } from "../../client/src/shared/missing-key.js";
import { parseCsv, readParquet, readXlsx } from "./helpers/read-files.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

interface Result {
  columns: { name: string; label: string }[];
  rows: Record<string, unknown>[];
}

const QUERY = "by=region,year";
let t: TestServer;
let json: Result;
beforeAll(async () => {
  t = await startTestServer();
  json = await t.json<Result>(`/api/indicators/sme_share?${QUERY}`);
});
afterAll(() => t?.close());

async function file(format: string): Promise<Uint8Array> {
  const response = await t.get(`/api/indicators/sme_share/export?format=${format}&${QUERY}`);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

/** The cells of each JSON row, by column id, in a table whose first line is its header. */
function cellsOf(table: string[][], header: string[]): Record<string, string>[] {
  return table.slice(1).map((line) => Object.fromEntries(header.map((h, i) => [h, line[i] ?? ""])));
}

/** The shipped data hold both kinds of unknown group: the test means something. */
function unknownRows(): { region: number[]; year: number[] } {
  const at = (pick: (r: Record<string, unknown>) => boolean) =>
    json.rows.flatMap((r, i) => (pick(r) ? [i] : []));
  const region = at((r) => r.region === null && r.year !== null);
  const year = at((r) => r.year === null && r.region !== null);
  expect(region.length).toBeGreaterThan(0);
  expect(year.length).toBeGreaterThan(0);
  return { region, year };
}

describe("unknown groups in the exports", () => {
  it("CSV for Excel and XLSX say « Non renseigné » and « Date inconnue »", async () => {
    const { region, year } = unknownRows();
    const labels = json.columns.map((c) => c.name);
    const csv = parseCsv(new TextDecoder().decode((await file("csv_excel")).slice(3)), ";");
    const xlsx = readXlsx(await file("xlsx")).get("Données") ?? [];
    for (const table of [csv, xlsx]) {
      const rows = cellsOf(table, labels);
      expect(rows.length).toBe(json.rows.length);
      for (const i of region) {
        // The label a person reads says it; the code stays empty, as no code names it.
        expect(rows[i]?.region_label).toBe(NO_LABEL);
        expect(rows[i]?.region).toBe("");
      }
      // A year has no label column: the words are in the year's own cell.
      for (const i of year) expect(rows[i]?.year).toBe(UNKNOWN_DATE);
      // Known groups keep their own words.
      const known = json.rows.findIndex((r) => r.region === "53" && r.year === 2024);
      expect(rows[known]?.region_label).toBe("Bretagne");
      expect(rows[known]?.year).toBe("2024");
    }
  });

  it("plain CSV and Parquet keep null", async () => {
    const { region, year } = unknownRows();
    const csv = parseCsv(new TextDecoder().decode(await file("csv")), ",");
    const rows = cellsOf(csv, csv[0] ?? []);
    for (const i of region) expect([rows[i]?.region, rows[i]?.region_label]).toEqual(["", ""]);
    for (const i of year) expect(rows[i]?.year).toBe("");
    const parquet = (await readParquet(await file("parquet"))).rows;
    for (const i of region)
      expect([parquet[i]?.region, parquet[i]?.region_label]).toEqual([null, null]);
    for (const i of year) expect(parquet[i]?.year).toBeNull();
  });
});
