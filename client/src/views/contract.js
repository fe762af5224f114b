// One contract: everything published about it, in words, with its titulaires, modifications
// and subcontracting acts.
import { getJson } from "../api.js";
import { displayName, lookupTable } from "../components/lookup.js";
import { h, replace } from "../dom.js";
import { formatDate, formatInteger, formatPercent, formatValue } from "../format.js";
import { publishedText } from "../shared/published-text.js";

/** @param {unknown} value */
const text = (value) => {
  if (value === null || value === undefined || value === "") return "Non renseigné";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "Non renseigné";
  if (typeof value === "boolean") return value ? "Oui" : "Non";
  return String(value);
};

/** A date in words, or said missing as every other field is (not a dash among the words). */
const date = (/** @type {unknown} */ value) =>
  typeof value === "string" && value !== "" ? formatDate(value) : "Non renseigné";

/** Why a contract's key is not its buyer and published id (etl/normalise/identity.ts). */
const KEY_NOTES = /** @type {Record<string, string>} */ ({
  placeholder_id:
    " — identifiant absent ou générique : le marché est reconnu par son acheteur et son contenu (objet, montant, date, titulaires)",
  shared_id:
    " — identifiant partagé par plusieurs lots publiés le même jour : chaque lot est compté comme un marché",
});

