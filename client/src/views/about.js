// About the data: where it comes from, which snapshot is shown, and how figures are counted.
import { getDataSources, getHealth } from "../api.js";
import { sourcesSection } from "../data-sources.js";
import { h, replace } from "../dom.js";
import { formatDate, formatInteger } from "../format.js";

/** @type {import("../router.js").View} */
export async function aboutView({ main }) {
  document.title = "À propos des données – Observatoire de la commande publique";
  const [health, sources] = await Promise.all([getHealth(), getDataSources()]);
  replace(
    main,
    h("h1", {}, "À propos des données"),
    h(
      "p",
      {},
      "Les acheteurs publics (État, collectivités, hôpitaux, organismes publics…) doivent publier les données essentielles de leurs marchés publics (DECP) : objet, montant, procédure, titulaires, modifications. L'observatoire rassemble ces publications, les nettoie et en calcule des indicateurs.",
    ),
    h("h2", {}, "Version des données affichées"),
    h(
      "ul",
      {},
      h("li", {}, `Instantané : ${health.snapshot.id}`),
      h("li", {}, `Chargé le : ${formatDate(health.snapshot.loaded_at)}`),
      h(
        "li",
        {},
        `Marchés : ${formatInteger(health.snapshot.contracts)} ; contrats de concession : ${formatInteger(health.snapshot.concessions)}`,
      ),
    ),
    sourcesSection(sources),
    h("h2", {}, "Comment les chiffres sont comptés"),
    h(
      "ul",
      {},
      h(
        "li",
        {},
        "Un marché est compté une seule fois, même s'il a plusieurs titulaires, plusieurs lots republiés ou des avenants.",
      ),
      h(
        "li",
        {},
        "Un champ vide n'est pas un « non » : une part est calculée sur les marchés où l'information est renseignée, et la couverture dit combien ils sont.",
      ),
      h(
        "li",
        {},
        "Chaque valeur indique son effectif (N). Les valeurs calculées sur trop peu de marchés sont signalées.",
      ),
      h(
        "li",
        {},
        "Certaines informations (considérations sociales et environnementales, offres reçues…) n'existent que dans le format de publication de 2024.",
      ),
      h(
        "li",
        {},
        "Département et région sont ceux du lieu d'exécution du marché : les DECP ne donnent pas l'adresse de l'acheteur.",
      ),
    ),
    h("h2", {}, "Réutiliser les données"),
    h(
      "p",
      {},
      "Chaque graphique peut être téléchargé (CSV pour Excel, XLSX, CSV standard, Parquet), sans limite de lignes. L'API est décrite ici : ",
      h("a", { href: "/api/openapi.json" }, "description OpenAPI"),
      ".",
    ),
  );
}
