// Whether an indicator applies to a buyer at all: a figure that does not apply is not unknown.
// The model says it of a field (model.yaml `not_applicable`): the shares of titulaires (and of
// the amount) « établis dans le département de l'acheteur » require `titulaires_localises`, which
// a Région placed by its région only cannot have. Région Bretagne's « Mon SPASER » and API showed
// such a figure as N = 0 over its 191 contracts of 2021, and its report said « information
// inconnue », as if the Région had failed to publish something. A buyer of such a kind that the
// who's who does place (its département known) keeps the figure the engine computes; a buyer of
// another kind whose département is unknown stays unknown. Pure: the readers pass the buyer.
import type { IndicatorDefinition } from "../compiler/load.ts";
import type { Model } from "../compiler/model.ts";

/** The buyer's own model fields as the who's who gives them (`acheteur_type`, …), null unknown. */
export type BuyerFields = Readonly<Record<string, string | null>>;

/** Why the indicator does not apply to the buyer, said after « ne s'applique pas : »; else null. */
export function notApplicableReason(
  definition: Pick<IndicatorDefinition, "requires_fields">,
  model: Pick<Model, "fields">,
  buyer: BuyerFields,
): string | null {
  const type = buyer.acheteur_type ?? null;
  for (const id of definition.requires_fields) {
    const rule = model.fields.get(id)?.notApplicable;
    if (!rule || type === null || !rule.buyerTypes.includes(type)) continue;
    if ((buyer[rule.unlessKnown] ?? null) === null) return rule.reason;
  }
  return null;
}
