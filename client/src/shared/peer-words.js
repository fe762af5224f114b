// A buyer that is the only one of its group counted in a year (the peers' count includes the
// buyer itself) has no one to be compared with: its « quartiles » are its own value and its rank
// is « 1 sur 1 », which reads to an elected official as a comparison won. The dashboard's peers
// table, the one-page summary and the annual report (HTML, Word) say so in these words instead.
// An indicator that does not apply to the buyer this year (the engine's not_applicable: a year
// before the rule's start) is not « non classé (trop peu de marchés) »: said as Mon SPASER says it.
import { spaserStatusText } from "./spaser-status-words.js";

/**
 * @param {{ buyer: { rank: number | null } | null, peers: { count: number } }} r
 * @returns {boolean}
 */
export function aloneAmongPeers(r) {
  return r.buyer !== null && r.buyer.rank !== null && r.peers.count <= 1;
}

/** In place of a quartile of the peers when the buyer is alone. */
export const NO_OTHER_PEER = "aucun autre pair";

/** In place of the rank when the buyer is alone. */
export const ALONE_RANK =
  "non classé : seul acheteur du groupe avec assez de marchés, aucun autre à comparer";

/** In place of the buyer's figure when the indicator does not apply to it. */
export const NOT_APPLICABLE_FIGURE = "sans objet";

/**
 * Why the indicator does not apply to the buyer, in Mon SPASER's words; null when it applies.
 * @param {{ not_applicable: string | null }} r
 * @returns {string | null}
 */
export function notApplicableText(r) {
  return r.not_applicable === null
    ? null
    : spaserStatusText("not_applicable", { notApplicable: r.not_applicable });
}
