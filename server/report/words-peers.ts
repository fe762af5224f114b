// The report's comparison with peers in words and table cells, shared by the HTML and the DOCX
// so both say the same: who the peers are, and per indicator the buyer, the peers' quartiles,
// how many peers are counted and the value of all the data (figures of targets.ts peersFor).
import type { PeerIndicator } from "../api-types.ts";
import type { PeerComparison } from "./targets.ts";
import { formatInteger, formatNumber } from "./format.ts";
import {
  NOT_APPLICABLE_FIGURE,
  NO_OTHER_PEER,
  PEERS_COUNTED,
  aloneAmongPeers,
  notApplicableText,
  peersCountText,
  rankText,
} from "../../client/src/shared/peer-words.js";

export const PEERS_TITLE = "3. Comparaison avec des acheteurs comparables";

export const PEER_HEADERS = [
  "Indicateur",
  "Cet acheteur",
  "Premier quartile des pairs",
  "Médiane des pairs",
  "Troisième quartile des pairs",
  "Pairs comptés",
  "Ensemble des données",
];

export function peersIntro(p: PeerComparison | null): string[] {
  if (!p)
    return [
      "Le type de cet acheteur n'est pas connu : il n'a pas de groupe d'acheteurs comparables.",
    ];
  return [
    `Groupe de comparaison : ${p.group}. ${p.definition} Année ${p.year}.`,
    p.rule,
    `Un quart des pairs a une valeur inférieure au premier quartile, la moitié à la médiane, trois quarts au troisième quartile. ${PEERS_COUNTED}`,
  ];
}

export function peerCells(r: PeerIndicator): string[] {
  const f = (v: number | null) => formatNumber(v, r.format);
  const alone = aloneAmongPeers(r);
  const rank = rankText(r);
  const notApplicable = notApplicableText(r);
  const buyer =
    notApplicable !== null
      ? `${NOT_APPLICABLE_FIGURE}, ${notApplicable}`
      : r.buyer === null
        ? "aucun marché"
        : `${f(r.buyer.value)} (N = ${formatInteger(r.buyer.n)}), ${r.buyer.rank !== null && !alone ? `rang ${rank}` : rank}`;
  // Alone in its group, the buyer's « quartiles » would be its own value.
  const quartile = (v: number | null) => (alone ? NO_OTHER_PEER : f(v));
  return [
    r.title,
    buyer,
    quartile(r.peers.q1),
    quartile(r.peers.median),
    quartile(r.peers.q3),
    peersCountText(r),
    `${f(r.national.value)} (N = ${formatInteger(r.national.n)})`,
  ];
}
