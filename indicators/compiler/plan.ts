// Definition + request → query plan: plain, serialisable data saying which fields to compute,
// how to group, and what to aggregate under which conditions. render-sql.ts prints it; tests can
// compare it. Names come only from the model; values only as parameter nodes.
import { FORMAT_FAMILIES, type ReferenceName } from "./canonical.ts";
import { conditionFields, conditionPredicate, filterPredicate } from "./conditions.ts";
import type { IndicatorDefinition } from "./load.ts";
import type { Model, ModelDimension } from "./model.ts";
import type { IndicatorRequest } from "./request.ts";
import type { Grain } from "./request-schema.ts";
import type { AdditiveMeasureSpec, MeasureSpec } from "./schema.ts";
import {
  and,
  column,
  isNotNull,
  param,
  TRUE,
  type AggregateFunction,
  type Expr,
  type Pred,
} from "./sql-ast.ts";

export interface PlanKey {
  /** Column name in result rows: the dimension id. */
  name: string;
  expr: Expr;
  sort: Expr | null;
  labelRef: ReferenceName | null;
}

export interface PlanAggregate {
  fn: AggregateFunction;
  value: Expr;
  where: Pred;
}

export type PlanMeasure =
  | { kind: "aggregate"; value: PlanAggregate }
  | { kind: "ratio"; numerator: PlanAggregate; denominator: PlanAggregate }
  | { kind: "mix"; category: PlanKey; of: PlanAggregate }
  | { kind: "top_share"; amount: PlanAggregate; entity: Expr };

export interface QueryPlan {
  indicator: string;
  version: number;
  /** Model fields computed from the contracts table, named by field id. */
  facts: { name: string; expr: Expr }[];
  /** The request's filters. */
  filter: Pred;
  keys: PlanKey[];
  /** The contract is in a DECP format carrying the fields the indicator needs. */
  formatOk: Pred;
  /** The definition's scope. */
  inScope: Pred;
  /** The fields the indicator needs are filled. */
  covered: Pred;
  measure: PlanMeasure;
  /**
   * The published value (before the model's `null_when`) of the field the figure sums, when that
   * field has a null_when (the amount, blank when suspect): coverage_value weighs by it.
   */
  published: Expr | null;
  /**
   * The notification year of a contract (the model's `year` dimension), when the definition has
   * a target: each row then says the first and last year of its contracts in scope, so that a
   * total mixing years before the target's is not judged against it (result-rows.ts).
   */
  years: Expr | null;
}

const UID = "uid";
const FORMAT_FIELD = "decp_format";

export function planQuery(
  definition: IndicatorDefinition,
  request: IndicatorRequest,
  model: Model,
): QueryPlan {
  const needed = new Set<string>([UID]);
  const dimension = (id: string): ModelDimension => {
    const found = model.dimensions.get(id);
    if (!found) throw new Error(`Dimension ${id} was not checked against the model`);
    needed.add(found.field);
    return found;
  };
  const toKey = (d: ModelDimension): PlanKey => ({
    name: d.id,
    expr: d.expr,
    sort: d.sort,
    labelRef: d.labelRef,
  });

  const keyIds = [
    ...(request.grain ? [request.grain] : []),
    ...request.by.filter((id) => id !== request.grain),
  ];
  const m = definition.measure;
  if (m.kind === "top_share" && !keyIds.includes(m.partition)) keyIds.push(m.partition);
  const keys = keyIds.map((id) => toKey(dimension(id)));

  const filter = and(
    ...request.filters.map((f) => (dimension(f.dimension), filterPredicate(f, model))),
  );
  const family = FORMAT_FAMILIES[definition.requires_format];
  let formatOk: Pred = TRUE;
  if (family !== null) {
    needed.add(FORMAT_FIELD);
    const values = family.map((code) => param(code));
    formatOk = {
      kind: "coalesce",
      pred: { kind: "in", expr: column(null, FORMAT_FIELD), values },
      otherwise: false,
    };
  }
  conditionFields(definition.scope).forEach((f) => needed.add(f));
  definition.requires_fields.forEach((f) => needed.add(f));
  const covered = and(...definition.requires_fields.map((f) => isNotNull(column(null, f))));

  const aggregate = (
    fn: AggregateFunction,
    field: string | undefined,
    where: AdditiveMeasureSpec["where"],
  ): PlanAggregate => {
    const valueField = field ?? UID;
    needed.add(valueField);
    conditionFields(where).forEach((f) => needed.add(f));
    // Distinct contracts are the base's rows (one per contract): a plain count says the same,
    // much faster than COUNT(DISTINCT) on a national file.
    const counted = fn === "count_distinct" && valueField === UID ? "count" : fn;
    return {
      fn: counted,
      value: column(null, valueField),
      where: conditionPredicate(where, model),
    };
  };
  const additive = (part: AdditiveMeasureSpec): PlanAggregate =>
    part.kind === "sum"
      ? aggregate("sum", part.field, part.where)
      : aggregate("count_distinct", undefined, part.where);

  let measure: PlanMeasure;
  switch (m.kind) {
    case "ratio":
      measure = {
        kind: "ratio",
        numerator: additive(m.numerator),
        denominator: additive(m.denominator),
      };
      break;
    case "mix":
      measure = { kind: "mix", category: toKey(dimension(m.dimension)), of: additive(m.of) };
      break;
    case "top_share": {
      const entity = model.supplierFields.get(m.entity);
      if (!entity) throw new Error(`Supplier field ${m.entity} was not checked against the model`);
      measure = {
        kind: "top_share",
        amount: aggregate("sum", m.amount, m.where),
        entity: entity.expr,
      };
      break;
    }
    default:
      measure = { kind: "aggregate", value: aggregate(m.kind, m.field, m.where) };
  }

  // The year grain names the model's dimension of notification years (request-schema.ts).
  const yearGrain: Grain = "year";
  const years = definition.target ? dimension(yearGrain).expr : null;

  const summed = summedField(m);
  const published = summed === null ? null : (model.fields.get(summed)?.published ?? null);

  // Facts in the model's order, so the SQL does not depend on the order names were met.
  const facts = [...model.fields.values()]
    .filter((field) => needed.has(field.id))
    .map((field) => ({ name: field.id, expr: field.expr }));
  if (facts.length !== needed.size) {
    const missing = [...needed].filter((name) => !model.fields.has(name));
    throw new Error(`Fields missing from the model: ${missing.join(", ")}`);
  }
  return {
    indicator: definition.id,
    version: definition.version,
    facts,
    filter,
    keys,
    formatOk,
    inScope: conditionPredicate(definition.scope, model),
    covered,
    measure,
    published,
    years,
  };
}

/** The field whose sum the figure rests on (a ratio's denominator, a mix's total), if any. */
function summedField(m: MeasureSpec): string | null {
  switch (m.kind) {
    case "sum":
      return m.field;
    case "ratio":
      return m.denominator.kind === "sum" ? m.denominator.field : null;
    case "mix":
      return m.of.kind === "sum" ? m.of.field : null;
    case "top_share":
      return m.amount;
    default:
      return null;
  }
}
