// A one-page summary of a buyer for elected officials: what was bought, how, from whom, how it
// compares with public targets, in plain sentences, and with buyers of its type (its peers, as
// GET /api/buyers/:siret/peers gives them). Printed on one A4 page (print.css).
import { getCatalogue, getIndicator, getJson } from "../api.js";
import { displayName, keyFigures, lookupTable, totalAmountFigure } from "../components/lookup.js";
import { addressYear, yearReason } from "../components/followed-year.js";
import { peersTable } from "../components/peers-section.js";
import {
  allYearsWords,
  headingWithPeriod,
  oneYearWords,
  yearSpanWords,
} from "../components/period.js";
import { sentence } from "../components/summary-sentence.js";
import { barSpec } from "../charts/specs.js";
import { newestFirst, UNKNOWN_DATE } from "../charts/time.js";
import { renderChart } from "../charts/render.js";
import { h, replace } from "../dom.js";
import { formatDate, formatInteger, formatPercent, formatValue } from "../format.js";
import { indicatorParams } from "../state.js";

/** @type {import("../router.js").View} */
export async function buyerSummaryView({ params, main }) {
  const siret = params.siret ?? "";
  const [buyer, catalogue] = await Promise.all([
    /** @type {Promise<import("../types.js").BuyerSummary>} */ (
      getJson(`/api/buyers/${encodeURIComponent(siret)}`)
    ),
    getCatalogue(),
  ]);
  const name = displayName(buyer.nom, siret, "Acheteur");
  document.title = `Synthèse – ${name}`;
  const t = buyer.totals;
  // The indicators of the summary, in order: each definition's `pages.buyer_summary`.
  const chosen = catalogue.pages.buyer_summary
    .map((id) => catalogue.indicators.find((i) => i.id === id))
    .filter((i) => i !== undefined);
  const [results, peers] = await Promise.all([
    Promise.all(
      chosen.map((ind) =>
        getIndicator(ind.id, indicatorParams(ind, { acheteur_id: siret }).params),
      ),
    ),
    // The year the buyer page follows: its `?annee=`, else the API's rule, the page's own.
    /** @type {Promise<import("../types.js").BuyerPeers>} */ (
      getJson(`/api/buyers/${encodeURIComponent(siret)}/peers`, peersParams(addressYear()))
    ),
  ]);
  const byYear = buyer.by_year;
  const chart = h("div", { class: "chart chart--summary", "data-chart": "summary" });
  const suppliers = buyer.top_suppliers.slice(0, 5);
  const procedures = buyer.procedures;
  const totalContracts = Number(t.contracts);
  // Each block says its period in its heading: all years, the peers one year.
  const allYears = allYearsWords(byYear);
  const columnYears = yearSpanWords(byYear) || allYears;

  main.classList.add("one-pager");
  replace(
    main,
    h(
      "p",
      { class: "no-print actions" },
      h(
        "button",
        { type: "button", onclick: () => window.print() },
        "Imprimer ou enregistrer en PDF",
      ),
      " ",
      h("a", { href: `/acheteur/${siret}` }, "Retour à la fiche détaillée"),
    ),
    h(
      "header",
      { class: "one-pager__header" },
      // The buyer's type rides on the kicker's line: a line of its own would push a busy
      // buyer's summary onto a second A4 page.
      h(
        "p",
        { class: "kicker" },
        "Synthèse des marchés publics",
        buyer.identified && buyer.profile.type_acheteur_label
          ? ` · ${buyer.profile.type_acheteur_label}`
          : null,
      ),
      h("h1", {}, name),
      h(
        "p",
        {},
        `SIRET ${siret} · marchés notifiés du ${formatDate(t.first_notification)} au ${formatDate(t.last_notification)}`,
      ),
    ),
    keyFigures([
      { label: "Marchés publiés", value: formatInteger(t.contracts) },
      totalAmountFigure(t),
      {
        label: "Publiés au format 2024",
        value: formatPercent(
          totalContracts > 0 ? Number(t.contracts_2024_format) / totalContracts : null,
        ),
      },
    ]),
    h(
      "section",
      {},
      headingWithPeriod("En bref", allYears),
      h(
        "ul",
        { class: "plain-list" },
        results.map((r) => h("li", {}, sentence(r))),
      ),
    ),
    h(
      "div",
      { class: "one-pager__columns" },
      h(
        "section",
        {},
        h("h2", {}, "Marchés par année"),
        chart,
        lookupTable(
          "Marchés par année",
          [
            {
              label: "Année",
              cell: (r) => (r.year === null ? UNKNOWN_DATE : String(r.year)),
            },
            { label: "Marchés", cell: (r) => formatInteger(r.contracts), numeric: true },
          ],
          newestFirst(byYear, "year"),
        ),
      ),
      h(
        "section",
        {},
        headingWithPeriod("Principaux fournisseurs", columnYears),
        lookupTable(
          "Cinq premiers fournisseurs (le montant d'un marché attribué à plusieurs entreprises est partagé à parts égales entre elles)",
          [
            {
              label: "Établissement titulaire",
              cell: (r) => displayName(r.nom, String(r.titulaire_id), "SIRET"),
            },
            {
              label: "Marchés au montant connu (N)",
              cell: (r) => formatInteger(r.amount_contracts),
              numeric: true,
            },
            { label: "Montant", cell: (r) => formatValue(r.amount_split, "euro"), numeric: true },
          ],
          suppliers,
        ),
        headingWithPeriod("Procédures", columnYears),
        lookupTable(
          "Marchés par procédure",
          [
            {
              label: "Procédure",
              cell: (r) => String(r.procedure_label ?? "Non renseignée"),
            },
            {
              label: "Part",
              cell: (r) =>
                formatPercent(totalContracts > 0 ? Number(r.contracts) / totalContracts : null),
              numeric: true,
            },
          ],
          procedures,
        ),
      ),
    ),
    h(
      "section",
      { class: "one-pager__peers", "data-part": "peers" },
      headingWithPeriod("Comparaison avec des acheteurs comparables", oneYearWords(peers.year)),
      peers.group === null
        ? h("p", {}, "Le type de cet acheteur n'est pas connu : il n'a pas de groupe de pairs.")
        : peersPart(peers),
    ),
    h(
      "footer",
      { class: "one-pager__footer" },
      h(
        "p",
        {},
        "Source : données essentielles de la commande publique (DECP) publiées par l'acheteur. Un champ vide n'est pas un « non » : les parts sont calculées sur les marchés où l'information est renseignée. Un repère dépassé invite à regarder de plus près ; ce n'est pas une preuve d'irrégularité.",
      ),
      h(
        "p",
        {},
        `Données : version ${results[0]?.snapshot_id ?? ""} · document produit le ${formatDate(new Date().toISOString())}.`,
      ),
    ),
  );
  await renderChart(
    chart,
    barSpec(byYear, {
      x: "year",
      y: "contracts",
      xTitle: "Année",
      yTitle: "Marchés",
      format: ",.0f",
      height: 130,
      description: `Nombre de marchés notifiés par ${name}, par année.`,
    }),
  );
}

