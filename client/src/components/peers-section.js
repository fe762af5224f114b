// The buyer among its peers (buyers of the same type): for each indicator, the buyer's figure,
// the peers' quartiles and the value of all the data, then, on demand, the ranking of the peers
// with enough contracts, by name. The group and its rule are written out: a reader can check
// who the buyer is compared with.
import { getJson } from "../api.js";
import { h, replace } from "../dom.js";
import { formatInteger, formatValue, formatValueWithN } from "../format.js";
import {
  NOT_APPLICABLE_FIGURE,
  NO_OTHER_PEER,
  PEERS_COUNTED,
  aloneAmongPeers,
  notApplicableText,
  peersCountText,
  rankText,
} from "../shared/peer-words.js";
import { displayName, lookupTable } from "./lookup.js";
import { oneYearWords, periodLine } from "./period.js";

/** @param {string} siret */
export function peersSection(siret) {
  const body = h("div", { "data-part": "peers" });
  const section = h(
    "section",
    { class: "peers", "aria-labelledby": "pairs" },
    h("h2", { id: "pairs" }, "Comparaison avec des acheteurs comparables"),
    body,
  );
  let asked = 0;
  /** @param {number | null} year  the year the page follows; null: the API's latest year */
  async function load(year) {
    const mine = ++asked;
    const params = new URLSearchParams(year === null ? {} : { year: String(year) });
    /** @type {import("../types.js").BuyerPeers} */
    const a = await getJson(`/api/buyers/${encodeURIComponent(siret)}/peers`, params);
    if (mine === asked) replace(body, ...content(a));
  }
  return { element: section, load };
}

/** @param {import("../types.js").PeerIndicator} r @param {number | null} v */
const f = (r, v) => formatValue(v, r.format);

/** A quartile of the peers, unless the buyer is the only one counted (its own value, then). */
/** @param {import("../types.js").PeerIndicator} r @param {number | null} v */
const quartile = (r, v) => (aloneAmongPeers(r) ? NO_OTHER_PEER : f(r, v));

/** @type {{ label: string, cell: (r: import("../types.js").PeerIndicator) => string, numeric?: boolean }[]} */
const COLUMNS = [
  { label: "Indicateur", cell: (r) => r.title },
  {
    label: "Cet acheteur",
    cell: (r) =>
      r.not_applicable !== null
        ? NOT_APPLICABLE_FIGURE
        : r.buyer === null
          ? "aucun marché"
          : formatValueWithN(r.buyer.value, r.buyer.n, r.buyer.coverage, r.format),
  },
  { label: "Pairs : 1er quartile", cell: (r) => quartile(r, r.peers.q1), numeric: true },
  { label: "Médiane des pairs", cell: (r) => quartile(r, r.peers.median), numeric: true },
  { label: "3e quartile", cell: (r) => quartile(r, r.peers.q3), numeric: true },
  {
    // The other buyers: this one is in neither the count nor the quartiles.
    label: "Pairs comptés",
    cell: (r) => peersCountText(r),
  },
  {
    label: "Toutes les données",
    cell: (r) => formatValueWithN(r.national.value, r.national.n, r.national.coverage, r.format),
  },
  {
    label: "Rang",
    cell: (r) => notApplicableText(r) ?? rankText(r) ?? "—",
  },
];

/**
 * The buyer and its peers per indicator, as a table: every column, or those named (the one-page
 * summary keeps fewer).
 * @param {import("../types.js").BuyerPeers} a
 * @param {string[]} [only]  labels of the columns to keep
 */
export function peersTable(a, only) {
  return lookupTable(
    `Cet acheteur et ses pairs en ${a.year ?? "—"}`,
    only ? COLUMNS.filter((c) => only.includes(c.label)) : COLUMNS,
    a.indicators,
  );
}

/** @param {import("../types.js").BuyerPeers} a */
function content(a) {
  if (a.group === null)
    return [
      h("p", {}, "Le type de cet acheteur n'est pas connu : il n'a pas de groupe de pairs."),
      h("p", { class: "note" }, a.rule),
    ];
  return [
    // One year, where the indicators above count every contract: said, so that the two are not
    // read as the same figure.
    periodLine(
      `${oneYearWords(a.year)}, quand les indicateurs de cet acheteur portent sur tous ses marchés`,
    ),
    h("p", {}, `Groupe : ${a.group.label}. ${a.group.definition} Année ${a.year ?? "—"}.`),
    h("p", { class: "note" }, a.rule),
    h("p", { class: "note" }, PEERS_COUNTED),
    peersTable(a),
    a.indicators
      .filter((r) => r.ranking.length > 0)
      .map((r) =>
        h(
          "details",
          { class: "peer-ranking" },
          h("summary", {}, `Classement des pairs : ${r.title}`),
          lookupTable(
            `Classement des pairs : ${r.title}`,
            [
              { label: "Rang", cell: (p) => String(p.rank), numeric: true },
              {
                label: "Acheteur",
                cell: (p) =>
                  h(
                    "a",
                    {
                      href: `/acheteur/${p.siret}`,
                      "aria-current": p.siret === a.siret ? "page" : null,
                    },
                    displayName(p.nom, p.siret, "Acheteur"),
                  ),
              },
              { label: "Valeur", cell: (p) => formatValue(p.value, r.format), numeric: true },
              { label: "Marchés (N)", cell: (p) => formatInteger(p.n), numeric: true },
            ],
            r.ranking,
          ),
        ),
      ),
  ];
}
