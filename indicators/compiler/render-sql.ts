// Query plan → SQL text with bound parameters, in DuckDB's dialect (SQLite's for the benchmark).
// The text is made only of fixed keywords, identifiers checked by dialect.ts and placeholders.
// Steps:
//   facts   the model fields of each contract (one row per contract)
//   base    its breakdown keys and flags: format ok, in scope, covered, in each measure part
//           (and the published value of a summed field blanked by the model, for coverage_value;
//           its notification year when the definition has a target, for first_year/last_year)
//   …       the measure's aggregation (render-measure.ts), then labels and order.
import { TABLES } from "./canonical.ts";
import { duckdb, type Dialect } from "./dialect.ts";
import { CONTRACT_ALIAS } from "./model-columns.ts";
import type { QueryPlan } from "./plan.ts";
import {
  cte,
  isContractCount,
  isUid,
  measureParts,
  UID,
  type SqlContext,
} from "./render-context.ts";
import { PUBLISHED, YEAR } from "./render-counts.ts";
import { renderMeasure, sortName } from "./render-measure.ts";
import { Params, renderExpr, renderPred } from "./render-expr.ts";
import type { ScalarValue } from "./sql-ast.ts";

export interface CompiledQuery {
  sql: string;
  params: ScalarValue[];
}

/** What the measure templates need to print: quoting and the shared parameter list. */
export function renderSql(plan: QueryPlan, dialect: Dialect = duckdb): CompiledQuery {
  const params = new Params(dialect);
  const ctx: SqlContext = {
    dialect,
    q: dialect.quoteIdentifier,
    expr: (e) => renderExpr(e, params),
    pred: (p) => renderPred(p, params),
  };
  const { q, expr, pred } = ctx;
  const m = plan.measure;
  const parts = measureParts(plan);
  // uid is a long string: reading it was the largest cost of most queries on a national file.
  // Counts of contracts need no column (one base row per contract), so base carries uid only
  // where something joins on it or aggregates it (facts, read once, is pruned by DuckDB).
  const keepUid =
    m.kind === "top_share" || parts.some(([, p]) => isUid(p.value) && !isContractCount(p));
  const facts = plan.facts.map((f) => `${expr(f.expr)} AS ${q(f.name)}`);
  // A top share splits each amount among the contract's supplier rows; the ETL writes their
  // number on the contract (titulaires_count), which spares grouping the supplier table by uid.
  if (m.kind === "top_share")
    facts.push(`${q(CONTRACT_ALIAS)}.${q(SUPPLIER_COUNT)} AS ${q("_suppliers")}`);
  // The summed field as published (suspect amounts included), for coverage_value.
  if (plan.published) facts.push(`${expr(plan.published)} AS ${q(PUBLISHED)}`);
  const base = keepUid ? [q(UID)] : [];
  if (m.kind === "top_share") base.push(q("_suppliers"));
  if (plan.published) base.push(q(PUBLISHED));
  for (const key of m.kind === "mix" ? [...plan.keys, m.category] : plan.keys) {
    base.push(`${expr(key.expr)} AS ${q(key.name)}`);
    if (key.sort) base.push(`${expr(key.sort)} AS ${q(sortName(key))}`);
  }
  if (plan.years) base.push(`${expr(plan.years)} AS ${q(YEAR)}`);
  base.push(`${pred(plan.formatOk)} AS ${q("_format_ok")}`);
  base.push(`${pred(plan.inScope)} AS ${q("_in_scope")}`);
  base.push(`${pred(plan.covered)} AS ${q("_covered")}`);
  for (const [name, part] of parts) {
    if (!isContractCount(part)) base.push(`${expr(part.value)} AS ${q(`_${name}_value`)}`);
    base.push(`${pred(part.where)} AS ${q(`_${name}_in`)}`);
  }
  const ctes = [
    cte(ctx, "facts", facts, `${q(TABLES.contracts)} AS ${q(CONTRACT_ALIAS)}`),
    cte(ctx, "base", base, q("facts"), { where: pred(plan.filter) }),
  ];
  const body = renderMeasure(ctx, plan, ctes);
  return { sql: `WITH ${ctes.join(",\n")}\n${body}`, params: params.values };
}

const SUPPLIER_COUNT = "titulaires_count";
