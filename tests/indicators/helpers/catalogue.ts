// The shipped catalogue, loaded once per test file, and a lookup that fails loudly.
import {
  loadCatalogue,
  parseDefinition,
  type Catalogue,
  type IndicatorDefinition,
} from "../../../indicators/compiler/load.ts";

let shipped: Catalogue | null = null;

export function shippedCatalogue(): Catalogue {
  shipped ??= loadCatalogue();
  return shipped;
}

export function definition(id: string): IndicatorDefinition {
  const found = shippedCatalogue().definitions.find((d) => d.id === id);
  if (!found) throw new Error(`No shipped definition ${id}`);
  return found;
}

/** A definition built from inline data, checked like a file (for operator tests). */
export function inlineDefinition(fields: Record<string, unknown>): IndicatorDefinition {
  const id = String(fields.id ?? "inline_test");
  const base = {
    id,
    version: 1,
    title: "Test",
    description: "Test. Formule : test.",
    formula: "test",
    unit: "contracts",
    format: "integer",
    counting_unit: "contract",
    requires_format: "any",
    min_n: 1,
    polarity: "neutral",
    requires_fields: [],
    measure: { kind: "count_distinct" },
    breakdowns: ["year", "acheteur_id"],
    filters: ["year", "acheteur_id", "acheteur_nom", "procedure"],
    source: { name: "test" },
  };
  const result = parseDefinition({ ...base, ...fields }, `${id}.yaml`, shippedCatalogue().model);
  if (!result.definition) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.definition;
}
