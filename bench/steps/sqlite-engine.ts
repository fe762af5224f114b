// Runs an indicator's plan on SQLite (the SQLite dialect of the compiler) and on DuckDB, and
// compares the rows: a time ratio between the engines only means something for equal answers.
import Database from "better-sqlite3";
import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlite } from "../../indicators/compiler/dialect-sqlite.ts";
import {
  compileIndicator,
  MEASURED_COLUMN_NAMES,
  MEASURED_COLUMNS,
  type IndicatorDefinition,
  type Model,
  type RequestInput,
} from "../../indicators/index.ts";
import { queryRows, type JsonValue, type Row } from "../../lib/duckdb.ts";

/**
 * Opens a SQLite file with what the dialect prints and SQLite lacks: the `median` aggregate, and
 * `X REGEXP P` as a whole-text match (DuckDB's regexp_full_match).
 */
export function openSqlite(path: string): Database.Database {
  const lite = new Database(path);
  const patterns = new Map<string, RegExp>();
  lite.function("regexp", { deterministic: true }, (pattern: unknown, text: unknown) => {
    if (typeof pattern !== "string" || typeof text !== "string") return null;
    let whole = patterns.get(pattern);
    if (!whole) patterns.set(pattern, (whole = new RegExp(`^(?:${pattern})$`)));
    return whole.test(text) ? 1 : 0;
  });
  lite.aggregate("median", {
    start: () => [] as number[],
    step: (values: number[], value: unknown) => {
      if (typeof value === "number") values.push(value);
      else if (typeof value === "bigint") values.push(Number(value));
      return values;
    },
    // DuckDB's median: the mean of the two middle values of an even count.
    result: (values: number[]) => {
      if (values.length === 0) return null;
      values.sort((a, b) => a - b);
      const middle = Math.floor(values.length / 2);
      return values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    },
  });
  return lite;
}

export function runOnSqlite(
  lite: Database.Database,
  definition: IndicatorDefinition,
  request: RequestInput,
  model: Model,
): Row[] {
  const { query } = compileIndicator(definition, request, { model, dialect: sqlite });
  // Named @pN placeholders; SQLite has no boolean type, so true/false bind as 1/0.
  const params: Record<string, string | number> = {};
  query.params.forEach((value, i) => {
    params[`p${i + 1}`] = typeof value === "boolean" ? Number(value) : value;
  });
  return lite.prepare(query.sql).all(params) as Row[];
}

export async function runOnDuckdb(
  connection: DuckDBConnection,
  definition: IndicatorDefinition,
  request: RequestInput,
  model: Model,
): Promise<Row[]> {
  const { query } = compileIndicator(definition, request, { model });
  return queryRows(connection, query.sql, query.params);
}

/** Numeric columns of the SQL's rows: the numbers of a result row, and two counts of the SQL. */
const MEASURES = new Set([
  ...MEASURED_COLUMN_NAMES.filter((name) => {
    const type: string = MEASURED_COLUMNS[name].type;
    return type === "number" || type === "integer";
  }),
  "_total",
  "_format_n",
]);

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (typeof a === "number" && typeof b === "number") {
    // Sums of doubles differ in their last bits with the order of additions.
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return (a ?? null) === (b ?? null);
}

/** Null when both engines answered the same rows; otherwise the first difference, in words. */
export function compareRows(duck: Row[], lite: Row[]): string | null {
  if (duck.length !== lite.length) return `${duck.length} rows in DuckDB, ${lite.length} in SQLite`;
  // Rows in the order of their keys (a mix orders by value, whose ties may differ).
  const keyOf = (row: Row) =>
    JSON.stringify(Object.entries(row).filter(([column]) => !MEASURES.has(column)));
  const sorted = (rows: Row[]) =>
    rows.map((row) => ({ key: keyOf(row), row })).sort((x, y) => (x.key < y.key ? -1 : 1));
  const [a, b] = [sorted(duck), sorted(lite)];
  for (let i = 0; i < a.length; i++) {
    if (a[i].key !== b[i].key) return `row keys ${a[i].key} ≠ ${b[i].key}`;
    for (const column of Object.keys(a[i].row)) {
      if (!sameValue(a[i].row[column], b[i].row[column])) {
        return `${a[i].key} ${column}: ${String(a[i].row[column])} ≠ ${String(b[i].row[column])}`;
      }
    }
  }
  return null;
}
