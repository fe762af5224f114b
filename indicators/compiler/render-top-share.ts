// The steps of a top_share measure: each contract's amount split equally among its supplier
// rows, summed per entity (a company) within each group, and the largest entity's total against
// the group's total. Supplier rows without an identifier keep their part of the total but can
// never be the leader, so a contract's amount is neither lost nor counted twice.
import { TABLES } from "./canonical.ts";
import { SUPPLIER_ALIAS } from "./model-columns.ts";
import type { PlanKey } from "./plan.ts";
import { cte, type SqlContext } from "./render-context.ts";
import type { Expr } from "./sql-ast.ts";

/**
 * What a base contract must meet to enter the splits, besides being in the base: the same list
 * for `splits` and for the count of contracts the figure rests on (render-counts.ts). The
 * supplier count mirrors the join (titulaires_count is the number of supplier rows).
 */
export function topShareEntry(column: (name: string) => string): string[] {
  return [
    column("_covered"),
    column("_amount_in"),
    `${column("_amount_value")} IS NOT NULL`,
    `${column("_suppliers")} > 0`,
  ];
}

export function topShareSteps(ctx: SqlContext, keys: readonly PlanKey[], entity: Expr): string[] {
  const { q } = ctx;
  const b = (name: string) => `${q("b")}.${q(name)}`;
  const s = (name: string) => `${q(SUPPLIER_ALIAS)}.${q(name)}`;
  const plainKeys = keys.map((k) => q(k.name));
  const suppliers = q(TABLES.suppliers);
  const splits = cte(
    ctx,
    "splits",
    [
      ...keys.map((k) => b(k.name)),
      `${ctx.expr(entity)} AS ${q("_entity")}`,
      // _suppliers is the contract's number of supplier rows (render-sql.ts).
      `${b("_amount_value")} / ${b("_suppliers")} AS ${q("_share")}`,
    ],
    [
      `${q("base")} AS ${q("b")}`,
      `  JOIN ${suppliers} AS ${q(SUPPLIER_ALIAS)} ON ${s("uid")} = ${b("uid")}`,
    ].join("\n"),
    {
      where: [b("_format_ok"), b("_in_scope"), ...topShareEntry(b)].join(" AND "),
    },
  );
  const entities = cte(
    ctx,
    "entities",
    [...plainKeys, q("_entity"), `SUM(${q("_share")}) AS ${q("_entity_amount")}`],
    q("splits"),
    { groupBy: [...plainKeys, q("_entity")] },
  );
  const leaders = cte(
    ctx,
    "leaders",
    [
      ...plainKeys,
      `MAX(${q("_entity_amount")}) FILTER (WHERE ${q("_entity")} IS NOT NULL) AS ${q("numerator")}`,
      `SUM(${q("_entity_amount")}) AS ${q("denominator")}`,
    ],
    q("entities"),
    { groupBy: plainKeys },
  );
  return [splits, entities, leaders];
}
