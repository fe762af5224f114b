// Whether an indicator applies to a buyer in a year at all: a figure that does not apply is not
// unknown, nor a small sample. Two rules, both read from the definitions and the model, never
// from an indicator's id:
// - the buyer: a field the indicator requires says so in `model.yaml` (`not_applicable`): the
//   shares of titulaires (and of the amount) « établis dans le département de l'acheteur » require
//   `titulaires_localises`, which a Région placed by its région only cannot have. Région
//   Bretagne's « Mon SPASER » showed such a figure as N = 0 over its 191 contracts of 2021, and
//   its report said « information inconnue », as if the Région had failed to publish something.
//   A buyer of such a kind that the who's who does place (its département known) keeps the figure
//   the engine computes; a buyer of another kind whose département is unknown stays unknown;
// - the year: the indicator's scope keeps only the contracts notified from a date (the loi Climat
//   et résilience's from 21 August 2026), so no contract of a year before it can enter the figure.
//   Such years were said « trop peu de marchés », « pas de marché concerné cette année » or « pas
//   de donnée au format 2024 », one reason per page, none of them true.
// Pure: the readers pass the buyer and the year.
import type { ConditionInput } from "../compiler/condition-schema.ts";
import type { IndicatorDefinition } from "../compiler/load.ts";
import type { Model } from "../compiler/model.ts";

/** The buyer's own model fields as the who's who gives them (`acheteur_type`, …), null unknown. */
export type BuyerFields = Readonly<Record<string, string | null>>;

/** Why the indicator does not apply, said after « ne s'applique pas : »; else null. */
export function notApplicableReason(
  definition: Pick<IndicatorDefinition, "requires_fields" | "scope">,
  model: Pick<Model, "fields">,
  buyer: BuyerFields,
  year: number | null,
): string | null {
  const type = buyer.acheteur_type ?? null;
  for (const id of definition.requires_fields) {
    const rule = model.fields.get(id)?.notApplicable;
    if (!rule || type === null || !rule.buyerTypes.includes(type)) continue;
    if ((buyer[rule.unlessKnown] ?? null) === null) return rule.reason;
  }
  const start = scopeStart(definition.scope);
  if (start === null || year === null) return null;
  const lastDay = `${String(year)}-12-31`;
  const before = start.strict ? lastDay <= start.date : lastDay < start.date;
  if (!before) return null;
  const day = DAY.format(new Date(`${start.date}T00:00:00Z`));
  return `l'indicateur ne porte que sur les marchés notifiés ${start.strict ? "après le" : "à partir du"} ${day}`;
}

const DAY = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/**
 * The date from which the scope keeps contracts, when every contract it keeps must be notified
 * from it: a condition on the notification date, alone or one of the scope's `and`. (Under `or`
 * or `not` it would keep other contracts too: no start then.)
 */
function scopeStart(scope: ConditionInput | undefined): { date: string; strict: boolean } | null {
  if (!scope) return null;
  const parts = scope.and ?? [scope];
  for (const c of parts) {
    if (c.field !== "date_notification" || typeof c.value !== "string") continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.value)) continue;
    if (c.op === "gte" || c.op === "gt") return { date: c.value, strict: c.op === "gt" };
  }
  return null;
}