/** @type {import("../router.js").View} */
export async function contractView({ params, main }) {
  const uid = params.uid ?? "";
  /** @type {import("../types.js").ContractDetail} */
  const detail = await getJson(`/api/contracts/${encodeURIComponent(uid)}`);
  const c = detail.contract;
  const published = typeof c.id === "string" ? c.id : "sans identifiant";
  // A third of the samples' contracts come without their objet (flat files that have no such
  // column): named by their identifier then, « Non renseigné » alone is no title.
  const objet = typeof c.objet === "string" ? publishedText(c.objet) : "";
  const title = objet !== "" ? objet : `Marché ${published} (objet non renseigné)`;
  document.title = `Marché ${published} – Observatoire de la commande publique`;
  const v2 = c.decp_format !== "v1";
  const only2024 = v2 ? null : "Non publié dans le format 2019";
  const amount = (/** @type {unknown} */ v) =>
    typeof v === "number" ? formatValue(v, "euro") : "Non renseigné";
  /** @type {[string, string | Node][]} */
  const fields = [
    [
      "Acheteur",
      h(
        "a",
        { href: `/acheteur/${c.acheteur_id}` },
        displayName(c.acheteur_nom ?? c.acheteur_nom_connu, String(c.acheteur_id), "Acheteur"),
      ),
    ],
    ["Identifiant du marché", `${published}${KEY_NOTES[String(c.uid_derivation)] ?? ""}`],
    ["Nature", text(c.nature_label ?? c.nature_raw)],
    ["Procédure", text(c.procedure_label ?? c.procedure_raw)],
    ["Type d'achat", text(c.type_marche_label)],
    [
      "Code CPV",
      `${text(c.code_cpv)}${c.cpv_division_libelle ? ` (${c.cpv_division_libelle})` : ""}`,
    ],
    [
      "Lieu d'exécution",
      [c.lieu_nom, c.lieu_code ? `${c.lieu_type_code_label ?? "code"} ${c.lieu_code}` : null]
        .filter(Boolean)
        .join(" — ") || "Non renseigné",
    ],
    [
      "Département, région",
      [c.departement_nom, c.region_nom].filter(Boolean).join(", ") || "Non déterminés",
    ],
    ["Notifié le", date(c.date_notification)],
    ["Données publiées le", date(c.date_publication_donnees)],
    ["Durée initiale, actuelle", `${text(c.duree_mois_initiale)} mois, ${text(c.duree_mois)} mois`],
    ["Montant initial", amount(c.montant_initial)],
    [
      "Montant actuel",
      `${amount(c.montant)}${c.montant_suspect ? " — montant signalé comme suspect (écarté des totaux)" : ""}${
        c.montant_modification_ecartee
          ? " — une modification publiée semble être une variation et non le nouveau total : le montant retenu est le dernier total plausible"
          : ""
      }`,
    ],
    ["Forme du prix", text(c.forme_prix)],
    ["Considérations sociales", only2024 ?? text(c.considerations_sociales_label)],
    [
      "Considérations environnementales",
      only2024 ?? text(c.considerations_environnementales_label),
    ],
    ["Offres reçues", only2024 ?? text(c.offres_recues)],
    ["Marché innovant", only2024 ?? text(c.marche_innovant)],
    ["Sous-traitance déclarée", only2024 ?? text(c.sous_traitance_declaree)],
    [
      "Avance",
      only2024 ??
        `${text(c.attribution_avance)}${typeof c.taux_avance === "number" ? ` (${formatPercent(c.taux_avance)})` : ""}`,
    ],
    ["Groupement de titulaires", only2024 ?? text(c.type_groupement_operateurs_label)],
    ["Techniques d'achat", only2024 ?? text(c.techniques_label)],
    ["Accord-cadre de rattachement", text(c.id_accord_cadre)],
    ["Format de publication", c.decp_format === "v1" ? "Format 2019" : "Format 2024"],
    ["Fichier source", text(c.source)],
  ];
  replace(
    main,
    h(
      "nav",
      { class: "breadcrumb", "aria-label": "Fil d'Ariane" },
      h(
        "a",
        { href: `/acheteur/${c.acheteur_id}` },
        displayName(c.acheteur_nom ?? c.acheteur_nom_connu, String(c.acheteur_id), "Acheteur"),
      ),
      " › ",
      `Marché ${published}`,
    ),
    h("h1", { class: "published-text" }, title),
    h(
      "dl",
      { class: "fields" },
      fields.map(([label, value]) => h("div", {}, h("dt", {}, label), h("dd", {}, value))),
    ),
    h("h2", {}, "Titulaires"),
    lookupTable(
      "Entreprises titulaires du marché",
      [
        {
          label: "Entreprise",
          cell: (r) =>
            r.titulaire_id
              ? h(
                  "a",
                  { href: `/fournisseur/${encodeURIComponent(String(r.titulaire_id))}` },
                  displayName(
                    r.denomination_sociale ?? r.nom_connu,
                    String(r.titulaire_id),
                    "Entreprise",
                  ),
                )
              : "Identifiant non publié",
        },
        { label: "Type d'identifiant", cell: (r) => text(r.type_identifiant_label) },
      ],
      detail.suppliers,
    ),
    h("h2", {}, "Modifications"),
    lookupTable(
      "Modifications du marché (avenants)",
      [
        { label: "N°", cell: (r) => formatInteger(Number(r.position) + 1) },
        {
          label: "Objet",
          cell: (r) =>
            typeof r.objet_modification === "string" && r.objet_modification !== ""
              ? h("span", { class: "published-text" }, publishedText(r.objet_modification))
              : text(r.objet_modification),
        },
        { label: "Notifiée le", cell: (r) => formatDate(r.date_notification) },
        { label: "Durée (mois)", cell: (r) => text(r.duree_mois), numeric: true },
        {
          label: "Montant publié",
          cell: (r) =>
            `${amount(r.montant)}${r.montant_suspect_delta ? " (semble être une variation, pas le nouveau total)" : ""}`,
          numeric: true,
        },
      ],
      detail.modifications,
    ),
    h("h2", {}, "Sous-traitance"),
    lookupTable(
      "Actes de sous-traitance",
      [
        { label: "Sous-traitant", cell: (r) => text(r.sous_traitant_id) },
        { label: "Notifié le", cell: (r) => formatDate(r.date_notification) },
        { label: "Montant", cell: (r) => amount(r.montant), numeric: true },
      ],
      detail.subcontracting,
    ),
  );
}
