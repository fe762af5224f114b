// Modifications (avenants) of a marché, and the current amount and duration they lead to.
//
// The schema says a modification carries the contract's NEW TOTAL amount and duration. Some
// producers write the modification's own amount (a delta) instead: a published amount below half
// of the previous total is taken as a probable delta, flagged, and NOT used as the current amount
// (no guess: the current amount stays the last trusted total — the initial amount or the last
// modification that is a plausible total). The contract keeps that amount in every figure, with
// a flag saying a modification amount was set aside.
import type { IssueLog } from "./issues.ts";
import { cleanAmount, cleanDate, cleanDuration, cleanIdentifier, cleanText } from "./fields.ts";
import { isTree } from "./structure.ts";
import { cleanParties } from "./parts.ts";
import { DELTA_AMOUNT_PROBLEM } from "./problems.ts";

export interface ModificationRow {
  position: number;
  id: string | null;
  objet_modification: string | null;
  date_notification: string | null;
  date_publication_donnees: string | null;
  duree_mois: number | null;
  montant: number | null;
  montant_suspect_delta: boolean;
  titulaires: string | null;
}

export interface CurrentState {
  rows: ModificationRow[];
  amount: number | null;
  duration: number | null;
  /** A modification amount looked like a delta and was not used. */
  deltaSetAside: boolean;
}

const DELTA_RATIO = 0.5;

export function applyModifications(
  items: unknown[],
  initialAmount: number | null,
  initialDuration: number | null,
  log: IssueLog,
  today: Date,
): CurrentState {
  const parsed = items.map((item, index) => {
    const m = isTree(item) ? item : {};
    const field = `modifications[${index}]`;
    return {
      index,
      id: cleanIdentifier(m.id),
      objet: cleanText(m.objetModification, `${field}.objetModification`, log),
      notified: cleanDate(
        m.dateNotificationModification,
        `${field}.dateNotificationModification`,
        log,
        today,
      ),
      published: cleanDate(
        m.datePublicationDonneesModification,
        `${field}.datePublicationDonneesModification`,
        log,
        today,
      ),
      duration: cleanDuration(m.dureeMois, `${field}.dureeMois`, log),
      amount: cleanAmount(m.montant, `${field}.montant`, log).value,
      titulaires: cleanParties(m.titulaires, "titulaire", `${field}.titulaires`, log),
    };
  });
  // Order of notification; modifications without a date keep their published order.
  parsed.sort((a, b) => {
    if (a.notified && b.notified && a.notified !== b.notified)
      return a.notified < b.notified ? -1 : 1;
    return a.index - b.index;
  });

  let amount = initialAmount;
  let duration = initialDuration;
  let deltaSetAside = false;
  const rows = parsed.map((m, position): ModificationRow => {
    let suspectDelta = false;
    if (m.amount !== null) {
      if (amount !== null && amount > 0 && m.amount < amount * DELTA_RATIO) {
        suspectDelta = true;
        deltaSetAside = true;
        log.add(`modifications[${m.index}].montant`, m.amount, DELTA_AMOUNT_PROBLEM, "flagged");
      } else amount = m.amount;
    }
    if (m.duration !== null) duration = m.duration;
    return {
      position,
      id: m.id,
      objet_modification: m.objet,
      date_notification: m.notified,
      date_publication_donnees: m.published,
      duree_mois: m.duration,
      montant: m.amount,
      montant_suspect_delta: suspectDelta,
      titulaires:
        m.titulaires.length > 0
          ? JSON.stringify(
              m.titulaires.map(({ typeIdentifiant, id, name }) => ({ typeIdentifiant, id, name })),
            )
          : null,
    };
  });
  return { rows, amount, duration, deltaSetAside };
}
