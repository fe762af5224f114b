// The table under each chart (client/src/table.js) says why a row gets no verdict, in the badges'
// words, where it showed « — »: on real answers of the API, every row of an indicator with
// thresholds and a target whose status or target_met is null names its reason, and a judged row
// keeps its verdict. The client module is loaded as the browser does.
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../server/api-types.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const TABLE = new URL("../../client/src/table.js", import.meta.url);
type TableModel = { headers: string[]; rows: string[][] };

let t: TestServer;
let tableModel: (result: IndicatorResult) => TableModel;
beforeAll(async () => {
  t = await startTestServer();
  const module = (await import(pathToFileURL(fileURLToPath(TABLE)).href)) as {
    tableModel: typeof tableModel;
  };
  tableModel = module.tableModel;
});
afterAll(() => t?.close());

/** The cells of one column, by its header. */
function column(model: TableModel, header: string): string[] {
  const i = model.headers.indexOf(header);
  expect(i, header).toBeGreaterThanOrEqual(0);
  return model.rows.map((row) => row[i] ?? "");
}

describe("the table under a chart", () => {
  it("says why each row is not judged against the target", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/social_consideration_share?by=year",
    );
    const targetYear = result.indicator.target?.year;
    expect(targetYear).toBeTypeOf("number");
    const target = column(tableModel(result), "Cible atteinte");
    expect(target).not.toContain("—");
    // Each not-judged row says its own reason: years before the target's year are « fixée pour »
    // it, a year with no contract in the 2024 format says so (its value is « pas de donnée »).
    const unjudged = target.filter((cell) => cell.startsWith("non évaluée : "));
    expect(unjudged.length).toBe(result.rows.filter((r) => r.target_met === null).length);
    expect(target).toContain(`non évaluée : fixée pour ${targetYear}`);
    expect(target).toContain("non évaluée : aucun marché au format 2024");
  });

  it("says why each row is not judged against the thresholds", async () => {
    const result = await t.json<IndicatorResult>("/api/indicators/single_offer_rate?by=region");
    const status = column(tableModel(result), "Seuils");
    expect(status).not.toContain("—");
    const unjudged = status.filter((cell) => cell.startsWith("non évalué : "));
    expect(unjudged.length).toBe(result.rows.filter((r) => r.status === null).length);
    expect(unjudged.length).toBeGreaterThan(0);
    expect(unjudged).toContain("non évalué : trop peu de marchés");
    // A judged row keeps its colour's words.
    expect(status.length - unjudged.length).toBe(
      result.rows.filter((r) => r.status !== null).length,
    );
  });

  it("says « non évalué » alone when the reason is unknown", async () => {
    const result = await t.json<IndicatorResult>("/api/indicators/single_offer_rate?by=region");
    // A code newer than the page, or none: no reason is made up, and none is said twice.
    const rows = result.rows.map((r, i) =>
      r.status === null ? { ...r, status_not_judged: i % 2 === 0 ? "a_newer_rule" : null } : r,
    );
    // The API's type knows only today's codes: the newer answer is one it does not describe.
    const newer = { ...result, rows } as unknown as IndicatorResult;
    const status = column(tableModel(newer), "Seuils");
    const unjudged = status.filter((cell) => cell.startsWith("non évalué"));
    expect(unjudged.length).toBeGreaterThan(1);
    expect(new Set(unjudged)).toEqual(new Set(["non évalué"]));
  });
});
