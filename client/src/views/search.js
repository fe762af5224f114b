// Search: buyers and companies by name or identifier, grouped by company (SIREN) with their
// establishments, and contracts by words of their objet. Each part says plainly when nothing
// matches, so a reader never mistakes an empty answer for a page still loading.
import { getJson } from "../api.js";
import { companyList } from "../components/company-list.js";
import { displayName, lookupTable } from "../components/lookup.js";
import { h, replace } from "../dom.js";
import { formatContractAmount, formatDate, formatEuro, formatInteger, plural } from "../format.js";
import { publishedText } from "../shared/published-text.js";
import { MAX_NAME_WORDS, nameWords } from "../shared/name-words.js";
import { MAX_SEARCH_WORDS, searchWords } from "../shared/search-words.js";

/**
 * A buyer's amount with its own N when it rests on fewer contracts than the line counts: its
 * unpublished and suspect amounts are left out of the sum (« 1 234 € pour les 13 au montant
 * connu »), so the sum is never read as that of all its contracts.
 * @param {import("../types.js").BuyerSearch["buyers"][number]} r
 */
function buyerAmount(r) {
  if (typeof r.amount !== "number" || r.amount_contracts === 0) return "montant inconnu";
  if (r.amount_contracts === r.contracts) return formatEuro(r.amount);
  return `${formatEuro(r.amount)} pour ${r.amount_contracts === 1 ? "le seul" : `les ${formatInteger(r.amount_contracts)}`} au montant connu`;
}

/** @type {import("../router.js").View} */
export async function searchView({ main }) {
  document.title = "Rechercher – Observatoire de la commande publique";
  const q = (new URLSearchParams(location.search).get("q") ?? "").trim();
  const form = h(
    "form",
    {
      class: "search-form",
      role: "search",
      // The header has a search landmark too: each says which one it is.
      "aria-label": "Recherche d'acheteurs, d'entreprises et de marchés",
      action: "/recherche",
      method: "get",
    },
    h(
      "label",
      { for: "recherche-q" },
      "Nom ou numéro SIRET d'un acheteur ou d'une entreprise, ou mots de l'objet d'un marché",
    ),
    h("input", {
      id: "recherche-q",
      name: "q",
      type: "search",
      value: q,
      minlength: 2,
      maxlength: 200,
      required: true,
    }),
    h("button", { type: "submit" }, "Rechercher"),
  );
  if (q.length < 2) {
    replace(
      main,
      h("h1", {}, "Acheteurs, entreprises et marchés"),
      form,
      h("p", {}, "Saisissez au moins deux caractères."),
    );
    return;
  }
  const query = new URLSearchParams({ q, limit: "30" });
  const words = searchWords(q);
  // Beyond MAX_NAME_WORDS words the API refuses a name search: say so instead of asking.
  const byName = nameWords(q).length <= MAX_NAME_WORDS;
  const [buyers, suppliers, contracts] = await Promise.all([
    byName
      ? /** @type {Promise<import("../types.js").BuyerSearch>} */ (getJson("/api/buyers", query))
      : null,
    byName
      ? /** @type {Promise<import("../types.js").SupplierSearch>} */ (
          getJson("/api/suppliers", query)
        )
      : null,
    words.length > 0 && words.length <= MAX_SEARCH_WORDS
      ? /** @type {Promise<import("../types.js").ContractSearch>} */ (
          getJson("/api/contracts", query)
        )
      : null,
  ]);
  replace(
    main,
    h("h1", {}, `Résultats pour « ${q} »`),
    form,
    h("h2", {}, "Acheteurs"),
    buyers === null
      ? tooManyNameWords()
      : companyList({
          label: "Acheteurs trouvés, par entité",
          kind: "Acheteur",
          companies: buyers.companies,
          rows: buyers.buyers,
          idOf: (r) => r.siret,
          href: (id) => `/acheteur/${id}`,
          // The département tells apart buyers of one name (« Commune de Saint-Paul »).
          extra: (r) => [buyerAmount(r), r.departement_nom].filter(Boolean).join(" · "),
          none: `Aucun acheteur ne correspond à « ${q} ».`,
        }),
    h("h2", {}, "Entreprises"),
    suppliers === null
      ? tooManyNameWords()
      : companyList({
          label: "Entreprises trouvées, par entreprise",
          kind: "Entreprise",
          companies: suppliers.companies,
          rows: suppliers.suppliers,
          idOf: (r) => r.titulaire_id,
          href: (id) => `/fournisseur/${encodeURIComponent(id)}`,
          none: `Aucune entreprise ne correspond à « ${q} ».`,
        }),
    h("h2", {}, "Marchés dont l'objet contient ces mots"),
    contractsPart(q, contracts),
  );
}

/** What the buyers' and companies' parts say when the text has too many words for a name. */
function tooManyNameWords() {
  return h(
    "p",
    { class: "no-result" },
    `Pour chercher un acheteur ou une entreprise par son nom, saisissez au plus ${MAX_NAME_WORDS} mots (les mots d'une ou deux lettres ne comptent pas).`,
  );
}

/**
 * @param {string} q
 * @param {import("../types.js").ContractSearch | null} found  null: no word, or too many
 */
function contractsPart(q, found) {
  if (!found) {
    return h(
      "p",
      { class: "no-result" },
      `Pour chercher un marché par son objet, saisissez de 1 à ${MAX_SEARCH_WORDS} mots.`,
    );
  }
  if (found.contracts.length === 0) {
    return h("p", { class: "no-result" }, `Aucun marché dont l'objet contient « ${q} ».`);
  }
  const shown = plural(found.contracts.length, "marché", "marchés");
  return [
    h(
      "p",
      {},
      found.truncated
        ? `Les ${shown} les plus récents ; d'autres correspondent : ajoutez un mot pour préciser.`
        : `${shown}, les plus récents d'abord.`,
    ),
    lookupTable(
      "Marchés trouvés par leur objet",
      [
        {
          label: "Objet",
          cell: (r) =>
            h(
              "a",
              { href: `/marche/${encodeURIComponent(r.uid)}`, class: "published-text" },
              r.objet === null ? "Objet non publié" : publishedText(r.objet),
            ),
        },
        {
          label: "Acheteur",
          cell: (r) =>
            h(
              "a",
              { href: `/acheteur/${r.acheteur_id}` },
              displayName(r.acheteur_nom, r.acheteur_id, "Acheteur"),
            ),
        },
        { label: "Notifié le", cell: (r) => formatDate(r.date_notification) },
        {
          label: "Montant du marché",
          cell: (r) => formatContractAmount(r.montant, r.montant_suspect),
          numeric: true,
        },
      ],
      found.contracts,
    ),
  ];
}
