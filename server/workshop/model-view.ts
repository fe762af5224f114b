// What the workshop's form offers: every field of the model with its French label, the condition
// operators its type allows (the compiler's own rule, check.ts operatorProblem) and its known
// codes; the dimensions; and the catalogue's definitions to start from.
import { operatorProblem } from "../../indicators/compiler/check.ts";
import { CONDITION_OPS } from "../../indicators/compiler/condition-schema.ts";
import { describeDimensions, fieldCodeList, type Catalogue } from "../../indicators/index.ts";
import type { WorkshopModel } from "../api-types.ts";
import { fieldValues } from "../closed-lists.ts";
import { fieldReference, REFERENCE_LISTS } from "../reference-codes.ts";
import { MAX_DEPTH, MAX_LIST } from "./bounds.ts";

export function workshopModel(
  catalogue: Catalogue,
  limits: { bodyBytes: number; perMinute: number },
): WorkshopModel {
  const { model } = catalogue;
  const dimensions = describeDimensions(model);
  const fields = [...model.fields.values()].map((field) => {
    // The field's closed list of codes, the one a condition is held to (closed-lists.ts).
    const values = fieldValues(model, field.id);
    // A field grouped by a dimension labelled from a reference list holds its codes (« 53 », not
    // « Bretagne »): the form offers that list of GET /api/filters, as the filter bar reads it.
    const ref = fieldReference(model, field.id);
    const choices = (ref && REFERENCE_LISTS[ref]?.list) ?? null;
    return {
      id: field.id,
      label: field.label,
      ...(field.description !== undefined ? { description: field.description } : {}),
      type: field.type,
      // The operators the definition check accepts on it: none that orders the codes of a list.
      ops: CONDITION_OPS.filter(
        (op) => operatorProblem(field.type, op, fieldCodeList(model, field.id) !== null) === null,
      ),
      values,
      choices,
    };
  });
  return {
    fields,
    supplier_fields: [...model.supplierFields.values()].map((f) => ({ id: f.id, label: f.label })),
    dimensions,
    // The definitions without the loader's `file` (where the catalogue read them).
    definitions: catalogue.definitions.map(
      (d) =>
        Object.fromEntries(
          Object.entries(d).filter(([key]) => key !== "file"),
        ) as WorkshopModel["definitions"][number],
    ),
    limits: {
      body_bytes: limits.bodyBytes,
      depth: MAX_DEPTH,
      list: MAX_LIST,
      requests_per_minute: limits.perMinute,
    },
  };
}
