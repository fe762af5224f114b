// Buyers that share a name are never merged: the tables, the two-dimension table, its CSV and the
// charts (client modules, loaded as the browser loads them) keep one row, bar or cell per code of
// the API's answer, and a name that several codes bear reads with its code beside it. On the
// shipped data « CA Mauges Communauté » is three SIRETs: a table keyed by the name showed one row
// where only one SIRET's value survived in each cell.
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../server/api-types.ts";
import { loadSpecs, type Specs } from "./helpers/vega-specs.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

type TableModel = { headers: string[]; rows: string[][] };
interface CrossModel {
  rows: { key: string; text: string }[];
  columns: { key: string; text: string }[];
  cell(row: string, column: string): { value: string; n: string } | undefined;
}
interface Client {
  tableModel(result: IndicatorResult): TableModel;
  crossModel(result: IndicatorResult, rows: string, columns: string): CrossModel;
  crossCsvModel(model: CrossModel): TableModel;
  formatValue(value: unknown, format: string | undefined): string;
  formatInteger(value: unknown): string;
}
const MODULES = ["table.js", "cross-table.js", "format.js"].map((file) =>
  pathToFileURL(fileURLToPath(new URL(`../../client/src/${file}`, import.meta.url))),
);

let t: TestServer;
let client: Client;
let specs: Specs;
beforeAll(async () => {
  t = await startTestServer();
  const modules = await Promise.all(MODULES.map((url) => import(url.href)));
  client = Object.assign({}, ...modules) as Client;
  specs = await loadSpecs();
});
afterAll(() => t?.close());

/** The buyers' SIRETs per name in an answer. */
function codesByName(result: IndicatorResult): Map<string, Set<string>> {
  const byName = new Map<string, Set<string>>();
  for (const row of result.rows) {
    const name = String(row.acheteur_id_label ?? row.acheteur_id);
    byName.set(name, (byName.get(name) ?? new Set()).add(String(row.acheteur_id)));
  }
  return byName;
}

/** What a reader must read for a buyer: its name, with its SIRET when another bears the name. */
function expectedText(byName: Map<string, Set<string>>, row: IndicatorResult["rows"][number]) {
  const name = String(row.acheteur_id_label ?? row.acheteur_id);
  return (byName.get(name)?.size ?? 0) > 1 ? `${name} (${String(row.acheteur_id)})` : name;
}

const distinct = (values: unknown[]) => new Set(values.map(String)).size;

describe("buyers sharing a name", () => {
  it("the two-dimension table and its CSV keep one row per SIRET", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/single_offer_rate?by=acheteur_id,year",
    );
    const byName = codesByName(result);
    const mauges = byName.get("CA Mauges Communauté");
    expect(mauges?.size).toBe(3);
    const buyers = distinct(result.rows.map((r) => r.acheteur_id));
    expect(byName.size).toBeLessThan(buyers);

    const model = client.crossModel(result, "acheteur_id", "year");
    expect(model.rows).toHaveLength(buyers);
    expect(distinct(model.rows.map((r) => r.text))).toBe(buyers);
    for (const siret of mauges ?? []) {
      expect(model.rows.map((r) => r.text)).toContain(`CA Mauges Communauté (${siret})`);
    }
    // Every row of the answer is the cell at its buyer and its year, under its buyer's words.
    for (const row of result.rows) {
      const line = model.rows.find((r) => r.key === String(row.acheteur_id));
      expect(line?.text).toBe(expectedText(byName, row));
      const column = model.columns.find((c) => c.text === String(row.year ?? "Date inconnue"));
      const cell = model.cell(line?.key ?? "", column?.key ?? "");
      const where = `${String(row.acheteur_id)} ${String(row.year)}`;
      expect(cell?.value, where).toBe(client.formatValue(row.value, "percent"));
      expect(cell?.n, where).toBe(client.formatInteger(row.n));
    }
    const csv = client.crossCsvModel(model);
    expect(csv.rows).toHaveLength(buyers);
    expect(distinct(csv.rows.map((r) => r[0]))).toBe(buyers);

    // The heatmap: one line per SIRET, and as many in all as the table has.
    const heatmap = specs.heatmapSpec(result, "acheteur_id", "year");
    expect(heatmap?.total).toBe(buyers);
    const values = (heatmap?.spec.data as { values: Record<string, unknown>[] }).values;
    for (const [label, codes] of labelCodes(values)) expect(codes.size, label).toBe(1);
  });

  it("the one-dimension table and its bars keep one row per SIRET", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/single_offer_rate?by=acheteur_id",
    );
    const byName = codesByName(result);
    const table = client.tableModel(result);
    expect(table.rows).toHaveLength(result.rows.length);
    expect(table.rows.map((r) => r[0])).toEqual(result.rows.map((r) => expectedText(byName, r)));
    expect(distinct(table.rows.map((r) => r[0]))).toBe(result.rows.length);
    const bars = specs.breakdownSpec(result, "acheteur_id");
    expect(bars?.total).toBe(result.rows.length);
    const values = (bars?.spec.data as { values: Record<string, unknown>[] }).values;
    for (const [label, codes] of labelCodes(values)) expect(codes.size, label).toBe(1);
  });

  it("a mix pivoted by buyer keeps one row per SIRET", async () => {
    const result = await t.json<IndicatorResult>("/api/indicators/procedure_mix?by=acheteur_id");
    const buyers = distinct(result.rows.map((r) => r.acheteur_id));
    const table = client.tableModel(result);
    expect(table.rows).toHaveLength(buyers);
    expect(distinct(table.rows.map((r) => r[0]))).toBe(buyers);
  });
});

/** The SIRETs drawn under each buyer label of a chart's rows. */
function labelCodes(values: Record<string, unknown>[]): Map<string, Set<string>> {
  const codes = new Map<string, Set<string>>();
  for (const row of values) {
    const label = String(row.acheteur_id_label);
    codes.set(label, (codes.get(label) ?? new Set()).add(String(row.acheteur_id)));
  }
  return codes;
}
