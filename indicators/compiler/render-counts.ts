// The counts every aggregation step reports beside its measure, so that each row says what its
// figure rests on. Per group of the `grouped` step (one base row per contract, so COUNT(*)
// counts contracts once):
//   _total        contracts of the group in the definition's scope (after the request's filters)
//   _format_n     … in a DECP format carrying what the indicator needs: the indicator's base
//   n_scope       the same count, the base (the format flags compare _format_n with _total: a
//                 scope of 2024 contracts is not « partly in the 2019 format » for the 2019
//                 contracts it leaves out)
//   _covered_n    … with the fields the indicator needs filled (coverage = _covered_n / n_scope)
//   n             contracts that enter the figure: a ratio's denominator, a mix's filled
//                 categories, the values aggregated, the contracts split among top suppliers
//   _value_used / _value_scope   published amounts of the n and of the n_scope contracts,
//                 when the figure sums a field blanked by the model (coverage_value)
//   first_year / last_year   the earliest and latest notification year of the n_scope
//                 contracts, when the definition has a target: a total over several years is
//                 not judged against a target set for the last of them (result-rows.ts)
//   n_undated     … and the n_scope contracts without a notification date, which MIN and MAX
//                 leave out: they may be of any year, so a total holding one is not judged
import type { PlanAggregate, QueryPlan } from "./plan.ts";
import { isContractCount, type SqlContext } from "./render-context.ts";
import { topShareEntry } from "./render-top-share.ts";

/** The contract is in the indicator's base: right format and in scope. */
export const IN_BASE = `"_format_ok" AND "_in_scope"`;

/** The base column holding the published value of the summed field (render-sql.ts). */
export const PUBLISHED = "_published";

/** The base column holding the contract's notification year (render-sql.ts). */
export const YEAR = "_year";

/** A base contract enters an aggregate part: it matches the part's condition and has a value. */
function partEntry(ctx: SqlContext, part: PlanAggregate, name: string): string {
  const matches = ctx.q(`_${name}_in`);
  // A contract count has no value to lack (uid is never NULL).
  if (isContractCount(part)) return matches;
  return `${matches} AND ${ctx.q(`_${name}_value`)} IS NOT NULL`;
}

/** What a base contract must meet to enter the figure, besides being in the base. */
export function figureCondition(ctx: SqlContext, plan: QueryPlan): string {
  const m = plan.measure;
  switch (m.kind) {
    case "aggregate":
      return partEntry(ctx, m.value, "m");
    case "ratio":
      return partEntry(ctx, m.denominator, "den");
    case "mix":
      return `${partEntry(ctx, m.of, "of")} AND ${ctx.q(m.category.name)} IS NOT NULL`;
    case "top_share":
      return topShareEntry((name) => ctx.q(name)).join(" AND ");
  }
}

/** The count columns of the `grouped` step. */
export function counts(ctx: SqlContext, plan: QueryPlan): string[] {
  const { q } = ctx;
  const figure = `${IN_BASE} AND ${figureCondition(ctx, plan)}`;
  const columns = [
    `COUNT(*) FILTER (WHERE ${q("_in_scope")}) AS ${q("_total")}`,
    `COUNT(*) FILTER (WHERE ${IN_BASE}) AS ${q("_format_n")}`,
    `COUNT(*) FILTER (WHERE ${IN_BASE}) AS ${q("n_scope")}`,
    `COUNT(*) FILTER (WHERE ${IN_BASE} AND ${q("_covered")}) AS ${q("_covered_n")}`,
    `COUNT(*) FILTER (WHERE ${figure}) AS ${q("n")}`,
  ];
  if (plan.years) {
    // MIN and MAX leave out NULLs: undated contracts give no year; none dated gives NULL. So
    // the undated ones are counted beside them: first_year alone would hide them.
    const year = q(YEAR);
    columns.push(
      `MIN(${year}) FILTER (WHERE ${IN_BASE}) AS ${q("first_year")}`,
      `MAX(${year}) FILTER (WHERE ${IN_BASE}) AS ${q("last_year")}`,
      `COUNT(*) FILTER (WHERE ${IN_BASE} AND ${year} IS NULL) AS ${q("n_undated")}`,
    );
  }
  if (plan.published) {
    // SUM leaves out NULLs: the scope's total is over the contracts with a published value.
    const published = q(PUBLISHED);
    columns.push(
      `SUM(${published}) FILTER (WHERE ${figure}) AS ${q("_value_used")}`,
      `SUM(${published}) FILTER (WHERE ${IN_BASE}) AS ${q("_value_scope")}`,
    );
  }
  return columns;
}

/**
 * The honesty columns of the final SELECT, read from the `grouped` step (`col(name)`):
 * n, n_scope, coverage, coverage_value when the figure sums a blanked field, the years of the
 * contracts in scope when the definition has a target, and the raw counts the engine turns into
 * flags.
 */
export function honestyColumns(
  ctx: SqlContext,
  plan: QueryPlan,
  col: (name: string) => string,
): string[] {
  const { q } = ctx;
  const share = (part: string, whole: string) =>
    `CASE WHEN ${whole} IS NULL OR ${whole} = 0 THEN NULL ELSE CAST(${part} AS DOUBLE) / ${whole} END`;
  const columns = [
    col("n"),
    col("n_scope"),
    `${share(col("_covered_n"), col("n_scope"))} AS ${q("coverage")}`,
  ];
  if (plan.published) {
    // No contract entering the figure is 0 % of the published value, not unknown.
    const used = `COALESCE(${col("_value_used")}, 0)`;
    columns.push(`${share(used, col("_value_scope"))} AS ${q("coverage_value")}`);
  }
  if (plan.years) columns.push(col("first_year"), col("last_year"), col("n_undated"));
  columns.push(col("_total"), col("_format_n"));
  return columns;
}
