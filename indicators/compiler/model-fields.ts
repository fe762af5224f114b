// Model fields: a contract column or a derived expression (model-derive.ts), optionally blanked
// when a flag column is true; supplier fields read contract_suppliers.
import { SUPPLIER_COLUMNS, isSupplierColumn, type ColumnType } from "./canonical.ts";
import type { FieldSpecInput, ModelSpecInput } from "./model-schema.ts";
import {
  SUPPLIER_ALIAS,
  col,
  contractColumn,
  expectType,
  type IssueSink,
} from "./model-columns.ts";
import { resolveDerive } from "./model-derive.ts";
import { column, type Expr } from "./sql-ast.ts";

export interface ModelField {
  id: string;
  label: string;
  description?: string;
  type: ColumnType;
  expr: Expr;
  /**
   * The value as published, before `null_when` blanked it (only for fields with a null_when):
   * an indicator summing the field says what share of the published total it uses.
   */
  published?: Expr;
  /** Buyers an indicator requiring the field does not apply to (model.yaml `not_applicable`). */
  notApplicable?: { buyerTypes: string[]; unlessKnown: string; reason: string };
}

export interface ModelSupplierField {
  id: string;
  label: string;
  expr: Expr;
}

export function resolveField(id: string, spec: FieldSpecInput, sink: IssueSink): ModelField | null {
  const at = `fields.${id}`;
  let resolved: { type: ColumnType; expr: Expr } | null = null;
  let published: Expr | undefined;
  if (spec.column !== undefined) {
    const type = contractColumn(spec.column, `${at}.column`, sink);
    if (type !== null) resolved = { type, expr: col(spec.column) };
  } else if (spec.derive !== undefined) {
    resolved = resolveDerive(spec.derive, `${at}.derive`, sink);
  }
  if (resolved && spec.null_when !== undefined) {
    const flagType = contractColumn(spec.null_when, `${at}.null_when`, sink);
    if (!expectType(flagType, ["boolean"], `${at}.null_when`, sink)) return null;
    const flag = col(spec.null_when);
    published = resolved.expr;
    resolved.expr = {
      kind: "case",
      branches: [
        {
          when: { kind: "coalesce", pred: { kind: "truthy", expr: flag }, otherwise: false },
          then: { kind: "null" },
        },
      ],
      otherwise: resolved.expr,
    };
  }
  if (!resolved) return null;
  const field: ModelField = { id, label: spec.label, type: resolved.type, expr: resolved.expr };
  if (spec.description !== undefined) field.description = spec.description;
  if (published !== undefined) field.published = published;
  if (spec.not_applicable !== undefined) {
    const { buyer_types, unless_known, reason } = spec.not_applicable;
    field.notApplicable = { buyerTypes: buyer_types, unlessKnown: unless_known, reason };
  }
  return field;
}

export function resolveSupplierField(
  id: string,
  spec: ModelSpecInput["supplier_fields"][string],
  sink: IssueSink,
): ModelSupplierField | null {
  const at = `supplier_fields.${id}`;
  const supplierColumn = (name: string, path: string): boolean => {
    if (isSupplierColumn(name) && SUPPLIER_COLUMNS[name] === "string") return true;
    sink.add(path, `expected a text column of contract_suppliers, got "${name}"`, "unknown_field");
    return false;
  };
  if (!supplierColumn(spec.column, `${at}.column`)) return null;
  return { id, label: spec.label, expr: column(SUPPLIER_ALIAS, spec.column) };
}
