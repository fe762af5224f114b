// What the comparison with peers counts, in the same words on the dashboard's peers table, the
// one-page summary and the annual report (HTML, Word). The peers are the OTHER buyers of the
// group (server/spaser/peers.ts): their count and quartiles leave the buyer out, its rank is
// among every buyer ranked, itself included. Before, « Pairs comptés : 16 » counted Lyon itself
// beside « Rang 14 sur 16 », and a Région alone in its group read « Pairs comptés : 1 » beside
// « aucun autre pair ». A buyer counted alone has no one to be compared with: its « quartiles »
// would be its own value and its rank « 1 sur 1 », which reads as a comparison won.
// An indicator that does not apply to the buyer this year (the engine's not_applicable: a year
// before the rule's start) is not « non classé (trop peu de marchés) »: said as Mon SPASER says it.
import { spaserStatusText } from "./spaser-status-words.js";

const integer = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/**
 * @typedef {{
 *   buyer: { rank: number | null, rank_among: number | null } | null,
 *   peers: { count: number },
 *   min_n: number,
 * }} PeerFigure
 */

/**
 * @param {{ buyer: { rank: number | null } | null, peers: { count: number } }} r
 * @returns {boolean}
 */
export function aloneAmongPeers(r) {
  return r.buyer !== null && r.buyer.rank !== null && r.peers.count === 0;
}

/** What the peers' table counts, said once above it (page) or in the section's words (report). */
export const PEERS_COUNTED =
  "Les pairs sont les autres acheteurs du groupe dont la valeur repose sur assez de marchés : cet acheteur n'entre ni dans leur nombre ni dans leurs quartiles ; son rang est compté parmi tous, lui compris.";

/** In place of a quartile of the peers when the buyer is alone. */
export const NO_OTHER_PEER = "aucun autre pair";

/** In place of the rank when the buyer is alone. */
export const ALONE_RANK =
  "non classé : seul acheteur du groupe avec assez de marchés, aucun autre à comparer";

/**
 * The peers counted, the buyer left out: « 15 autres acheteurs (au moins 10 marchés chacun) »,
 * « aucun autre acheteur (au moins 10 marchés chacun) ».
 * @param {PeerFigure} r
 * @returns {string}
 */
export function peersCountText(r) {
  const n = r.peers.count;
  const others =
    n === 0
      ? "aucun autre acheteur"
      : `${integer.format(n)} autre${n >= 2 ? "s" : ""} acheteur${n >= 2 ? "s" : ""}`;
  return `${others} (au moins ${integer.format(r.min_n)} marchés chacun)`;
}

/**
 * The buyer's rank among every buyer ranked, itself included: « 14 sur 16, cet acheteur
 * compris »; alone or too small to rank, why; null without a figure of the buyer.
 * @param {PeerFigure} r
 * @returns {string | null}
 */
export function rankText(r) {
  if (r.buyer === null) return null;
  if (aloneAmongPeers(r)) return ALONE_RANK;
  const { rank, rank_among } = r.buyer;
  if (rank === null || rank_among === null) return "non classé : trop peu de marchés";
  return `${integer.format(rank)} sur ${integer.format(rank_among)}, cet acheteur compris`;
}

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
