// Pieces of the buyer, supplier and contract pages: heading, key figures, contracts per year and
// tables whose cells may hold links, plus the display name of a party whose name the 2024 format
// does not publish.
import { barSpec } from "../charts/specs.js";
import { newestFirst, UNKNOWN_DATE } from "../charts/time.js";
import { h } from "../dom.js";
import { formatEuro, formatInteger, formatValue, plural } from "../format.js";
import { listed } from "../shared/french-words.js";
import { tableElement } from "../table.js";
import { chartBlock } from "./chart-block.js";

/**
 * Breadcrumb back to the search, the party's name and a lead sentence.
 * @param {string} name
 * @param {string} lead
 * @param {boolean} named  the data publish a name (otherwise the lead says why there is none)
 */
export function partyHeading(name, lead, named) {
  return [
    h(
      "nav",
      { class: "breadcrumb", "aria-label": "Fil d'Ariane" },
      h("a", { href: "/recherche" }, "Acheteurs et entreprises"),
      " › ",
      name,
    ),
    h("h1", {}, name),
    h("p", { class: "lead" }, lead, named ? null : ` ${NAME_NOTE}`),
  ];
}

/**
 * Where a buyer or a titulaire is, after its name: « , Rhône (Auvergne-Rhône-Alpes) », « ,
 * Nouvelle-Aquitaine » without a département, nothing when neither is known. A région of one
 * département (La Réunion, Mayotte…) is named once.
 * @param {string | null} departement  the département's name
 * @param {string | null} region  the région's name
 */
export function placeText(departement, region) {
  const shownRegion = region === departement ? null : region;
  if (departement) return `, ${departement}${shownRegion ? ` (${shownRegion})` : ""}`;
  return shownRegion ? `, ${shownRegion}` : "";
}

/**
 * The header of the column giving an amount its own N, right after the amount (on a phone, the
 * first columns are the ones in view): a total may rest on far fewer contracts than the row
 * counts (amounts unpublished or suspect).
 */
export const AMOUNT_N_HEADER = "Marchés au montant connu (N du montant)";

/**
 * Contracts per year of a buyer or a supplier: a bar chart and its table.
 * @template {string} Amount
 * @param {{ kind: string, title: string, verb: string, name: string,
 *   rows: ({ year: number | null, contracts: number, amount_contracts: number }
 *     & Record<Amount, number | null>)[],
 *   amount: Amount, amountHeader: string }} options
 *   verb: "notifiés" or "obtenus"; amount: the field of the rows holding the amount
 */
export function contractsPerYear({ kind, title, verb, name, rows, amount, amountHeader }) {
  return chartBlock({
    kind,
    title,
    spec: barSpec(rows, {
      x: "year",
      y: "contracts",
      xTitle: "Année de notification",
      yTitle: "Nombre de marchés",
      format: ",.0f",
      description: `Nombre de marchés ${verb} par ${name}, par année.`,
    }),
    model: {
      headers: ["Année", "Marchés", amountHeader, AMOUNT_N_HEADER],
      rows: newestFirst(rows, "year").map((r) => [
        r.year === null ? UNKNOWN_DATE : String(r.year),
        formatInteger(r.contracts),
        formatValue(r[amount], "euro"),
        formatInteger(r.amount_contracts),
      ]),
      numeric: [false, true, true, true],
    },
    // The name as published (« Commune de Lyon », « DOMOFRANCE »): set apart, not after « de ».
    caption: `Marchés par année — ${name}`,
  });
}

/**
 * The page's key figures; `basis` says under a figure what it rests on, when that is not every
 * contract counted beside it (an amount: the contracts that publish a plausible one).
 * @param {{ label: string, value: string, basis?: string }[]} figures
 */
export function keyFigures(figures) {
  return h(
    "dl",
    { class: "key-figures" },
    figures.map((f) =>
      h(
        "div",
        { class: "key-figure" },
        h("dt", {}, f.label),
        h("dd", {}, f.value),
        f.basis ? h("dd", { class: "key-figure__basis" }, f.basis) : null,
      ),
    ),
  );
}

/**
 * What an amount rests on: « N = 13 marchés au montant connu, sur 29 ». Given how many of the
 * contracts left out have a published amount judged suspect (`suspect`), it says which are
 * which: « N = 179 marchés sur 194, hors 15 montants jugés suspects » (published, not unknown,
 * as the annual report says them), « … hors 3 montants jugés suspects et 16 marchés sans montant
 * publié ».
 * @param {number} amountContracts
 * @param {number} contracts
 * @param {number} [suspect]
 */
export function amountBasis(amountContracts, contracts, suspect) {
  if (amountContracts === contracts)
    return `N = ${plural(contracts, "marché", "marchés")}, tous au montant connu`;
  if (suspect === undefined)
    return `N = ${plural(amountContracts, "marché", "marchés")} au montant connu, sur ${formatInteger(contracts)}`;
  const unpublished = contracts - amountContracts - suspect;
  const left = [
    suspect > 0 ? plural(suspect, "montant jugé suspect", "montants jugés suspects") : "",
    unpublished > 0 ? `${plural(unpublished, "marché", "marchés")} sans montant publié` : "",
  ].filter(Boolean);
  return `N = ${plural(amountContracts, "marché", "marchés")} sur ${formatInteger(contracts)}, hors ${listed(left)}`;
}

/**
 * A buyer's total amount as a key figure, one wording for its page and its one-page summary:
 * the summary said « Montant total … N = 179 marchés au montant connu, sur 194 » where the page
 * headed it « Montant total (hors montants suspects) » and the report said « hors 15 montants
 * jugés suspects ». What is left out is said once, under the figure, with its count: in the
 * heading too, it cost the summary a line of its A4 page for nothing new.
 * @param {import("../types.js").BuyerSummary["totals"]} totals
 */
export function totalAmountFigure(totals) {
  return {
    label: "Montant total",
    value: typeof totals.amount === "number" ? formatEuro(totals.amount) : "—",
    basis: amountBasis(totals.amount_contracts, totals.contracts, totals.suspect_amounts),
  };
}

/**
 * @template T
 * @typedef {{ label: string, cell: (row: T) => string | Node, numeric?: boolean }} LookupColumn
 */

/**
 * @template T
 * @param {string} caption
 * @param {LookupColumn<T>[]} columns
 * @param {T[]} rows
 */
export function lookupTable(caption, columns, rows) {
  return tableElement(
    caption,
    columns.map((c) => c.label),
    columns.map((c) => Boolean(c.numeric)),
    rows.map((row) => columns.map((c) => c.cell(row))),
    "Aucune donnée.",
    // Rows of text (a target, an objet, a name): on a phone, side by side, only the first two
    // columns showed and the result and state of a SPASER row lay beyond the screen's edge.
    { stack: true },
  );
}

/**
 * @param {unknown} name
 * @param {string} id
 * @param {string} kind  "Acheteur" or "Entreprise"
 */
export function displayName(name, id, kind) {
  return typeof name === "string" && name.trim() !== "" ? name : `${kind} ${id}`;
}

const NAME_NOTE =
  "Le nom n'est publié que dans les données de l'ancien format (2019) ; pour les marchés publiés depuis 2024, seul le numéro SIRET est connu.";
