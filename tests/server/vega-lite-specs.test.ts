// Every Vega-Lite spec the client can build, from real API answers, is valid against the
// Vega-Lite JSON schema and compiles without a warning.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { compile } from "vega-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

type Spec = Record<string, unknown>;
interface Result {
  indicator: { id: string; breakdowns: { id: string }[]; shape: string };
  rows: unknown[];
}
/** The client's spec builders (plain JavaScript modules, loaded as the browser loads them). */
interface Specs {
  trendSpec(result: Result, options?: { compact?: boolean }): Spec | null;
  breakdownSpec(
    result: Result,
    dimension: string,
  ): { spec: Spec; shown: number; total: number } | null;
  mapSpec(result: Result): Spec | null;
  barSpec(rows: Record<string, unknown>[], options: Record<string, string>): Spec;
}

const SCHEMA = fileURLToPath(
  new URL("../../node_modules/vega-lite/build/vega-lite-schema.json", import.meta.url),
);
const SPECS = new URL("../../client/src/charts/specs.js", import.meta.url);
const TIME = ["year", "quarter", "month"];

let t: TestServer;
let specs: Specs;
// The schema allows formats ajv does not know (uri…): they are not what is checked here.
const validate = new Ajv({ strict: false, allErrors: true, logger: false }).compile(
  JSON.parse(readFileSync(SCHEMA, "utf8")) as object,
);

beforeAll(async () => {
  t = await startTestServer();
  specs = (await import(pathToFileURL(fileURLToPath(SPECS)).href)) as Specs;
});
afterAll(() => t?.close());

function check(spec: Spec | null | undefined, where: string, counts: { n: number }): void {
  if (!spec) return;
  const valid = validate(spec);
  expect(valid, `${where}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    info: () => logger,
    debug: () => logger,
    warn: (...args: unknown[]) => (warnings.push(args.map(String).join(" ")), logger),
    error: (...args: unknown[]) => (warnings.push(args.map(String).join(" ")), logger),
  };
  type Options = Parameters<typeof compile>[1];
  compile(spec as unknown as Parameters<typeof compile>[0], { logger } as unknown as Options);
  expect(warnings, where).toEqual([]);
  counts.n++;
}

describe("Vega-Lite specs", () => {
  it("validates the trend, breakdown and map specs of every indicator", async () => {
    const counts = { n: 0 };
    const { indicators } = await t.json<{ indicators: Result["indicator"][] }>("/api/indicators");
    for (const ind of indicators) {
      const byYear = await t.json<Result>(`/api/indicators/${ind.id}?by=year`);
      check(specs.trendSpec(byYear), `${ind.id} trend`, counts);
      check(specs.trendSpec(byYear, { compact: true }), `${ind.id} card trend`, counts);
      // An empty selection still gives valid specs.
      const none = await t.json<Result>(`/api/indicators/${ind.id}?by=year&filter=year<1900`);
      expect(none.rows).toEqual([]);
      check(specs.trendSpec(none), `${ind.id} empty trend`, counts);
      for (const { id } of ind.breakdowns.filter((b) => !TIME.includes(b.id))) {
        const result = await t.json<Result>(`/api/indicators/${ind.id}?by=${id}`);
        check(specs.breakdownSpec(result, id)?.spec, `${ind.id} by ${id}`, counts);
        if (id === "departement") check(specs.mapSpec(result), `${ind.id} map`, counts);
      }
    }
    expect(counts.n).toBeGreaterThan(300);
  });

  it("validates the bar charts of the buyer and supplier pages", async () => {
    const counts = { n: 0 };
    const { buyers } = await t.json<{ buyers: { siret: string }[] }>("/api/buyers?q=ville");
    const buyer = await t.json<{ by_year: Record<string, unknown>[] }>(
      `/api/buyers/${buyers[0]?.siret}`,
    );
    const options = {
      x: "year",
      y: "contracts",
      xTitle: "Année",
      yTitle: "Marchés",
      format: ",.0f",
      description: "test",
    };
    check(specs.barSpec(buyer.by_year, options), "buyer years", counts);
    check(specs.barSpec([], options), "empty years", counts);
    expect(counts.n).toBe(2);
  });
});
