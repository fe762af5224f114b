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

function fixedArity(arity: number, print: Printer): Printer {
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

const AGGREGATES: Record<AggregateFunction, (arg: string) => string> = {
  count: (arg) => `COUNT(${arg})`,
  count_distinct: (arg) => `COUNT(DISTINCT ${arg})`,
  sum: (arg) => `SUM(${arg})`,
  avg: (arg) => `AVG(${arg})`,
  median: (arg) => `MEDIAN(${arg})`,
  min: (arg) => `MIN(${arg})`,
  max: (arg) => `MAX(${arg})`,
};

const COMPARISONS: Record<CompareOp, string> = {
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

export const duckdb = {
  quoteIdentifier,
  integerLiteral,
  call: (fn: SqlFunction, args: readonly string[]) => pick(FUNCTIONS, fn, "function")(args),
  aggregate: (fn: AggregateFunction, arg: string) => pick(AGGREGATES, fn, "aggregate")(arg),
  compare: (op: CompareOp) => pick(COMPARISONS, op, "comparison"),
  /** Positional parameter `$n` (1-based), with a cast where the value's JS type is not enough. */
  param: (index: number, cast?: ParamCast) => {
    const placeholder = `$${integerLiteral(index)}`;
    return cast ? `CAST(${placeholder} AS ${pick(CASTS, cast, "cast")})` : placeholder;
  },
};
