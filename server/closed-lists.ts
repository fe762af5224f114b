// Fields whose values form a closed list in the model: a workshop condition naming a value outside
// it (`procedure in ["zzz"]`) is refused at its box, as reference-codes.ts refuses a région that
// names nothing; computed, it would answer N = 0, « no contract » where the truth is « no such
// value ». The API's request filters are already held to the same lists by the engine
// (indicators/compiler/request.ts checkValues). Every listed field is checked: the ETL keeps no
// value outside these lists (etl/normalise/fields.ts cleanEnum nulls it, type_marche and
// acheteur_type are derived by CASE, decp_format is an ENUM), and the shipped snapshot holds none
// (counted per field on data/observatory.duckdb when this check was written). A field whose data
// hold values the list lacks must not be listed here, or a reader could not ask for them.
import { fieldCodeList, type Model } from "../indicators/index.ts";
import {
  ENVIRONMENTAL_CONSIDERATIONS,
  GROUPING_TYPES,
  SOCIAL_CONSIDERATIONS,
  TECHNIQUES,
  type Vocabulary,
} from "../lib/vocabulary.ts";
import type { ApiIssue } from "./errors.ts";

export interface ListedValue {
  code: string;
  label: string;
}

/** Lists of codes whose vocabulary no dimension of the model names. */
const LIST_VOCABULARIES: Record<string, Vocabulary> = {
  considerations_sociales: SOCIAL_CONSIDERATIONS,
  considerations_environnementales: ENVIRONMENTAL_CONSIDERATIONS,
  techniques: TECHNIQUES,
  type_groupement_operateurs: GROUPING_TYPES,
};

/**
 * A field's closed list of codes, or null when its values are open: that of the dimension of the
 * same name grouping by the field itself (not bands of it: `amount_band` lists no amount), else
 * the vocabulary of a list field. The workshop's form offers the same list (model-view.ts).
 */
export function fieldValues(model: Model, field: string): ListedValue[] | null {
  const codes = fieldCodeList(model, field);
  if (codes) return codes;
  const vocabulary = LIST_VOCABULARIES[field];
  return vocabulary ? vocabulary.map((e) => ({ code: e.code, label: e.label })) : null;
}

/** « « procedure_adaptee » (Procédure adaptée) »; a code that is its own label is said once. */
function example(value: ListedValue): string {
  return value.label === value.code ? `« ${value.code} »` : `« ${value.code} » (${value.label})`;
}

/**
 * The issue naming the values of `values` outside `field`'s closed list, at `param` (a workshop
 * box), or null when the field has no list or every value is in it.
 */
export function unknownListedValues(
  model: Model,
  field: string,
  values: readonly unknown[],
  param: string,
): ApiIssue | null {
  const listed = fieldValues(model, field);
  if (!listed) return null;
  const codes = new Set(listed.map((v) => v.code));
  const unknown = values.filter((v): v is string => typeof v === "string" && !codes.has(v));
  if (unknown.length === 0) return null;
  const shown = unknown.map((v) => `« ${v} »`).join(", ");
  const what = unknown.length > 1 ? `Valeurs inconnues : ${shown}.` : `Valeur inconnue : ${shown}.`;
  const examples = listed.slice(0, 2).map(example).join(" ou ");
  const name = model.fields.get(field)?.label ?? field;
  return {
    code: "invalid_value",
    param,
    message: `${what} Choisissez dans la liste de « ${name} », par exemple ${examples}.`,
  };
}
