// Derived fields of the model: a closed list of expressions over contract columns, each with
// its result type. A definition can only use them through the model's field names.
import type { ColumnType } from "./canonical.ts";
import type { FieldSpecInput } from "./model-schema.ts";
import { col, contractColumn, expectType, type IssueSink } from "./model-columns.ts";
import { param, type Expr, type Pred } from "./sql-ast.ts";

export function resolveDerive(
  derive: NonNullable<FieldSpecInput["derive"]>,
  at: string,
  sink: IssueSink,
): { type: ColumnType; expr: Expr } | null {
  switch (derive.kind) {
    case "days_between":
    case "within_months": {
      const okFrom = expectType(
        contractColumn(derive.from, `${at}.from`, sink),
        ["date"],
        `${at}.from`,
        sink,
      );
      const okTo = expectType(
        contractColumn(derive.to, `${at}.to`, sink),
        ["date"],
        `${at}.to`,
        sink,
      );
      if (!okFrom || !okTo) return null;
      const from = col(derive.from);
      const to = col(derive.to);
      // A publication before its notification is a data error: treated as not filled.
      const ordered: Pred = { kind: "compare", op: ">=", left: to, right: from };
      const then: Expr =
        derive.kind === "days_between"
          ? { kind: "call", fn: "days_between", args: [from, to] }
          : {
              kind: "bool",
              pred: {
                kind: "compare",
                op: "<=",
                left: to,
                right: { kind: "call", fn: "add_months", args: [from, param(derive.months)] },
              },
            };
      const type: ColumnType = derive.kind === "days_between" ? "integer" : "boolean";
      return {
        type,
        expr: { kind: "case", branches: [{ when: ordered, then }], otherwise: { kind: "null" } },
      };
    }
    case "relative_change": {
      const numeric = ["number", "integer"] as const;
      const okFrom = expectType(
        contractColumn(derive.from, `${at}.from`, sink),
        numeric,
        `${at}.from`,
        sink,
      );
      const okTo = expectType(
        contractColumn(derive.to, `${at}.to`, sink),
        numeric,
        `${at}.to`,
        sink,
      );
      if (!okFrom || !okTo) return null;
      const from = col(derive.from);
      const change: Expr = {
        kind: "arith",
        op: "/",
        left: { kind: "arith", op: "-", left: col(derive.to), right: from },
        right: from,
      };
      const positive: Pred = {
        kind: "compare",
        op: ">",
        left: from,
        right: { kind: "integer", value: 0 },
      };
      return {
        type: "number",
        expr: {
          kind: "case",
          branches: [{ when: positive, then: change }],
          otherwise: { kind: "null" },
        },
      };
    }
    case "difference": {
      const numeric = ["number", "integer"] as const;
      const left = contractColumn(derive.left, `${at}.left`, sink);
      const right = contractColumn(derive.right, `${at}.right`, sink);
      if (
        !expectType(left, numeric, `${at}.left`, sink) ||
        !expectType(right, numeric, `${at}.right`, sink)
      ) {
        return null;
      }
      const type: ColumnType = left === "integer" && right === "integer" ? "integer" : "number";
      return {
        type,
        expr: { kind: "arith", op: "-", left: col(derive.left), right: col(derive.right) },
      };
    }
    case "positive": {
      const type = contractColumn(derive.column, `${at}.column`, sink);
      if (!expectType(type, ["number", "integer"], `${at}.column`, sink) || type === null)
        return null;
      const value = col(derive.column);
      const positive: Pred = {
        kind: "compare",
        op: ">",
        left: value,
        right: { kind: "integer", value: 0 },
      };
      return {
        type,
        expr: {
          kind: "case",
          branches: [{ when: positive, then: value }],
          otherwise: { kind: "null" },
        },
      };
    }
  }
}
