// How SQLite spells what a plan needs, so the benchmark can run the very same plans on SQLite
// (the engine decp.info once served from) and compare like with like. It expects the tables as
// bench/steps/sqlite-load.ts writes them: dates as ISO text (YYYY-MM-DD), booleans as 0/1, lists
// as JSON arrays, and a `median` aggregate registered by the host (SQLite has none built in).
// Same closed maps as dialect.ts: an unknown key throws, nothing from a definition is printed.
import {
  AGGREGATES as DUCKDB_AGGREGATES,
  COMPARISONS,
  fixedArity,
  integerLiteral,
  pick,
  quoteIdentifier,
  type Dialect,
} from "./dialect.ts";
import type { AggregateFunction, SqlFunction } from "./sql-ast.ts";

type Printer = (args: readonly string[]) => string;

const FUNCTIONS: Record<SqlFunction, Printer> = {
  year: fixedArity(1, ([d]) => `CAST(strftime('%Y', ${d}) AS INTEGER)`),
  quarter_label: fixedArity(
    1,
    ([d]) => `(strftime('%Y', ${d}) || '-Q' || ((CAST(strftime('%m', ${d}) AS INTEGER) + 2) / 3))`,
  ),
  month_label: fixedArity(1, ([d]) => `strftime('%Y-%m', ${d})`),
  // Dates without time: the difference of Julian days is a whole number.
  days_between: fixedArity(
    2,
    ([from, to]) => `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`,
  ),
  // 'floor' clamps Jan 31 + 1 month to the end of February, as DuckDB's date + to_months does.
  add_months: fixedArity(
    2,
    ([d, months]) => `date(${d}, printf('%+d months', ${months}), 'floor')`,
  ),
  left: fixedArity(2, ([text, count]) => `substr(${text}, 1, ${count})`),
  length: fixedArity(1, ([text]) => `length(${text})`),
};

// Standard SQL but for the median, which the host registers (SQLite has none built in).
const AGGREGATES: Record<AggregateFunction, (arg: string) => string> = {
  ...DUCKDB_AGGREGATES,
  median: (arg) => `median(${arg})`,
};

export const sqlite: Dialect = {
  quoteIdentifier,
  integerLiteral,
  call: (fn, args) => pick(FUNCTIONS, fn, "function")(args),
  aggregate: (fn, arg) => pick(AGGREGATES, fn, "aggregate")(arg),
  compare: (op) => pick(COMPARISONS, op, "comparison"),
  // Named `@pN`: better-sqlite3 binds an object { pN: value } (no cast: dates are ISO text).
  param: (index) => `@p${integerLiteral(index)}`,
  hasAny: (list, values) =>
    `CASE WHEN ${list} IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM json_each(${list}) WHERE value IN (${values.join(", ")})) END`,
  // SQLite divides integers as integers; DuckDB never truncates.
  divide: (left, right) => `(CAST(${left} AS REAL) / ${right})`,
  // SQLite parses REGEXP but has no function behind it: the host registers one that matches the
  // whole text (bench/steps/sqlite-engine.ts).
  fullMatch: (text, pattern) => `(${text} REGEXP ${pattern})`,
};
