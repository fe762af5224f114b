// What each column of a result is, for the client (charts, tables) and the exports: a French
// label, a role, a type and how to show its numbers (ColumnMeta, result-columns.ts). Derived from
// result-columns.ts, the definition (its format and measure) and the model (dimension labels and
// types).
import type { IndicatorDefinition } from "./compiler/load.ts";
import type { Model } from "./compiler/model.ts";
import {
  labelledDimension,
  MEASURED_COLUMNS,
  type ColumnMeta,
  type MeasuredColumnName,
} from "./result-columns.ts";
import { UNIT_LABELS } from "./summary.ts";

export function describeColumns(
  definition: IndicatorDefinition,
  columns: readonly string[],
  model: Model,
): ColumnMeta[] {
  return columns.map((name): ColumnMeta => {
    if (name in MEASURED_COLUMNS) return measured(definition, name as MeasuredColumnName);
    const labelled = labelledDimension(name);
    if (labelled !== null) {
      const label = model.dimensions.get(labelled)?.label ?? labelled;
      return {
        name,
        label: `${label} (libellé)`,
        role: "label",
        type: "string",
        dimension: labelled,
      };
    }
    const dimension = model.dimensions.get(name);
    return {
      name,
      label: dimension?.label ?? name,
      role: "key",
      type: dimension?.type ?? "string",
      dimension: name,
    };
  });
}

function measured(definition: IndicatorDefinition, name: MeasuredColumnName): ColumnMeta {
  const column = MEASURED_COLUMNS[name];
  const meta: ColumnMeta = { name, label: column.label, role: name, type: column.type };
  switch (name) {
    case "value":
      return {
        ...meta,
        label: `${column.label} (${UNIT_LABELS[definition.unit]})`,
        type: definition.format === "integer" ? "integer" : "number",
        format: definition.format,
      };
    case "numerator":
    case "denominator":
      return { ...meta, format: partsFormat(definition) };
    case "coverage":
    case "coverage_value":
      return { ...meta, format: "percent" };
    default:
      return meta;
  }
}

/** Numerator and denominator are amounts when the parts are sums, contract counts otherwise. */
function partsFormat(definition: IndicatorDefinition): "euro" | "integer" {
  const m = definition.measure;
  if (m.kind === "ratio") return m.numerator.kind === "sum" ? "euro" : "integer";
  if (m.kind === "mix") return m.of.kind === "sum" ? "euro" : "integer";
  return m.kind === "top_share" ? "euro" : "integer";
}
