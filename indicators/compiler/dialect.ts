// How DuckDB spells the few things a plan needs. Every map is total over a closed type (the
// compiler refuses to build if one entry is missing) and every lookup also throws at run time on
// an unknown key, so a value smuggled past the types can never reach the SQL text.
import type { AggregateFunction, CompareOp, ParamCast, SqlFunction } from "./sql-ast.ts";

/** Identifiers the engine prints: lower-case snake case, as in the canonical schema. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name))
    throw new Error(`Refusing to print identifier ${JSON.stringify(name)}`);
  // The pattern already excludes quotes; doubling them keeps the rule right if it ever widens.
  return `"${name.replaceAll('"', '""')}"`;
}

/** Integers printed literally (ranks, months): only small safe integers. */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value) || Math.abs(value) > 1_000_000) {
    throw new Error(`Refusing to print integer literal ${String(value)}`);
  }
  return String(value);
}

type Printer = (args: readonly string[]) => string;

export function fixedArity(arity: number, print: Printer): Printer {
  return (args) => {
    if (args.length !== arity) throw new Error(`Function expects ${arity} arguments`);
    return print(args);
  };
}

// The format strings below are constants of this file, never values from a definition.
const FUNCTIONS: Record<SqlFunction, Printer> = {
  year: fixedArity(1, ([d]) => `CAST(year(${d}) AS INTEGER)`),
  quarter_label: fixedArity(
    1,
    ([d]) => `(CAST(year(${d}) AS VARCHAR) || '-Q' || CAST(quarter(${d}) AS VARCHAR))`,
  ),
  month_label: fixedArity(1, ([d]) => `strftime(${d}, '%Y-%m')`),
  days_between: fixedArity(2, ([from, to]) => `date_diff('day', ${from}, ${to})`),
  add_months: fixedArity(2, ([d, months]) => `(${d} + to_months(${months}))`),
  left: fixedArity(2, ([text, count]) => `left(${text}, ${count})`),
  length: fixedArity(1, ([text]) => `length(${text})`),
};

export const AGGREGATES: Record<AggregateFunction, (arg: string) => string> = {
  count: (arg) => `COUNT(${arg})`,
  count_distinct: (arg) => `COUNT(DISTINCT ${arg})`,
  sum: (arg) => `SUM(${arg})`,
  avg: (arg) => `AVG(${arg})`,
  median: (arg) => `MEDIAN(${arg})`,
  min: (arg) => `MIN(${arg})`,
  max: (arg) => `MAX(${arg})`,
};

export const COMPARISONS: Record<CompareOp, string> = {
  "=": "=",
  "<>": "<>",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
};

const CASTS: Record<ParamCast, string> = { date: "DATE" };

function pick<K extends string, V>(map: Record<K, V>, key: K, what: string): V {
  if (!Object.hasOwn(map, key)) throw new Error(`Unknown ${what} ${JSON.stringify(key)}`);
  return map[key];
}

/** What differs between the engines the compiler prints for (DuckDB; SQLite for the benchmark). */
export interface Dialect {
  quoteIdentifier(name: string): string;
  integerLiteral(value: number): string;
  call(fn: SqlFunction, args: readonly string[]): string;
  aggregate(fn: AggregateFunction, arg: string): string;
  compare(op: CompareOp): string;
  /** The placeholder of the index-th (1-based) bound value. */
  param(index: number, cast?: ParamCast): string;
  /** The list holds one of the values: NULL for a NULL list, as in SQL. */
  hasAny(list: string, values: readonly string[]): string;
  /** Division that never truncates, whatever the operands' types. */
  divide(left: string, right: string): string;
  /** The whole text matches the regular expression (RE2 syntax common to both engines). */
  fullMatch(text: string, pattern: string): string;
}

export const duckdb: Dialect = {
  quoteIdentifier,
  integerLiteral,
  call: (fn, args) => pick(FUNCTIONS, fn, "function")(args),
  aggregate: (fn, arg) => pick(AGGREGATES, fn, "aggregate")(arg),
  compare: (op) => pick(COMPARISONS, op, "comparison"),
  /** Positional parameter `$n` (1-based), with a cast where the value's JS type is not enough. */
  param: (index, cast) => {
    const placeholder = `$${integerLiteral(index)}`;
    return cast ? `CAST(${placeholder} AS ${pick(CASTS, cast, "cast")})` : placeholder;
  },
  // One list_contains per value, not list_has_any(list, [values]): the same answer (values are
  // never NULL), three times faster on a national file, where list_has_any builds a list per row.
  hasAny: (list, values) => `(${values.map((v) => `list_contains(${list}, ${v})`).join(" OR ")})`,
  // DuckDB's `/` is already a floating-point division.
  divide: (left, right) => `(${left} / ${right})`,
  fullMatch: (text, pattern) => `regexp_full_match(${text}, ${pattern})`,
};

export { pick };
