// Conditions and filters to predicates. Each leaf is made two-valued (true/false, never NULL), so
// `not`, `or` and `and` mean what they say on blanks: `neq`/`nin` keep blank values (a blank is
// different from every value), every other comparison leaves them out.
import type { ColumnType } from "./canonical.ts";
import type { ConditionInput, Scalar } from "./condition-schema.ts";
import type { Model } from "./model.ts";
import type { RequestFilter } from "./request.ts";
import {
  and,
  column,
  FALSE,
  isNotNull,
  isNull,
  not,
  or,
  param,
  TRUE,
  type CompareOp,
  type Expr,
  type Pred,
} from "./sql-ast.ts";

const COMPARE: Record<string, CompareOp> = {
  eq: "=",
  neq: "<>",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
};

/** A predicate for one operator; values are bound parameters (dates cast). */
export function leafPredicate(
  expr: Expr,
  type: ColumnType,
  op: string,
  values: readonly Scalar[],
): Pred {
  const bound = values.map((v) => param(v, type === "date" ? "date" : undefined));
  const first = bound[0];
  switch (op) {
    case "is_null":
      return isNull(expr);
    case "not_null":
      return isNotNull(expr);
    case "in":
      return bound.length === 0 ? FALSE : twoValued({ kind: "in", expr, values: bound });
    case "nin":
      return bound.length === 0 ? TRUE : or(isNull(expr), not({ kind: "in", expr, values: bound }));
    case "contains":
      return bound.length === 0 ? FALSE : twoValued({ kind: "has_any", list: expr, values: bound });
    case "neq":
      if (!first) throw new Error("neq needs a value");
      return or(isNull(expr), { kind: "compare", op: "<>", left: expr, right: first });
  }
  const compare = COMPARE[op];
  if (!compare || !first) throw new Error(`Unknown operator ${JSON.stringify(op)}`);
  return twoValued({ kind: "compare", op: compare, left: expr, right: first });
}

function twoValued(pred: Pred): Pred {
  return { kind: "coalesce", pred, otherwise: false };
}

/** A definition's condition, over the `facts` columns (named by field id). */
export function conditionPredicate(condition: ConditionInput | undefined, model: Model): Pred {
  if (condition === undefined) return TRUE;
  if (condition.and) return and(...condition.and.map((c) => conditionPredicate(c, model)));
  if (condition.or) return or(...condition.or.map((c) => conditionPredicate(c, model)));
  if (condition.not) return not(conditionPredicate(condition.not, model));
  const field = condition.field === undefined ? undefined : model.fields.get(condition.field);
  if (!field || condition.op === undefined)
    throw new Error("Condition was not checked against the model");
  const values = condition.value !== undefined ? [condition.value] : (condition.values ?? []);
  return leafPredicate(column(null, field.id), field.type, condition.op, values);
}

/** Fields a condition reads, so the plan computes them. */
export function conditionFields(condition: ConditionInput | undefined): string[] {
  if (condition === undefined) return [];
  const nested = [
    ...(condition.and ?? []),
    ...(condition.or ?? []),
    ...(condition.not ? [condition.not] : []),
  ];
  return [...(condition.field ? [condition.field] : []), ...nested.flatMap(conditionFields)];
}

/** A request filter, over the dimension's expression. */
export function filterPredicate(filter: RequestFilter, model: Model): Pred {
  const dimension = model.dimensions.get(filter.dimension);
  if (!dimension) throw new Error("Filter was not checked against the model");
  return leafPredicate(dimension.expr, dimension.type, filter.op, filter.values);
}
