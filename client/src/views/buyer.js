// A buyer: key figures, contracts per year, procedures, main suppliers, its indicators, and its
// contracts page by page.
import { getCatalogue, getJson, runLimited } from "../api.js";
import { nearChartsDrawn } from "../charts/lazy.js";
import { indicatorCard } from "../components/card.js";
import { showContracts } from "../components/contract-list.js";
import { annualReportLinks, publicationQuality } from "../components/publication-quality.js";
import { peersSection } from "../components/peers-section.js";
import { allYearsWords, periodLine } from "../components/period.js";
import { spaserSection } from "../components/spaser-section.js";
import { addressYear } from "../components/followed-year.js";
import {
  AMOUNT_N_HEADER,
  contractsPerYear,
  displayName,
  totalAmountFigure,
  keyFigures,
  lookupTable,
  partyHeading,
  placeText,
} from "../components/lookup.js";
import { h, replace } from "../dom.js";
import { formatDate, formatInteger, formatValue } from "../format.js";
import { filterQuery } from "../state.js";

/** @type {import("../router.js").View} */
export async function buyerView({ params, main }) {
  const siret = params.siret ?? "";
  const [buyer, catalogue] = await Promise.all([
    /** @type {Promise<import("../types.js").BuyerSummary>} */ (
      getJson(`/api/buyers/${encodeURIComponent(siret)}`)
    ),
    getCatalogue(),
  ]);
  const name = displayName(buyer.nom, siret, "Acheteur");
  document.title = `${name} – Observatoire de la commande publique`;
  const t = buyer.totals;
  const filters = { acheteur_id: siret };
  // The indicators this page shows, in order: each definition's `pages.buyer`.
  const cards = catalogue.pages.buyer
    .map((id) => catalogue.indicators.find((i) => i.id === id))
    .filter((i) => i !== undefined)
    .map((ind) => indicatorCard(ind, filters));
  const perYear = contractsPerYear({
    kind: "buyer-years",
    title: "Marchés notifiés par année",
    verb: "notifiés",
    name,
    rows: buyer.by_year,
    amount: "amount",
    amountHeader: "Montant (hors montants suspects)",
  });
  const contracts = h("div", {});
  const quality = h(
    "div",
    { class: "quality-slot" },
    h("p", {}, "Qualité de publication : calcul en cours…"),
  );
  // Every block says its period: these cover all the buyer's contracts, Mon SPASER and the
  // peers one year.
  const allYears = allYearsWords(buyer.by_year);
  const years = buyer.by_year.flatMap((r) => (r.year === null ? [] : [r.year]));
  const peers = peersSection(siret);
  // « Année suivie » of Mon SPASER is the year of the whole follow-up: the peers are compared in
  // it too, and a year the reader chose stays in the address (`annee`), so that a reload, the
  // back button or a shared link shows that year again rather than the latest one.
  // The annual report's year and the one-page summary follow it as well: the report offered the
  // latest year and the summary compared in it, whatever year the page showed.
  const report = annualReportLinks(siret, years);
  const summaryLink = h(
    "a",
    { class: "button", href: `/acheteur/${siret}/synthese` },
    "Synthèse imprimable pour les élus",
  );
  const spaser = spaserSection(siret, async (year, chosen) => {
    if (chosen && year !== null) {
      const url = new URL(location.href);
      url.searchParams.set("annee", String(year));
      history.replaceState(history.state, "", url);
    }
    if (year !== null) report.follow(year);
    // A year of the address is passed on; without one, the summary applies the same rule.
    const kept = addressYear();
    summaryLink.href = `/acheteur/${siret}/synthese${kept === null ? "" : `?annee=${kept}`}`;
    await peers.load(year);
  });
  replace(
    main,
    ...partyHeading(
      name,
      buyer.identified
        ? buyerLead(buyer.profile, siret)
        : `Ces marchés ont été publiés sans identifier leur acheteur : le numéro ${siret} ne désigne aucun acheteur.`,
      Boolean(buyer.nom),
    ),
    h(
      "p",
      { class: "actions" },
      summaryLink,
      " ",
      h(
        "a",
        { class: "button secondary", href: `/${filterQuery(filters)}` },
        "Tous les indicateurs de cet acheteur",
      ),
      " ",
      h(
        "a",
        { class: "button secondary", href: `/comparer?acheteurs=${siret}` },
        "Comparer avec d'autres acheteurs",
      ),
    ),
    periodLine(allYears, "des chiffres clés"),
    keyFigures([
      { label: "Marchés publiés", value: formatInteger(t.contracts) },
      totalAmountFigure(t),
      { label: "Premier marché notifié", value: formatDate(t.first_notification) },
      { label: "Dernier marché notifié", value: formatDate(t.last_notification) },
    ]),
    report.element,
    perYear.element,
    spaser.element,
    peers.element,
    h("h2", {}, "Procédures utilisées"),
    periodLine(allYears),
    lookupTable(
      "Marchés par procédure",
      [
        {
          label: "Procédure",
          cell: (r) => r.procedure_label ?? "Non renseignée",
        },
        { label: "Marchés", cell: (r) => formatInteger(r.contracts), numeric: true },
        { label: "Montant", cell: (r) => formatValue(r.amount, "euro"), numeric: true },
        {
          label: AMOUNT_N_HEADER,
          cell: (r) => formatInteger(r.amount_contracts),
          numeric: true,
        },
      ],
      buyer.procedures,
    ),
    h("h2", {}, "Principaux fournisseurs"),
    periodLine(allYears),
    h(
      "p",
      { class: "note" },
      "Chaque ligne est un établissement (un SIRET) : les établissements d'une même entreprise sont comptés à part. Le montant d'un marché attribué à plusieurs entreprises est partagé à parts égales entre elles.",
    ),
    lookupTable(
      "Principaux fournisseurs de l'acheteur, par établissement",
      [
        {
          label: "Établissement titulaire",
          cell: (r) =>
            h(
              "a",
              { href: `/fournisseur/${encodeURIComponent(r.titulaire_id)}` },
              displayName(r.nom, r.titulaire_id, "Entreprise"),
            ),
        },
        { label: "Marchés", cell: (r) => formatInteger(r.contracts), numeric: true },
        {
          label: "Montant (part du titulaire)",
          cell: (r) => formatValue(r.amount_split, "euro"),
          numeric: true,
        },
        {
          label: AMOUNT_N_HEADER,
          cell: (r) => formatInteger(r.amount_contracts),
          numeric: true,
        },
      ],
      buyer.top_suppliers,
    ),
    h("h2", {}, "Indicateurs de cet acheteur"),
    periodLine(`${allYears} ; chaque carte donne aussi ses chiffres par année`),
    h(
      "div",
      { class: "cards" },
      cards.map((c) => c.element),
    ),
    quality,
    h("h2", {}, "Ses marchés"),
    contracts,
  );
  // The sections ask for their answers at once (four requests: the server queues more than
  // that for everyone); the cards follow, three at a time, as on the home page.
  await Promise.all([
    perYear.draw(),
    spaser.load(addressYear()),
    showContracts(contracts, siret, 0),
    publicationQuality(siret, allYears).then((section) => replace(quality, section)),
  ]);
  await runLimited(
    cards.map((c) => c.load),
    3,
  );
  // The cards' charts are drawn as they come near the screen (charts/lazy.js).
  await nearChartsDrawn();
}

/**
 * Who the buyer is, as the who's who knows it: « Commune de 50 000 habitants ou plus (522 250
 * habitants), Rhône (Auvergne-Rhône-Alpes). SIRET … ». A type no reference file gives is said
 * to be unknown; a place unknown is left out.
 * @param {import("../types.js").BuyerSummary["profile"]} profile
 * @param {string} siret
 */
function buyerLead(profile, siret) {
  const kind = profile.type_acheteur_label ?? "Acheteur public de type inconnu";
  const people =
    profile.population === null ? "" : ` (${formatInteger(profile.population)} habitants)`;
  // A département's place is its région; a région's is itself.
  const place = placeText(
    profile.type_acheteur === "departement" ? null : profile.departement_nom,
    profile.type_acheteur === "region" ? null : profile.region_nom,
  );
  return `${kind}${people}${place}. SIRET ${siret}.`;
}
