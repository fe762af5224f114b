// The plain-data expression tree a query plan is made of. Every node kind is closed: names of
// columns are checked identifiers, values are parameters, and functions are picked from the fixed
// list of dialect.ts. Nothing in here is SQL text, so a plan can be printed, compared and tested.

export type ScalarValue = string | number | boolean;

/** Types a parameter can be cast to; only DATE needs it (JS has no date value to bind). */
export type ParamCast = "date";

/** Functions the dialect knows how to print (see dialect.ts for their SQL). */
export type SqlFunction =
  "year" | "quarter_label" | "month_label" | "days_between" | "add_months" | "left" | "length";

/** `count` counts rows of the plan's base step, which holds one row per contract. */
export type AggregateFunction =
  "count" | "count_distinct" | "sum" | "avg" | "median" | "min" | "max";

export type Expr =
  /** A column of a table or CTE, printed `alias."column"` (alias omitted when null). */
  | { kind: "column"; table: string | null; column: string }
  | { kind: "param"; value: ScalarValue; cast?: ParamCast }
  /** An integer printed literally after a range check (ranks, LIMIT-like constants). */
  | { kind: "integer"; value: number }
  | { kind: "null" }
  | { kind: "call"; fn: SqlFunction; args: Expr[] }
  | { kind: "arith"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr }
  | { kind: "case"; branches: { when: Pred; then: Expr }[]; otherwise: Expr }
  /** A predicate used as a boolean value (base CTE flags). */
  | { kind: "bool"; pred: Pred };

export type CompareOp = "=" | "<>" | "<" | "<=" | ">" | ">=";

export type Pred =
  | { kind: "const"; value: boolean }
  | { kind: "compare"; op: CompareOp; left: Expr; right: Expr }
  | { kind: "in"; expr: Expr; values: Expr[] }
  | { kind: "is_null"; expr: Expr; negated: boolean }
  /** The list holds at least one of the values. */
  | { kind: "has_any"; list: Expr; values: Expr[] }
  | { kind: "and"; items: Pred[] }
  | { kind: "or"; items: Pred[] }
  | { kind: "not"; item: Pred }
  /** Turns SQL's unknown (NULL) into a plain true/false so NOT and OR behave as written. */
  | { kind: "coalesce"; pred: Pred; otherwise: boolean }
  /** A boolean column or expression. */
  | { kind: "truthy"; expr: Expr };

export const TRUE: Pred = { kind: "const", value: true };
export const FALSE: Pred = { kind: "const", value: false };

export function column(table: string | null, name: string): Expr {
  return { kind: "column", table, column: name };
}

export function param(value: ScalarValue, cast?: ParamCast): Expr {
  return cast ? { kind: "param", value, cast } : { kind: "param", value };
}

/** Conjunction that drops TRUE terms and collapses to FALSE, so plans stay readable. */
export function and(...items: Pred[]): Pred {
  const kept: Pred[] = [];
  for (const item of items) {
    if (item.kind === "const") {
      if (!item.value) return FALSE;
      continue;
    }
    if (item.kind === "and") kept.push(...item.items);
    else kept.push(item);
  }
  if (kept.length === 0) return TRUE;
  if (kept.length === 1) return kept[0] as Pred;
  return { kind: "and", items: kept };
}

export function or(...items: Pred[]): Pred {
  const kept: Pred[] = [];
  for (const item of items) {
    if (item.kind === "const") {
      if (item.value) return TRUE;
      continue;
    }
    if (item.kind === "or") kept.push(...item.items);
    else kept.push(item);
  }
  if (kept.length === 0) return FALSE;
  if (kept.length === 1) return kept[0] as Pred;
  return { kind: "or", items: kept };
}

export function isNull(expr: Expr): Pred {
  return { kind: "is_null", expr, negated: false };
}

export function isNotNull(expr: Expr): Pred {
  return { kind: "is_null", expr, negated: true };
}

export function not(item: Pred): Pred {
  if (item.kind === "const") return { kind: "const", value: !item.value };
  return { kind: "not", item };
}
