// Prints expression trees (sql-ast.ts) as SQL text of a dialect (DuckDB unless told otherwise);
// every value becomes a bound parameter.
import { duckdb, type Dialect } from "./dialect.ts";
import type { Expr, Pred, ScalarValue } from "./sql-ast.ts";

/** Collects bound values in the order their placeholders appear in the text. */
export class Params {
  readonly values: ScalarValue[] = [];

  constructor(readonly dialect: Dialect = duckdb) {}

  placeholder(value: ScalarValue, cast?: "date"): string {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new Error("Refusing to bind a non-finite number");
    }
    this.values.push(value);
    return this.dialect.param(this.values.length, cast);
  }
}

export function renderExpr(expr: Expr, params: Params): string {
  const dialect = params.dialect;
  switch (expr.kind) {
    case "column": {
      const name = dialect.quoteIdentifier(expr.column);
      return expr.table === null ? name : `${dialect.quoteIdentifier(expr.table)}.${name}`;
    }
    case "param":
      return params.placeholder(expr.value, expr.cast);
    case "integer":
      return dialect.integerLiteral(expr.value);
    case "null":
      return "NULL";
    case "call":
      return dialect.call(
        expr.fn,
        expr.args.map((arg) => renderExpr(arg, params)),
      );
    case "arith": {
      const op = ARITH[expr.op];
      if (!op) throw new Error(`Unknown arithmetic operator ${JSON.stringify(expr.op)}`);
      const [left, right] = [renderExpr(expr.left, params), renderExpr(expr.right, params)];
      return op === "/" ? dialect.divide(left, right) : `(${left} ${op} ${right})`;
    }
    case "case": {
      const branches = expr.branches.map(
        (b) => `WHEN ${renderPred(b.when, params)} THEN ${renderExpr(b.then, params)}`,
      );
      return `CASE ${branches.join(" ")} ELSE ${renderExpr(expr.otherwise, params)} END`;
    }
    case "bool":
      return renderPred(expr.pred, params);
  }
}

const ARITH: Record<string, string> = { "+": "+", "-": "-", "*": "*", "/": "/" };

export function renderPred(pred: Pred, params: Params): string {
  switch (pred.kind) {
    case "const":
      return pred.value ? "TRUE" : "FALSE";
    case "compare":
      return `${renderExpr(pred.left, params)} ${params.dialect.compare(pred.op)} ${renderExpr(pred.right, params)}`;
    case "in": {
      // An empty list matches nothing; SQL has no empty IN list.
      if (pred.values.length === 0) return "FALSE";
      const values = pred.values.map((v) => renderExpr(v, params)).join(", ");
      return `${renderExpr(pred.expr, params)} IN (${values})`;
    }
    case "is_null":
      return `${renderExpr(pred.expr, params)} IS ${pred.negated ? "NOT NULL" : "NULL"}`;
    case "has_any": {
      if (pred.values.length === 0) return "FALSE";
      const values = pred.values.map((v) => renderExpr(v, params));
      return params.dialect.hasAny(renderExpr(pred.list, params), values);
    }
    case "and":
    case "or": {
      if (pred.items.length === 0) return pred.kind === "and" ? "TRUE" : "FALSE";
      const joiner = pred.kind === "and" ? " AND " : " OR ";
      return `(${pred.items.map((item) => renderPred(item, params)).join(joiner)})`;
    }
    case "not":
      return `NOT (${renderPred(pred.item, params)})`;
    case "coalesce":
      return `COALESCE(${renderPred(pred.pred, params)}, ${pred.otherwise ? "TRUE" : "FALSE"})`;
    case "truthy":
      return renderExpr(pred.expr, params);
  }
}
