// A key whose code has no label in the reference lists (CPV divisions « 00 », « 74 »… of the
// shipped data, absent from the CPV list) reads as its code wherever a person reads it: in the
// label cell of the CSV for Excel and of the XLSX, as the table under the chart shows it, and in
// the chart itself (where « Non renseigné » merged every such code into one bar). Plain CSV and
// Parquet keep the label null: a program reads the code beside it.
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../server/api-types.ts";
import { NO_LABEL } from "../../client/src/shared/missing-key.js";
import { parseCsv, readParquet, readXlsx } from "./helpers/read-files.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

// The client's modules, loaded as the browser does (they are plain JavaScript).
const TABLE = new URL("../../client/src/table.js", import.meta.url);
const CHARTS = new URL("../../client/src/charts/common.js", import.meta.url);
const load = (url: URL) => import(pathToFileURL(fileURLToPath(url)).href);
const QUERY = "by=cpv_division";
let t: TestServer;
let json: IndicatorResult;
let unlabelled: number[];
beforeAll(async () => {
  t = await startTestServer();
  json = await t.json<IndicatorResult>(`/api/indicators/sme_share?${QUERY}`);
  unlabelled = json.rows.flatMap((r, i) =>
    r.cpv_division !== null && r.cpv_division_label === null ? [i] : [],
  );
  // The shipped data hold such codes (« 00 » among them): the test means something.
  expect(unlabelled.map((i) => json.rows[i]?.cpv_division)).toContain("00");
});
afterAll(() => t?.close());

async function file(format: string): Promise<Uint8Array> {
  const response = await t.get(`/api/indicators/sme_share/export?format=${format}&${QUERY}`);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const code = (i: number) => String(json.rows[i]?.cpv_division);

describe("codes without a label", () => {
  it("the dashboard's table and chart show the code", async () => {
    const { tableModel } = (await load(TABLE)) as {
      tableModel: (result: IndicatorResult) => { rows: string[][] };
    };
    const { chartRows } = (await load(CHARTS)) as {
      chartRows: (result: IndicatorResult, keys: string[]) => Record<string, unknown>[];
    };
    const shown = new Set(tableModel(json).rows.map((r) => r[0]));
    const drawn = chartRows(json, ["cpv_division"]).map((r) => r.cpv_division_label);
    for (const i of unlabelled) {
      expect(shown).toContain(code(i));
      expect(drawn[i]).toBe(code(i));
    }
    // Only the contracts without a CPV code are « Non renseigné ».
    expect(drawn.filter((l) => l === NO_LABEL)).toHaveLength(
      json.rows.filter((r) => r.cpv_division === null).length,
    );
  });

  it("CSV for Excel and XLSX write the code in the label cell", async () => {
    const names = json.columns.map((c) => c.name);
    const label = names.indexOf("cpv_division_label");
    const csv = parseCsv(new TextDecoder().decode((await file("csv_excel")).slice(3)), ";");
    const xlsx = readXlsx(await file("xlsx")).get("Données") ?? [];
    for (const i of unlabelled) {
      // The CSV keeps the code as text (="00"), in the label cell as in the code's own.
      expect(csv[i + 1]?.[label]).toBe(`="${code(i)}"`);
      expect(xlsx[i + 1]?.[label]).toBe(code(i));
    }
  });

  it("plain CSV and Parquet keep the label null", async () => {
    const csv = parseCsv(new TextDecoder().decode(await file("csv")), ",");
    const label = (csv[0] ?? []).indexOf("cpv_division_label");
    const parquet = (await readParquet(await file("parquet"))).rows;
    for (const i of unlabelled) {
      expect(csv[i + 1]?.[label]).toBe("");
      expect(parquet[i]?.cpv_division_label).toBeNull();
    }
  });
});
