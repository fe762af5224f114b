// The aggregation step of each measure kind, printed after the `base` step of render-sql.ts.
// Every kind reports the same counts (render-counts.ts: contracts seen, in the right format, in
// the base, covered, entering the figure) so the engine can flag rows; a contract is counted
// once (one base row per contract).
import { labelColumn } from "../result-columns.ts";
import { REFERENCE_LABELS, type ReferenceLabels } from "./canonical.ts";
import type { PlanAggregate, PlanKey, QueryPlan } from "./plan.ts";
import { counts, honestyColumns, IN_BASE } from "./render-counts.ts";
import { cte, isContractCount, type SqlContext } from "./render-context.ts";
import { topShareSteps } from "./render-top-share.ts";
import { param } from "./sql-ast.ts";

export const sortName = (key: PlanKey): string => `_sort_${key.name}`;

function keyColumns(ctx: SqlContext, keys: readonly PlanKey[], alias?: string): string[] {
  const prefix = alias ? `${ctx.q(alias)}.` : "";
  return keys.flatMap((k) => [
    `${prefix}${ctx.q(k.name)}`,
    ...(k.sort ? [`${prefix}${ctx.q(sortName(k))}`] : []),
  ]);
}

/** An aggregate over the contracts in the base that match the part's own condition. */
function aggregate(ctx: SqlContext, part: PlanAggregate, name: string, extra = ""): string {
  const filter = `FILTER (WHERE ${IN_BASE} AND ${ctx.q(`_${name}_in`)}${extra})`;
  if (isContractCount(part)) return `COUNT(*) ${filter}`;
  return `${ctx.dialect.aggregate(part.fn, ctx.q(`_${name}_value`))} ${filter}`;
}

/** A ratio part: an empty sum is 0, so a filled denominator never pairs with a NULL numerator. */
function ratioPart(ctx: SqlContext, part: PlanAggregate, name: string, extra = ""): string {
  const text = aggregate(ctx, part, name, extra);
  return part.fn === "sum" ? `COALESCE(${text}, 0)` : text;
}

function ratio(numerator: string, denominator: string): string {
  return `CASE WHEN ${denominator} IS NULL OR ${denominator} = 0 THEN NULL ELSE CAST(${numerator} AS DOUBLE) / ${denominator} END`;
}

function joinOn(ctx: SqlContext, keys: readonly PlanKey[], left: string, right: string): string {
  if (keys.length === 0) return "TRUE";
  const { q } = ctx;
  return keys
    .map((k) => `${q(left)}.${q(k.name)} IS NOT DISTINCT FROM ${q(right)}.${q(k.name)}`)
    .join(" AND ");
}

