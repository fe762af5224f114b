// What every step of the SQL rendering shares: the printing context (quoting, expressions and
// the one parameter list), the common table expression layout, and the measure's parts. Kept
// apart from render-sql.ts so that the steps (render-measure, render-counts, render-top-share)
// depend on it and render-sql.ts depends on them, never the other way round.
import type { Dialect } from "./dialect.ts";
import type { PlanAggregate, QueryPlan } from "./plan.ts";
import type { Expr, Pred } from "./sql-ast.ts";

/** What the measure templates need to print: quoting and the shared parameter list. */
export interface SqlContext {
  dialect: Dialect;
  q: (name: string) => string;
  expr: (e: Expr) => string;
  pred: (p: Pred) => string;
}

export const UID = "uid";

export const isUid = (e: Expr): boolean =>
  e.kind === "column" && e.table === null && e.column === UID;

/** A count of contracts: printed COUNT(*), as uid is never NULL and base has one row each. */
export function isContractCount(part: PlanAggregate): boolean {
  return part.fn === "count" && isUid(part.value);
}

export function measureParts(plan: QueryPlan): [string, PlanAggregate][] {
  const m = plan.measure;
  switch (m.kind) {
    case "aggregate":
      return [["m", m.value]];
    case "ratio":
      return [
        ["num", m.numerator],
        ["den", m.denominator],
      ];
    case "mix":
      return [["of", m.of]];
    case "top_share":
      return [["amount", m.amount]];
  }
}

/** One common table expression, laid out one column per line for readers of the SQL. */
export function cte(
  ctx: SqlContext,
  name: string,
  columns: readonly string[],
  from: string,
  clauses: { where?: string; groupBy?: readonly string[] } = {},
): string {
  let text = `${ctx.q(name)} AS (\n  SELECT\n${columns.map((c) => `    ${c}`).join(",\n")}\n  FROM ${from}`;
  if (clauses.where !== undefined && clauses.where !== "TRUE") text += `\n  WHERE ${clauses.where}`;
  if (clauses.groupBy && clauses.groupBy.length > 0)
    text += `\n  GROUP BY ${clauses.groupBy.join(", ")}`;
  return `${text}\n)`;
}
