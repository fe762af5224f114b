// « Qui est qui » on the « Mises à jour des données » page: for the snapshot of the latest
// successful run, the share of contracts (and of their amount) whose buyer is named and typed and
// whose titulaires are all named, of known size and located — the coverage every indicator that
// uses the organisations carries. Figures come from the run history (etl/reference/coverage.ts).
import { h } from "../dom.js";
import { formatInteger, formatPercent } from "../format.js";
import { tableElement } from "../table.js";

/** @typedef {import("../types.js").CoverageRow} CoverageRow */

const ITEMS = /** @type {const} */ ([
  ["buyer_named", "Acheteur nommé"],
  ["buyer_typed", "Type d'acheteur connu"],
  ["titulaires_named", "Tous les titulaires nommés"],
  ["titulaires_size_known", "Taille connue de tous les titulaires (PME, ETI, GE)"],
  ["titulaires_located", "Département connu de tous les titulaires"],
]);

const SCOPES = /** @type {Record<string, string>} */ ({
  all: "Tous les marchés",
  v1: "Format 2019",
  "v2.0.0": "Format 2024 (2.0.0)",
  v2: "Format 2024",
});

/** @param {number} part @param {number} whole */
const share = (part, whole) => (whole > 0 ? formatPercent(part / whole) : "–");

/** @param {CoverageRow[]} rows */
export function coveragePanel(rows) {
  if (rows.length === 0) {
    return h("p", {}, "La dernière mise à jour ne donne pas de couverture des organisations.");
  }
  // The shared table: it scrolls in its box on a phone, and its first column is named.
  return tableElement(
    "Part des marchés (et de leur montant, hors montants suspects) dont l'acheteur et les titulaires sont identifiés par les fichiers de référence (SIRENE, listes des collectivités) ou par un nom publié dans les DECP.",
    [
      "Information connue",
      ...rows.map((r) => `${SCOPES[r.scope] ?? r.scope} (${formatInteger(r.contracts)} marchés)`),
    ],
    [false, ...rows.map(() => true)],
    ITEMS.map(([item, label]) => [
      label,
      ...rows.map(
        (r) =>
          `${share(r.covered[item].contracts, r.contracts)} des marchés · ${share(r.covered[item].amount, r.amount)} du montant`,
      ),
    ]),
    "Aucune donnée.",
  );
}