export function renderMeasure(ctx: SqlContext, plan: QueryPlan, ctes: string[]): string {
  const { q } = ctx;
  const m = plan.measure;
  const keys = plan.keys;
  const col = (name: string, alias = "g") => `${q(alias)}.${q(name)}`;
  const grouped = (extra: string[]) =>
    cte(ctx, "grouped", [...keyColumns(ctx, keys), ...counts(ctx, plan), ...extra], q("base"), {
      groupBy: keyColumns(ctx, keys),
    });

  // Output keys with the step they are read from; a mix's category comes from `k`.
  const outKeys: { key: PlanKey; alias: string }[] = keys.map((key) => ({ key, alias: "g" }));
  let from = `${q("grouped")} AS ${q("g")}`;
  let measureColumns: string[];
  switch (m.kind) {
    case "aggregate":
      ctes.push(grouped([`${aggregate(ctx, m.value, "m")} AS ${q("value")}`]));
      measureColumns = [`${col("value")} AS ${q("value")}`];
      break;
    case "ratio":
      ctes.push(
        grouped([
          `${ratioPart(ctx, m.numerator, "num")} AS ${q("numerator")}`,
          `${ratioPart(ctx, m.denominator, "den")} AS ${q("denominator")}`,
        ]),
      );
      measureColumns = [
        `${ratio(col("numerator"), col("denominator"))} AS ${q("value")}`,
        col("numerator"),
        col("denominator"),
      ];
      break;
    case "mix": {
      const category = q(m.category.name);
      ctes.push(
        grouped([
          `${ratioPart(ctx, m.of, "of", ` AND ${category} IS NOT NULL`)} AS ${q("denominator")}`,
        ]),
      );
      const catKeys = [...keys, m.category];
      ctes.push(
        cte(
          ctx,
          "categories",
          [...keyColumns(ctx, catKeys), `${ratioPart(ctx, m.of, "of")} AS ${q("numerator")}`],
          q("base"),
          {
            where: `${IN_BASE} AND ${category} IS NOT NULL`,
            groupBy: keyColumns(ctx, catKeys),
          },
        ),
      );
      outKeys.push({ key: m.category, alias: "k" });
      from += `\nLEFT JOIN ${q("categories")} AS ${q("k")} ON ${joinOn(ctx, keys, "g", "k")}`;
      measureColumns = [
        `${ratio(col("numerator", "k"), col("denominator"))} AS ${q("value")}`,
        col("numerator", "k"),
        col("denominator"),
      ];
      break;
    }
    case "top_share":
      ctes.push(grouped([]));
      ctes.push(...topShareSteps(ctx, keys, m.entity));
      from += `\nLEFT JOIN ${q("leaders")} AS ${q("t")} ON ${joinOn(ctx, keys, "g", "t")}`;
      measureColumns = [
        `${ratio(col("numerator", "t"), col("denominator", "t"))} AS ${q("value")}`,
        col("numerator", "t"),
        col("denominator", "t"),
      ];
      break;
  }

  const select = outKeys.map(({ key, alias }) => col(key.name, alias));
  /** Per key, what sorts its placeholder values (keys that identify nothing) last. */
  const placeholderLast = new Map<string, string>();
  for (const { key, alias } of outKeys) {
    if (!key.labelRef) continue;
    const ref: ReferenceLabels = REFERENCE_LABELS[key.labelRef];
    const labelAlias = `l_${key.name}`;
    from += `\nLEFT JOIN ${q(ref.table)} AS ${q(labelAlias)} ON ${col(ref.key, labelAlias)} = ${col(key.name, alias)}`;
    let label = col(ref.label, labelAlias);
    if (ref.placeholder) {
      const match = ctx.dialect.fullMatch(
        col(key.name, alias),
        ctx.expr(param(ref.placeholder.pattern)),
      );
      const test = `coalesce(${match}, false)`;
      label = `CASE WHEN ${test} THEN ${ctx.expr(param(ref.placeholder.label))} ELSE ${label} END`;
      placeholderLast.set(key.name, test);
    }
    select.push(`${label} AS ${q(labelColumn(key.name))}`);
  }
  select.push(...measureColumns);
  select.push(...honestyColumns(ctx, plan, (name) => col(name)));
  const orderOf = ({ key, alias }: { key: PlanKey; alias: string }) => [
    ...(placeholderLast.has(key.name) ? [placeholderLast.get(key.name) ?? ""] : []),
    // Buyers and companies: the largest figure first (a mix keeps its key order, its categories
    // sorted below).
    ...(key.labelRef && REFERENCE_LABELS[key.labelRef].byFigure && m.kind !== "mix"
      ? // Rounded: a sum of doubles may differ in its last bits from one run to the next, and
        // equal figures must still come in the same order (then by key).
        [`round(${q("value")}, 9) DESC NULLS LAST`]
      : []),
    `${col(key.sort ? sortName(key) : key.name, alias)} NULLS LAST`,
  ];
  const order = outKeys.slice(0, keys.length).flatMap(orderOf);
  // A mix lists its categories from the largest share down.
  if (m.kind === "mix") order.push(`${q("value")} DESC NULLS LAST`);
  order.push(...outKeys.slice(keys.length).flatMap(orderOf));
  const orderBy = order.length > 0 ? `\nORDER BY ${order.join(", ")}` : "";
  return `SELECT\n${select.map((s) => `  ${s}`).join(",\n")}\nFROM ${from}${orderBy}`;
}
