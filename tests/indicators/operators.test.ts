// The closed operator set, run on the seed: blanks stay explicit (neq and nin keep them, every
// other comparison leaves them out), an empty `in` matches nothing, `not` is a plain negation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../lib/duckdb.ts";
import { runIndicator } from "../../indicators/engine.ts";
import type { RequestInput } from "../../indicators/compiler/request.ts";
import { definition, inlineDefinition } from "./helpers/catalogue.ts";
import { seededDatabase } from "./helpers/seed-db.ts";

let db: Database;
beforeAll(async () => {
  db = await seededDatabase();
});
afterAll(() => db.close());

const count = async (request: RequestInput, id = "contracts_count"): Promise<number> => {
  const result = await runIndicator(db.connection, definition(id), request);
  return result.rows[0]?.n ?? -1;
};

const whereCount = async (where: Record<string, unknown>): Promise<number> => {
  const def = inlineDefinition({ measure: { kind: "count_distinct", where } });
  const result = await runIndicator(db.connection, def, {});
  return Number(result.rows[0]?.value);
};

describe("request filters", () => {
  const nom = (op: string, values: string[]) => ({
    filters: [{ dimension: "acheteur_nom", op, values }],
  });

  // acheteur_nom: "L'Haÿ-les-Roses" ×3, "Rennes Métropole" ×1, blank ×8.
  it.each([
    ["eq", ["L'Haÿ-les-Roses"], 3],
    ["neq", ["L'Haÿ-les-Roses"], 9], // blanks kept
    ["in", ["L'Haÿ-les-Roses", "Rennes Métropole"], 4],
    ["nin", ["L'Haÿ-les-Roses"], 9], // blanks kept
    ["in", [], 0],
    ["nin", [], 12],
    ["lt", ["M"], 3], // text order; blanks out
  ])("%s %j → %i contracts", async (op, values, expected) => {
    expect(await count(nom(op, values))).toBe(expected);
  });

  it("compares years as integers", async () => {
    // 2024: 7, 2025: 1; the contract with no date is out.
    expect(await count({ filters: [{ dimension: "year", op: "gte", values: [2024] }] })).toBe(8);
    expect(await count({ filters: [{ dimension: "year", op: "gte", values: ["2024"] }] })).toBe(8);
  });

  it("combines filters with and", async () => {
    const request: RequestInput = {
      filters: [
        { dimension: "region", op: "eq", values: ["53"] },
        { dimension: "procedure", op: "in", values: ["appel_offres_ouvert", "sans_publicite"] },
      ],
    };
    // Region 53 and open tender or no publicity.
    expect(await count(request)).toBe(4);
  });
});

describe("definition conditions", () => {
  it("contains matches any of the values in a list field", async () => {
    const where = {
      field: "considerations_sociales",
      op: "contains",
      values: ["marche_reserve", "critere_social"],
    };
    expect(await whereCount(where)).toBe(2); // A-4, B-1
  });

  it("not includes blanks, as neq does", async () => {
    // offres_recues = 1, B-2, A-5; not: the 8 others, blanks included.
    expect(await whereCount({ not: { field: "offres_recues", op: "eq", value: 1 } })).toBe(8);
    expect(await whereCount({ field: "offres_recues", op: "neq", value: 1 })).toBe(8);
    expect(await whereCount({ field: "offres_recues", op: "gt", value: 1 })).toBe(3);
  });

  it("or and nested and", async () => {
    const where = {
      or: [
        { field: "procedure", op: "eq", value: "sans_publicite" },
        {
          and: [
            { field: "offres_recues", op: "gte", value: 3 },
            { field: "marche_innovant", op: "eq", value: false },
          ],
        },
      ],
    };
    // No publicity: A-3, C-1; 3+ offers and not innovative: A-2, B-3.
    expect(await whereCount(where)).toBe(4);
  });

  it("compares dates with date values", async () => {
    const where = { field: "date_notification", op: "lt", value: "2024-03-01" };
    expect(await whereCount(where)).toBe(4); // A-1, C-1, C-2, C-3
  });

  it("tests booleans and blanks", async () => {
    expect(await whereCount({ field: "marche_innovant", op: "is_null" })).toBe(5);
    expect(await whereCount({ field: "marche_innovant", op: "eq", value: true })).toBe(1);
  });
});
