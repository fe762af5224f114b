// Dimensions of the model: plain fields, time grains of a date, or amount bands, each with its
// result type, sort key and labels (reference table, vocabulary or a closed list of values).
import { CONTRACT_NATURES, GROUPING_TYPES, PROCEDURES } from "../../lib/vocabulary.ts";
import type { Vocabulary } from "../../lib/vocabulary.ts";
import { isReservedColumnName } from "../result-columns.ts";
import type { ReferenceName } from "./canonical.ts";
import type { IssueSink } from "./model-columns.ts";
import type { ModelField } from "./model-fields.ts";
import { VOCABULARY_NAMES, type DimensionSpecInput } from "./model-schema.ts";
import { column, param, type Expr } from "./sql-ast.ts";

export interface DimensionValue {
  code: string;
  label: string;
}

export interface ModelDimension {
  id: string;
  label: string;
  description?: string;
  /** Type of the key in result rows and of filter values. */
  type: "string" | "integer";
  /** The model field it groups by (a column of the plan's `facts` step). */
  field: string;
  /** Expression over the `facts` columns (named by field id). */
  expr: Expr;
  /** Sort key when the natural order is not the value's (amount bands). */
  sort: Expr | null;
  /** Reference table giving labels, joined in SQL. */
  labelRef: ReferenceName | null;
  /** Known values with labels; when set, filters must use one of these codes. */
  values: DimensionValue[] | null;
  /** The shape of its values, when it has one (a quarter, a month): filters must have it. */
  shape?: { pattern: RegExp; example: string };
}

/** Quarters and months as the engine writes them (quarter_label, month_label). */
const TIME_SHAPES = {
  quarter: { pattern: /^\d{4}-Q[1-4]$/, example: "2024-Q1" },
  month: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, example: "2024-03" },
} as const;

/** `uid` is a column of the SQL's steps (render-sql.ts): a dimension of that name would shadow it. */
const SQL_COLUMNS = new Set(["uid"]);

const VOCABULARIES: Record<(typeof VOCABULARY_NAMES)[number], Vocabulary> = {
  procedures: PROCEDURES,
  contract_natures: CONTRACT_NATURES,
  grouping_types: GROUPING_TYPES,
};

export function resolveDimension(
  id: string,
  spec: DimensionSpecInput,
  fields: ReadonlyMap<string, ModelField>,
  sink: IssueSink,
): ModelDimension | null {
  const at = `dimensions.${id}`;
  if (SQL_COLUMNS.has(id) || isReservedColumnName(id)) {
    sink.add(at, `"${id}" is reserved for result rows`);
    return null;
  }
  const field = fields.get(spec.field);
  if (!field) {
    sink.add(`${at}.field`, `unknown field "${spec.field}"`, "unknown_field");
    return null;
  }
  const base = { id, label: spec.label, field: field.id, sort: null, labelRef: null, values: null };
  // Dimensions read the field's column of the plan's `facts` step, not the raw table.
  const ref = column(null, field.id);
  const described =
    spec.description === undefined ? base : { ...base, description: spec.description };
  if (spec.time !== undefined) {
    if (field.type !== "date") return mismatch(sink, `${at}.field`, "date", field.type);
    if (spec.bands || spec.labels) sink.add(at, "a time dimension takes no bands nor labels");
    const fn =
      spec.time === "year" ? "year" : spec.time === "quarter" ? "quarter_label" : "month_label";
    const type = spec.time === "year" ? "integer" : "string";
    const expr: Expr = { kind: "call", fn, args: [ref] };
    if (spec.time === "year") return { ...described, type, expr };
    return { ...described, type, expr, shape: TIME_SHAPES[spec.time] };
  }
  if (spec.bands !== undefined) {
    if (field.type !== "number" && field.type !== "integer") {
      return mismatch(sink, `${at}.field`, "number", field.type);
    }
    return resolveBands(described, spec.bands, ref, `${at}.bands`, sink);
  }
  if (field.type !== "string" && field.type !== "integer") {
    return mismatch(sink, `${at}.field`, "string or integer", field.type);
  }
  const dimension: ModelDimension = { ...described, type: field.type, expr: ref };
  if (spec.labels?.ref) dimension.labelRef = spec.labels.ref;
  if (spec.labels?.vocabulary) {
    dimension.values = VOCABULARIES[spec.labels.vocabulary].map((e) => ({
      code: e.code,
      label: e.label,
    }));
  }
  if (spec.labels?.values) {
    dimension.values = Object.entries(spec.labels.values).map(([code, label]) => ({ code, label }));
  }
  return dimension;
}

function mismatch(sink: IssueSink, path: string, expected: string, actual: string): null {
  sink.add(path, `expected a ${expected} field, got ${actual}`, "type_mismatch");
  return null;
}

type Band = NonNullable<DimensionSpecInput["bands"]>[number];

function resolveBands(
  base: Omit<ModelDimension, "type" | "expr">,
  bands: Band[],
  value: Expr,
  at: string,
  sink: IssueSink,
): ModelDimension | null {
  let previous = 0;
  const seen = new Set<string>();
  bands.forEach((band, index) => {
    const last = index === bands.length - 1;
    if (seen.has(band.id)) sink.add(`${at}.${index}.id`, `duplicate band "${band.id}"`);
    seen.add(band.id);
    if (last && band.below !== undefined) sink.add(`${at}.${index}.below`, "the last band is open");
    if (!last && band.below === undefined) sink.add(`${at}.${index}.below`, "required");
    if (band.below !== undefined && band.below <= previous) {
      sink.add(`${at}.${index}.below`, "bounds must increase");
    }
    previous = band.below ?? previous;
  });
  // Values and their rank: NULL amounts stay NULL, so they are shown apart, not in a band.
  const branches = (pick: (band: Band, index: number) => Expr) => [
    {
      when: { kind: "is_null" as const, expr: value, negated: false },
      then: { kind: "null" as const },
    },
    ...bands.slice(0, -1).map((band, index) => ({
      when: {
        kind: "compare" as const,
        op: "<" as const,
        left: value,
        right: param(band.below ?? 0),
      },
      then: pick(band, index),
    })),
  ];
  const lastIndex = bands.length - 1;
  const last = bands[lastIndex] as Band;
  const rank = (index: number): Expr => ({ kind: "integer", value: index + 1 });
  return {
    ...base,
    type: "string",
    expr: { kind: "case", branches: branches((band) => param(band.id)), otherwise: param(last.id) },
    sort: {
      kind: "case",
      branches: branches((_band, index) => rank(index)),
      otherwise: rank(lastIndex),
    },
    values: bands.map((band) => ({ code: band.id, label: band.label })),
  };
}
