// Codes stored in the snapshot → the French words shown to users (one vocabulary, lib/).
import type { JsonValue, Row } from "../../lib/duckdb.ts";
import { labelOf, type Vocabulary } from "../../lib/vocabulary.ts";
import type { Model } from "../../indicators/index.ts";
import { COLUMN_VOCABULARIES } from "./vocabularies.ts";

function labelValue(vocabulary: Vocabulary, value: JsonValue): JsonValue {
  if (typeof value === "string") return labelOf(vocabulary, value);
  if (Array.isArray(value)) return value.map((v) => labelValue(vocabulary, v));
  return null;
}

/** Adds `<column>_label` beside every coded column present in the row. */
export function withLabels(row: Row): Row {
  const out: Row = { ...row };
  for (const [column, vocabulary] of Object.entries(COLUMN_VOCABULARIES)) {
    if (column in row) out[`${column}_label`] = labelValue(vocabulary, row[column] ?? null);
  }
  return out;
}

/**
 * The French words the model gives a code of one of its dimensions (« commune_50000_plus » →
 * « Commune de 50 000 habitants ou plus »), so that a page says it as the indicators do.
 */
export function modelLabel(model: Model, dimension: string, code: string): string | null {
  return model.dimensions.get(dimension)?.values?.find((v) => v.code === code)?.label ?? null;
}
