// Loads indicators/model.yaml: the fields and dimensions every definition and request is resolved
// against. Nothing outside the model can be named in a query.
import { fileURLToPath } from "node:url";
import { IndicatorError } from "./errors.ts";
import { IssueSink } from "./model-columns.ts";
import { resolveDimension, type DimensionValue, type ModelDimension } from "./model-dimensions.ts";
import {
  resolveField,
  resolveSupplierField,
  type ModelField,
  type ModelSupplierField,
} from "./model-fields.ts";
import { ModelSpec } from "./model-schema.ts";
import { readYamlFile } from "./yaml-file.ts";
import { fromZodIssues } from "./zod-issues.ts";

export type { ModelField, ModelSupplierField } from "./model-fields.ts";
export type { DimensionValue, ModelDimension } from "./model-dimensions.ts";

export interface Model {
  file: string;
  fields: ReadonlyMap<string, ModelField>;
  supplierFields: ReadonlyMap<string, ModelSupplierField>;
  dimensions: ReadonlyMap<string, ModelDimension>;
}

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL("../model.yaml", import.meta.url));

let defaultModel: Model | null = null;

/** The shipped model, loaded once. Throws: a broken model is a bug of the repository. */
export function getDefaultModel(): Model {
  defaultModel ??= loadModel(DEFAULT_MODEL_PATH);
  return defaultModel;
}

export function loadModel(path: string, label: string = path): Model {
  const read = readYamlFile(path, label);
  if (read.issues.length > 0) throw new IndicatorError(read.issues);
  const parsed = ModelSpec.safeParse(read.value);
  if (!parsed.success)
    throw new IndicatorError(fromZodIssues(parsed.error.issues, label, "invalid_model"));
  const sink = new IssueSink(label);
  const fields = new Map<string, ModelField>();
  for (const [id, spec] of Object.entries(parsed.data.fields)) {
    const field = resolveField(id, spec, sink);
    if (field) fields.set(id, field);
  }
  // A rule of applicability names a field of the buyer the model declares.
  for (const field of fields.values()) {
    const known = field.notApplicable?.unlessKnown;
    if (known !== undefined && !fields.has(known))
      sink.add(`fields.${field.id}.not_applicable.unless_known`, `unknown field "${known}"`);
  }
  const supplierFields = new Map<string, ModelSupplierField>();
  for (const [id, spec] of Object.entries(parsed.data.supplier_fields)) {
    const field = resolveSupplierField(id, spec, sink);
    if (field) supplierFields.set(id, field);
  }
  const dimensions = new Map<string, ModelDimension>();
  for (const [id, spec] of Object.entries(parsed.data.dimensions)) {
    const dimension = resolveDimension(id, spec, fields, sink);
    if (dimension) dimensions.set(id, dimension);
  }
  if (sink.issues.length > 0) throw new IndicatorError(sink.issues);
  return { file: label, fields, supplierFields, dimensions };
}

export interface DimensionInfo {
  id: string;
  label: string;
  description?: string;
  type: "string" | "integer";
  /** Known codes and labels (closed list), or null when any value may occur. */
  values: DimensionValue[] | null;
}

/** The dimensions as a client needs them (labels for pickers, closed value lists). */
export function describeDimensions(model: Model): DimensionInfo[] {
  return [...model.dimensions.values()].map((d) => {
    const info: DimensionInfo = { id: d.id, label: d.label, type: d.type, values: d.values };
    if (d.description !== undefined) info.description = d.description;
    return info;
  });
}

/**
 * The closed list of codes a field holds: that of the dimension of the same name grouping by the
 * field itself (not bands of it: `amount_band` lists no amount); null when its values are open.
 * A condition on such a field names codes of the list and has no order to compare by.
 */
export function fieldCodeList(model: Model, field: string): DimensionValue[] | null {
  const dimension = model.dimensions.get(field);
  return dimension?.values && dimension.field === field ? dimension.values : null;
}
