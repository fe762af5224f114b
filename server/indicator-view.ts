// What the API says about an indicator and its result columns: the definition as users need it,
// and for every column a French label, a role and a type, so the client (charts, tables) and the
// exports never guess what a column is.
import {
  summarise,
  type IndicatorDefinition,
  type IndicatorResult,
  type IndicatorSummary,
  type Model,
} from "../indicators/index.ts";

export type IndicatorShape = "single" | "mix" | "partition";

export interface DimensionRef {
  id: string;
  label: string;
}

export type IndicatorView = Omit<IndicatorSummary, "breakdowns" | "filters"> & {
  /** single: one value per key; mix: one share per category; partition: one value per entity. */
  shape: IndicatorShape;
  /** The category dimension of a mix, or the entity dimension of a partition. */
  shape_dimension: string | null;
  breakdowns: DimensionRef[];
  filters: DimensionRef[];
};

/** What a result column holds; also the OpenAPI enum (openapi/schemas.ts). */
export const COLUMN_ROLES = [
  "key",
  "label",
  "value",
  "n",
  "n_scope",
  "numerator",
  "denominator",
  "coverage",
  "coverage_value",
  "flags",
  "status",
  "target_met",
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const COLUMN_TYPES = ["integer", "number", "string", "boolean", "string[]"] as const;

export interface ColumnMeta {
  name: string;
  label: string;
  role: ColumnRole;
  type: (typeof COLUMN_TYPES)[number];
  /** For value, numerator, denominator, coverage: how to show the number. */
  format?: IndicatorDefinition["format"] | "integer";
  /** For key and label columns: the dimension they belong to. */
  dimension?: string;
}

function ref(model: Model, id: string): DimensionRef {
  return { id, label: model.dimensions.get(id)?.label ?? id };
}

export function describeIndicator(definition: IndicatorDefinition, model: Model): IndicatorView {
  const measure = definition.measure;
  const shape: IndicatorShape =
    measure.kind === "mix" ? "mix" : measure.kind === "top_share" ? "partition" : "single";
  const shapeDimension =
    measure.kind === "mix"
      ? measure.dimension
      : measure.kind === "top_share"
        ? measure.partition
        : null;
  return {
    ...summarise(definition),
    shape,
    shape_dimension: shapeDimension,
    breakdowns: definition.breakdowns.map((id) => ref(model, id)),
    filters: definition.filters.map((id) => ref(model, id)),
  };
}

const FIXED: Record<string, Omit<ColumnMeta, "name">> = {
  n: { label: "N : marchés sur lesquels porte le calcul", role: "n", type: "integer" },
  n_scope: { label: "Marchés dans le périmètre", role: "n_scope", type: "integer" },
  coverage: {
    label: "Couverture (part des marchés du périmètre où l'information est renseignée)",
    role: "coverage",
    type: "number",
    format: "percent",
  },
  coverage_value: {
    label: "Couverture en valeur",
    role: "coverage_value",
    type: "number",
    format: "percent",
  },
  flags: { label: "Signalements", role: "flags", type: "string[]" },
  status: { label: "Statut au regard des seuils", role: "status", type: "string" },
  target_met: { label: "Cible atteinte", role: "target_met", type: "boolean" },
};

export function describeColumns(
  definition: IndicatorDefinition,
  result: IndicatorResult,
  model: Model,
): ColumnMeta[] {
  const unitLabel = result.indicator.unit_label;
  const partFormat = partsFormat(definition);
  return result.columns.map((name): ColumnMeta => {
    const fixed = FIXED[name];
    if (fixed) return { name, ...fixed };
    if (name === "value") {
      return {
        name,
        label: `Valeur (${unitLabel})`,
        role: "value",
        type: definition.format === "integer" ? "integer" : "number",
        format: definition.format,
      };
    }
    if (name === "numerator" || name === "denominator") {
      return {
        name,
        label: name === "numerator" ? "Numérateur" : "Dénominateur",
        role: name,
        type: "number",
        format: partFormat,
      };
    }
    if (name.endsWith("_label")) {
      const dimension = name.slice(0, -"_label".length);
      const label = model.dimensions.get(dimension)?.label ?? dimension;
      return { name, label: `${label} (libellé)`, role: "label", type: "string", dimension };
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

/** Numerator and denominator are amounts when the parts are sums, contract counts otherwise. */
function partsFormat(definition: IndicatorDefinition): "euro" | "integer" {
  const m = definition.measure;
  if (m.kind === "ratio") return m.numerator.kind === "sum" ? "euro" : "integer";
  if (m.kind === "mix") return m.of.kind === "sum" ? "euro" : "integer";
  return m.kind === "top_share" ? "euro" : "integer";
}
