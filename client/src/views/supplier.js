// A supplier (titulaire): how many contracts, with which buyers, over which years.
import { getJson } from "../api.js";
import {
  AMOUNT_N_HEADER,
  contractsPerYear,
  displayName,
  amountBasis,
  keyFigures,
  lookupTable,
  partyHeading,
  placeText,
} from "../components/lookup.js";
import { h, replace } from "../dom.js";
import {
  formatContractAmount,
  formatDate,
  formatEuro,
  formatInteger,
  formatValue,
} from "../format.js";
import { publishedText } from "../shared/published-text.js";

/** @type {import("../router.js").View} */
export async function supplierView({ params, main }) {
  const id = params.id ?? "";
  /** @type {import("../types.js").SupplierSummary} */
  const supplier = await getJson(`/api/suppliers/${encodeURIComponent(id)}`);
  const name = displayName(supplier.nom, id, "Entreprise");
  document.title = `${name} – Observatoire de la commande publique`;
  const t = supplier.totals;
  const byYear = supplier.by_year;
  const years = contractsPerYear({
    kind: "supplier-years",
    title: "Marchés obtenus par année",
    verb: "obtenus",
    name,
    rows: byYear,
    amount: "amount_split",
    amountHeader: "Montant (part de l'entreprise)",
  });
  replace(
    main,
    ...partyHeading(
      name,
      supplier.identified
        ? `${supplierIdentity(supplier.profile)}. Titulaire de marchés publics, identifiant ${id}.`
        : `Ces marchés ont été publiés sans identifier leur titulaire : le numéro ${id} ne désigne aucune entreprise.`,
      Boolean(supplier.nom),
    ),
    keyFigures([
      { label: "Marchés obtenus", value: formatInteger(t.contracts) },
      { label: "dont en groupement", value: formatInteger(t.joint_contracts) },
      { label: "Acheteurs différents", value: formatInteger(t.buyers) },
      {
        label: "Montant, part de l'entreprise",
        value: typeof t.amount_split === "number" ? formatEuro(t.amount_split) : "—",
        basis: amountBasis(t.amount_contracts, t.contracts),
      },
      {
        label: "Montant total des marchés",
        value: typeof t.amount_whole === "number" ? formatEuro(t.amount_whole) : "—",
        basis: amountBasis(t.amount_contracts, t.contracts),
      },
    ]),
    h(
      "p",
      { class: "note" },
      "Quand un marché est attribué à plusieurs entreprises, la « part de l'entreprise » divise son montant à parts égales ; le « montant total » le compte en entier. Les montants signalés comme suspects sont écartés.",
    ),
    years.element,
    h("h2", {}, "Principaux acheteurs"),
    lookupTable(
      "Acheteurs de l'entreprise",
      [
        {
          label: "Acheteur",
          cell: (r) =>
            h(
              "a",
              { href: `/acheteur/${r.siret}` },
              displayName(r.nom, String(r.siret), "Acheteur"),
            ),
        },
        { label: "Marchés", cell: (r) => formatInteger(r.contracts), numeric: true },
        {
          label: "Montant (part de l'entreprise)",
          cell: (r) => formatValue(r.amount_split, "euro"),
          numeric: true,
        },
        {
          label: AMOUNT_N_HEADER,
          cell: (r) => formatInteger(r.amount_contracts),
          numeric: true,
        },
      ],
      supplier.top_buyers,
    ),
    h("h2", {}, "Derniers marchés"),
    lookupTable(
      recentCaption(supplier.contracts.length, t.contracts),
      [
        {
          label: "Objet",
          cell: (r) =>
            h(
              "a",
              { href: `/marche/${encodeURIComponent(String(r.uid))}`, class: "published-text" },
              typeof r.objet === "string" ? publishedText(r.objet) : String(r.id),
            ),
        },
        {
          label: "Acheteur",
          cell: (r) =>
            h(
              "a",
              { href: `/acheteur/${r.acheteur_id}` },
              displayName(r.acheteur_nom, String(r.acheteur_id), "Acheteur"),
            ),
        },
        { label: "Notifié le", cell: (r) => formatDate(r.date_notification) },
        {
          label: "Montant du marché",
          cell: (r) => formatContractAmount(r.montant, r.montant_suspect),
          numeric: true,
        },
      ],
      supplier.contracts,
    ),
  );
  await years.draw();
}

/**
 * What the who's who knows of a titulaire: « PME (catégorie de 2022), Loiret (Centre-Val de
 * Loire), de l'économie sociale et solidaire ». A size no file gives is said to be unknown; a
 * place unknown is left out, and so is the ESS unless it is known to be one.
 * @param {import("../types.js").SupplierSummary["profile"]} profile
 */
function supplierIdentity(profile) {
  const year = profile.categorie_entreprise_annee;
  const size = profile.categorie_entreprise_label
    ? `${profile.categorie_entreprise_label}${year === null ? "" : ` (catégorie de ${year})`}`
    : "Entreprise de taille inconnue";
  const place = placeText(profile.departement_nom, profile.region_nom);
  return `${size}${place}${profile.ess === true ? ", de l'économie sociale et solidaire" : ""}`;
}

/**
 * What the list of contracts holds: the latest of more, or every one of them (« les 3 plus
 * récents » of a supplier that has 3 would read as if it had more).
 * @param {number} shown
 * @param {number} total
 */
function recentCaption(shown, total) {
  if (shown < total) {
    return `Les ${formatInteger(shown)} marchés les plus récents, sur ${formatInteger(total)}`;
  }
  return shown === 1
    ? "Son marché"
    : `Ses ${formatInteger(shown)} marchés, du plus récent au plus ancien`;
}
