// Search buyers and suppliers by name or SIRET.
import { getJson } from "../api.js";
import { displayName, lookupTable } from "../components/lookup.js";
import { h, replace } from "../dom.js";
import { formatEuro, formatInteger } from "../format.js";

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
      "aria-label": "Recherche d'acheteurs et d'entreprises",
      action: "/recherche",
      method: "get",
    },
    h("label", { for: "recherche-q" }, "Nom ou numéro SIRET d'un acheteur ou d'une entreprise"),
    h("input", {
      id: "recherche-q",
      name: "q",
      type: "search",
      value: q,
      minlength: 2,
      required: true,
    }),
    h("button", { type: "submit" }, "Rechercher"),
  );
  if (q.length < 2) {
    replace(
      main,
      h("h1", {}, "Acheteurs et entreprises"),
      form,
      h("p", {}, "Saisissez au moins deux caractères."),
    );
    return;
  }
  const query = new URLSearchParams({ q, limit: "30" });
  const [buyers, suppliers] = await Promise.all([
    /** @type {Promise<import("../types.js").BuyerSearch>} */ (getJson("/api/buyers", query)),
    /** @type {Promise<import("../types.js").SupplierSearch>} */ (getJson("/api/suppliers", query)),
  ]);
  replace(
    main,
    h("h1", {}, `Résultats pour « ${q} »`),
    form,
    h(
      "p",
      { class: "note" },
      "Les noms ne sont publiés que dans les données au format 2019 ; cherchez par SIRET pour les marchés plus récents.",
    ),
    h("h2", {}, "Acheteurs"),
    lookupTable(
      "Acheteurs trouvés",
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
        { label: "SIRET", cell: (r) => String(r.siret) },
        { label: "Marchés", cell: (r) => formatInteger(r.contracts), numeric: true },
        {
          label: "Montant",
          cell: (r) => (typeof r.amount === "number" ? formatEuro(r.amount) : "—"),
          numeric: true,
        },
      ],
      buyers.buyers,
    ),
    h("h2", {}, "Entreprises"),
    lookupTable(
      "Entreprises trouvées",
      [
        {
          label: "Entreprise",
          cell: (r) =>
            h(
              "a",
              { href: `/fournisseur/${encodeURIComponent(String(r.titulaire_id))}` },
              displayName(r.nom, String(r.titulaire_id), "Entreprise"),
            ),
        },
        { label: "Identifiant", cell: (r) => String(r.titulaire_id) },
        { label: "Marchés", cell: (r) => formatInteger(r.contracts), numeric: true },
      ],
      suppliers.suppliers,
    ),
  );
}
