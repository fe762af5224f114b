// A hostile corpus through every filterable dimension, as a request value, a name, an operator,
// and a definition value. The value never reaches the SQL text: either a clear user error, or
// the literal value is matched (contracts seeded with these very strings are found).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../lib/duckdb.ts";
import { queryRows } from "../../lib/duckdb.ts";
import { IndicatorError } from "../../indicators/compiler/errors.ts";
import { parseRequest } from "../../indicators/compiler/parse-request.ts";
import type { RequestInput } from "../../indicators/compiler/request.ts";
import { compileIndicator, runIndicator } from "../../indicators/engine.ts";
import { definition, inlineDefinition, shippedCatalogue } from "./helpers/catalogue.ts";
import { insertContract, seededDatabase } from "./helpers/seed-db.ts";

/** Seeded as data (matched literally); `distinct` values are checked absent from the SQL text. */
const CORPUS: { value: string; distinct: boolean }[] = [
  { value: "';DROP TABLE x;--", distinct: true },
  { value: '"; DROP TABLE contracts; --', distinct: true },
  { value: "' OR '1'='1", distinct: true },
  { value: "L'Haÿ-les-Roses", distinct: true },
  { value: 'a"b', distinct: true },
  { value: "line one\nline two\r\n", distinct: true },
  { value: "/* comment */ 1", distinct: true },
  { value: "${1} $1 ?", distinct: true },
  { value: "back\\slash", distinct: true },
  { value: "%_", distinct: false }, // LIKE wildcards: must match only themselves
  { value: "a\u0000b", distinct: true },
  { value: "名前 🚀", distinct: true },
  { value: "x".repeat(500), distinct: true }, // the longest value accepted
];
const TOO_LONG = "y".repeat(10_000);

// Free-text dimensions get the hostile strings as data; the others must refuse or miss them.
const SEEDED_COLUMNS = [
  "acheteur_id",
  "acheteur_nom",
  "departement",
  "region",
  "cpv_division",
  "source",
];

let db: Database;
let contractsBefore = 0;
beforeAll(async () => {
  db = await seededDatabase();
  for (const [index, { value }] of CORPUS.entries()) {
    const row = Object.fromEntries(SEEDED_COLUMNS.map((c) => [c, value]));
    await insertContract(
      db.connection,
      { uid: `H-${index}`, decp_format: "v2", ...row, acheteur_id: value },
      index,
    );
  }
  contractsBefore = await contractCount();
});
afterAll(() => db.close());

async function contractCount(): Promise<number> {
  const rows = await queryRows(db.connection, "SELECT count(*) AS n FROM contracts");
  return Number(rows[0]?.n);
}

const USER_CODES = ["invalid_value", "unknown_dimension", "unknown_operator", "invalid_filter"];
const contracts = definition("contracts_count");
const filterable = contracts.filters;

describe("hostile values in every filter", () => {
  it("covers every dimension of the model", () => {
    expect([...filterable].sort()).toEqual([...shippedCatalogue().model.dimensions.keys()].sort());
  });

  for (const dimension of filterable) {
    it(`${dimension}: errors or literal matches, never SQL text`, async () => {
      for (const { value, distinct } of [...CORPUS, { value: TOO_LONG, distinct: true }]) {
        for (const op of ["eq", "neq", "in", "nin", "lt"]) {
          const request: RequestInput = { filters: [{ dimension, op, values: [value] }] };
          let compiled;
          try {
            compiled = compileIndicator(contracts, request);
          } catch (error) {
            expect(error).toBeInstanceOf(IndicatorError);
            expect(USER_CODES).toContain((error as IndicatorError).code);
            // Messages echo a clipped, escaped value: no raw newline, no megabyte.
            expect((error as IndicatorError).message.length).toBeLessThan(400);
            continue;
          }
          if (distinct) expect(compiled.query.sql).not.toContain(value);
          expect(compiled.query.params).toContain(value);
          const result = await runIndicator(db.connection, contracts, request);
          const n = result.rows[0]?.n;
          if (op === "eq" && SEEDED_COLUMNS.includes(dimension)) {
            // Independent count, straight on the table.
            const sql = `SELECT count(*) AS n FROM contracts WHERE "${dimension}" = $1`;
            const expected = Number((await queryRows(db.connection, sql, [value]))[0]?.n);
            expect(expected).toBeGreaterThanOrEqual(1);
            expect(n, `${dimension}=${value}`).toBe(expected);
          }
          if (op === "eq" && !SEEDED_COLUMNS.includes(dimension)) expect(n).toBe(0);
        }
      }
      expect(await contractCount()).toBe(contractsBefore);
    });
  }

  it("refuses values that are too long, naming the parameter", () => {
    const request = { filters: [{ dimension: "acheteur_nom", op: "eq", values: [TOO_LONG] }] };
    expect(() => compileIndicator(contracts, request)).toThrow(/exceeds 500 characters/);
  });

  it("finds the L'Haÿ-les-Roses contracts by name", async () => {
    const request = {
      filters: [{ dimension: "acheteur_nom", op: "eq", values: ["L'Haÿ-les-Roses"] }],
    };
    const result = await runIndicator(db.connection, contracts, request);
    expect(result.rows[0]?.n).toBe(4); // C-1, C-2, C-3 of the seed and the hostile one
  });
});

describe("hostile names and operators", () => {
  const hostile = CORPUS.map((c) => c.value).slice(0, 6);

  it.each(hostile)("as a breakdown, grain, dimension or operator: %j", (value) => {
    const cases: [RequestInput, string][] = [
      [{ by: [value] }, "unknown_dimension"],
      [{ grain: value }, "invalid_grain"],
      [{ filters: [{ dimension: value, op: "eq", values: ["1"] }] }, "unknown_dimension"],
      [{ filters: [{ dimension: "region", op: value, values: ["1"] }] }, "unknown_operator"],
    ];
    for (const [request, code] of cases) {
      expect(() => compileIndicator(contracts, request)).toThrow(IndicatorError);
      try {
        compileIndicator(contracts, request);
      } catch (error) {
        expect((error as IndicatorError).code).toBe(code);
      }
    }
  });

  it.each(hostile)("through the query-string parser: %j", (value) => {
    const attempts = [
      { [value]: "1" },
      { by: value },
      { grain: value },
      { filter: value },
      { filter: `${value}=1` },
    ];
    for (const query of attempts) {
      expect(() => parseRequest(contracts, query)).toThrow(IndicatorError);
    }
    // After a valid operator, the rest is a value: bound, never printed.
    const request = parseRequest(contracts, { filter: `acheteur_nom=${value}` });
    const { query } = compileIndicator(contracts, request);
    expect(query.sql).not.toContain(value);
  });
});

describe("hostile values in definitions", () => {
  it("binds condition values as parameters too", async () => {
    const value = "';DROP TABLE x;--";
    const def = inlineDefinition({
      measure: {
        kind: "count_distinct",
        where: { field: "acheteur_nom", op: "in", values: [value, "L'Haÿ-les-Roses"] },
      },
    });
    const { query } = compileIndicator(def, {});
    expect(query.sql).not.toContain(value);
    expect(query.sql).not.toContain("Haÿ");
    const result = await runIndicator(db.connection, def, {});
    expect(result.rows[0]?.value).toBe(5); // both hostile names plus the three seeded C contracts
  });
});
