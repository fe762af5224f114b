// Golden cases: request → SQL text, parameters and rows on the seed database. Regenerate with
// UPDATE_GOLDEN=1 (locally, never in CI) and review the diff; a mismatch writes the new output
// to tests/output/golden/<case>.changed.yaml for comparison.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { Database } from "../../lib/duckdb.ts";
import type { RequestInput } from "../../indicators/compiler/request.ts";
import { runIndicator } from "../../indicators/engine.ts";
import { definition } from "./helpers/catalogue.ts";
import { seededDatabase } from "./helpers/seed-db.ts";

const GOLDEN_DIR = "tests/fixtures/indicators/golden";
const CHANGED_DIR = "tests/output/golden";
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const CASES: { name: string; indicator: string; request: RequestInput }[] = [
  { name: "contracts_count-by-region", indicator: "contracts_count", request: { by: ["region"] } },
  { name: "amount_total-by-band", indicator: "amount_total", request: { by: ["amount_band"] } },
  {
    name: "social_consideration_share-by-year",
    indicator: "social_consideration_share",
    request: { grain: "year" },
  },
  {
    name: "single_offer_rate-by-procedure-in-region",
    indicator: "single_offer_rate",
    request: { by: ["procedure"], filters: [{ dimension: "region", op: "eq", values: ["53"] }] },
  },
  { name: "procedure_mix-by-year", indicator: "procedure_mix", request: { grain: "year" } },
  {
    name: "top_supplier_share-2024",
    indicator: "top_supplier_share",
    request: { filters: [{ dimension: "year", op: "eq", values: [2024] }] },
  },
  {
    name: "no_publicity_share-by-buyer-name",
    indicator: "no_publicity_share",
    request: {
      by: ["acheteur_nom"],
      filters: [{ dimension: "acheteur_nom", op: "nin", values: ["Rennes Métropole"] }],
    },
  },
  {
    name: "publication_delay_median-by-quarter",
    indicator: "publication_delay_median",
    request: { grain: "quarter", filters: [{ dimension: "year", op: "gte", values: [2024] }] },
  },
];

let db: Database;
beforeAll(async () => {
  db = await seededDatabase();
});
afterAll(() => db.close());

describe("golden cases", () => {
  it.each(CASES)("$name", async ({ name, indicator, request }) => {
    const result = await runIndicator(db.connection, definition(indicator), request);
    const actual = {
      indicator,
      request: result.request,
      sql: result.query.sql,
      params: result.query.params,
      rows: result.rows,
    };
    const path = `${GOLDEN_DIR}/${name}.yaml`;
    const text = `# Golden case, generated with UPDATE_GOLDEN=1 and reviewed.\n${stringify(actual, { blockQuote: "literal", lineWidth: 0 })}`;
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(path, text);
      return;
    }
    if (!existsSync(path)) throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1`);
    const expected: unknown = parse(readFileSync(path, "utf8"));
    try {
      expect(actual).toEqual(expected);
    } catch (error) {
      mkdirSync(CHANGED_DIR, { recursive: true });
      writeFileSync(`${CHANGED_DIR}/${name}.changed.yaml`, text);
      throw error;
    }
  });
});
