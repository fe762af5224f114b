// Which columns of the look-ups hold codes, and the vocabulary that names them in French
// (labels.ts adds `<column>_label`; api-schemas/lookups.ts documents those columns from here).
import {
  CONTRACT_NATURES,
  ENVIRONMENTAL_CONSIDERATIONS,
  EXECUTION_MODES,
  GROUPING_TYPES,
  IDENTIFIER_TYPES,
  PLACE_CODE_TYPES,
  PRICE_TYPES,
  PROCEDURES,
  SOCIAL_CONSIDERATIONS,
  TECHNIQUES,
  type Vocabulary,
} from "../../lib/vocabulary.ts";

const TYPES_MARCHE: Vocabulary = [
  { code: "travaux", label: "Travaux", wordings: [] },
  { code: "fournitures", label: "Fournitures", wordings: [] },
  { code: "services", label: "Services", wordings: [] },
];

/** Column → vocabulary of its codes, for the columns the lookups return. */
export const COLUMN_VOCABULARIES = {
  procedure: PROCEDURES,
  nature: CONTRACT_NATURES,
  type_marche: TYPES_MARCHE,
  type_groupement_operateurs: GROUPING_TYPES,
  lieu_type_code: PLACE_CODE_TYPES,
  type_identifiant: IDENTIFIER_TYPES,
  sous_traitant_type_identifiant: IDENTIFIER_TYPES,
  considerations_sociales: SOCIAL_CONSIDERATIONS,
  considerations_environnementales: ENVIRONMENTAL_CONSIDERATIONS,
  techniques: TECHNIQUES,
  modalites_execution: EXECUTION_MODES,
  types_prix: PRICE_TYPES,
} as const satisfies Record<string, Vocabulary>;

export type CodedColumn = keyof typeof COLUMN_VOCABULARIES;
