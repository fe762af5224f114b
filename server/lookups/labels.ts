// Codes stored in the snapshot → the French words shown to users (one vocabulary, in the ETL).
import {
  CONTRACT_NATURES,
  ENVIRONMENTAL_CONSIDERATIONS,
  EXECUTION_MODES,
  GROUPING_TYPES,
  IDENTIFIER_TYPES,
  labelOf,
  PLACE_CODE_TYPES,
  PRICE_TYPES,
  PROCEDURES,
  SOCIAL_CONSIDERATIONS,
  TECHNIQUES,
  type Vocabulary,
} from "../../lib/vocabulary.ts";
import type { JsonValue, Row } from "../../lib/duckdb.ts";

const TYPES_MARCHE: Record<string, string> = {
  travaux: "Travaux",
  fournitures: "Fournitures",
  services: "Services",
};

const TYPE_VOCABULARY: Vocabulary = Object.entries(TYPES_MARCHE).map(([code, label]) => ({
  code,
  label,
  wordings: [],
}));

/** Column → vocabulary of its codes, for the columns the lookups return. */
const COLUMN_VOCABULARIES: Record<string, Vocabulary> = {
  procedure: PROCEDURES,
  nature: CONTRACT_NATURES,
  type_marche: TYPE_VOCABULARY,
  type_groupement_operateurs: GROUPING_TYPES,
  lieu_type_code: PLACE_CODE_TYPES,
  type_identifiant: IDENTIFIER_TYPES,
  sous_traitant_type_identifiant: IDENTIFIER_TYPES,
  considerations_sociales: SOCIAL_CONSIDERATIONS,
  considerations_environnementales: ENVIRONMENTAL_CONSIDERATIONS,
  techniques: TECHNIQUES,
  modalites_execution: EXECUTION_MODES,
  types_prix: PRICE_TYPES,
};

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