/**
 * The peers in a few lines: the indicators where the buyer or its peers have a value (the
 * others are said in a sentence, the detailed page shows them all).
 * @param {import("../types.js").BuyerPeers} peers
 */
function peersPart(peers) {
  const compared = peers.indicators.filter(
    (r) => (r.buyer !== null && r.buyer.value !== null) || r.peers.count > 0,
  );
  const left = peers.indicators.length - compared.length;
  // Why this year, in the sentence itself: a line of its own would push the page onto a second
  // A4 sheet.
  const why = yearReason(peers.year, peers.year_choice);
  return [
    h(
      "p",
      {},
      `Pairs : ${peers.group?.label ?? ""}, en ${peers.year ?? "—"}${why === null ? "" : ` (${why})`}. La médiane partage en deux moitiés les pairs dont la valeur repose sur assez de marchés.${left > 0 ? ` ${left === 1 ? "Un indicateur" : `${left} indicateurs`} sans valeur ni pour l'acheteur ni pour ses pairs : voir la fiche détaillée.` : ""}`,
    ),
    compared.length > 0
      ? peersTable({ ...peers, indicators: compared }, [
          "Indicateur",
          "Cet acheteur",
          "Médiane des pairs",
          "Pairs comptés",
        ])
      : null,
  ];
}

/** @param {number | null} year */
function peersParams(year) {
  return new URLSearchParams(year === null ? {} : { year: String(year) });
}
