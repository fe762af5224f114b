// Whether an indicator applies to the buyer at all: a figure that does not apply is not unknown.
// The shares of titulaires (and of the amount) « établis dans le département de l'acheteur » need
// the buyer's département. A Région has none: the who's who places it by its région only when no
// SIRENE establishment places it (etl/sql/enrich.sql), and the indicators leave such a buyer out
// of their scope (their caveat: « les autres acheteurs sont hors couverture »). Its report said
// « information inconnue » over 191 contracts, which reads as if the Région had failed to publish
// something; no département is made up for it either (its suppliers are pictured by its région:
// words.ts supplierPicture). A Région the who's who does place in a département keeps the figure
// the engine computes.
import type { IndicatorDefinition } from "../../indicators/index.ts";

/** The buyer as the who's who types and places it (`buyers.type_acheteur`, `departement`). */
export interface BuyerKind {
  type: string | null;
  departement: string | null;
}

/** Why the indicator does not apply to the buyer, said after « ne s'applique pas : »; else null. */
export function notApplicableReason(
  definition: Pick<IndicatorDefinition, "requires_fields">,
  buyer: BuyerKind,
): string | null {
  // titulaires_localises: « département connu, acheteur localisé » (indicators/model.yaml).
  const byDepartement = definition.requires_fields.includes("titulaires_localises");
  return byDepartement && buyer.type === "region" && buyer.departement === null
    ? "une Région n'a pas de département"
    : null;
}
