// The dialect refuses what it cannot print safely, and the canonical column list matches the
// schema the ETL builds (a renamed column must fail here, not at run time).
import { describe, expect, it } from "vitest";
import { queryRows } from "../../lib/duckdb.ts";
import { CONTRACT_COLUMNS, SUPPLIER_COLUMNS } from "../../indicators/compiler/canonical.ts";
import { duckdb, integerLiteral, quoteIdentifier } from "../../indicators/compiler/dialect.ts";
import { Params, renderExpr } from "../../indicators/compiler/render-expr.ts";
import type { AggregateFunction, SqlFunction } from "../../indicators/compiler/sql-ast.ts";
import { createSchemaDatabase } from "./helpers/seed-db.ts";

describe("identifiers", () => {
  it("quotes checked names", () => {
    expect(quoteIdentifier("acheteur_id")).toBe('"acheteur_id"');
    expect(quoteIdentifier("_sort_amount_band")).toBe('"_sort_amount_band"');
  });

  it.each(['a"b', "a b", "Drop", "x;--", "", "é", "1abc", "a".repeat(64), "a\nb"])(
    "refuses %j",
    (name) => {
      expect(() => quoteIdentifier(name)).toThrow(/Refusing/);
    },
  );
});

describe("literals and keywords", () => {
  it("prints only small safe integers", () => {
    expect(integerLiteral(14)).toBe("14");
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 60])
      expect(() => integerLiteral(bad)).toThrow();
  });

  it("throws on a function, aggregate or operator outside the closed lists", () => {
    expect(() => duckdb.call("pg_sleep" as SqlFunction, ["1"])).toThrow(/Unknown function/);
    expect(() => duckdb.call("year", ["a", "b"])).toThrow(/expects 1/);
    expect(() => duckdb.aggregate("string_agg" as AggregateFunction, "x")).toThrow(
      /Unknown aggregate/,
    );
    expect(() => duckdb.compare("LIKE" as "=")).toThrow(/Unknown comparison/);
  });

  it("binds values, never prints them", () => {
    const params = new Params();
    const text = renderExpr({ kind: "param", value: "';DROP TABLE x;--" }, params);
    expect(text).toBe("$1");
    expect(params.values).toEqual(["';DROP TABLE x;--"]);
    expect(renderExpr({ kind: "param", value: "2024-01-01", cast: "date" }, params)).toBe(
      "CAST($2 AS DATE)",
    );
    expect(() => renderExpr({ kind: "param", value: Number.NaN }, params)).toThrow();
  });
});

describe("canonical columns", () => {
  const TYPES: Record<string, string> = {
    VARCHAR: "string",
    INTEGER: "integer",
    DOUBLE: "number",
    BOOLEAN: "boolean",
    DATE: "date",
    "VARCHAR[]": "string_list",
  };

  it.each([
    ["contracts", CONTRACT_COLUMNS],
    ["contract_suppliers", SUPPLIER_COLUMNS],
  ] as const)("%s matches etl/sql/schema.sql", async (table, known) => {
    const db = await createSchemaDatabase();
    try {
      const rows = await queryRows(db.connection, `DESCRIBE ${table}`);
      const actual = Object.fromEntries(
        rows.map((r) => [r.column_name, TYPES[String(r.column_type)]]),
      );
      expect(actual).toEqual(known);
    } finally {
      db.close();
    }
  });
});
