// What an indicator means, in plain words: how it is computed, what counts, its targets and
// thresholds, and the cautions of reading.
import { h } from "../dom.js";
import { formatBound, formatValue } from "../format.js";

const COUNTING = {
  contract: "Chaque marché compte une fois, quel que soit le nombre de ses titulaires.",
  contract_supplier:
    "Le calcul porte sur les couples marché × titulaire ; le montant d'un marché attribué à plusieurs entreprises est partagé à parts égales.",
};

/** @param {import("../types.js").Indicator} ind */
export function definitionPanel(ind) {
  const t = ind.thresholds;
  return h(
    "section",
    { class: "definition", "aria-labelledby": "definition-titre" },
    h("h2", { id: "definition-titre" }, "Comment lire cet indicateur"),
    h(
      "dl",
      {},
      h("dt", {}, "Mode de calcul"),
      h("dd", {}, ind.formula),
      h("dt", {}, "Ce qui est compté"),
      h("dd", {}, COUNTING[/** @type {keyof COUNTING} */ (ind.counting_unit)] ?? ind.counting_unit),
      ind.target
        ? [
            h("dt", {}, "Cible"),
            h(
              "dd",
              {},
              `${ind.target.label} (${formatValue(ind.target.value, ind.format)} en ${ind.target.year} ; ${ind.target.source}).`,
            ),
          ]
        : null,
      t
        ? [
            h("dt", {}, "Seuils"),
            h(
              "dd",
              {},
              [
                t.green ? `vert si la valeur est ${formatBound(t.green, ind.format)}` : "",
                t.red ? `rouge si elle est ${formatBound(t.red, ind.format)}` : "",
                "orange entre les deux",
              ]
                .filter(Boolean)
                .join(", ") +
                ` (source : ${t.source}). Un seuil dépassé est une raison de regarder de plus près, pas une preuve.`,
            ),
          ]
        : null,
      h("dt", {}, "Fiabilité"),
      h(
        "dd",
        {},
        `Les valeurs calculées sur moins de ${ind.min_n} marchés sont signalées : elles peuvent varier beaucoup d'un marché à l'autre.`,
      ),
      h("dt", {}, "Source de la définition"),
      h(
        "dd",
        {},
        ind.source.url
          ? h("a", { href: ind.source.url, rel: "noopener", target: "_blank" }, ind.source.name)
          : ind.source.name,
      ),
      h("dt", {}, "Version"),
      h("dd", {}, `Définition n° ${ind.version} (identifiant : ${ind.id})`),
    ),
    ind.caveats.length > 0
      ? [
          h("h3", {}, "À savoir"),
          h(
            "ul",
            {},
            ind.caveats.map((c) => h("li", {}, c)),
          ),
        ]
      : null,
  );
}

/**
 * Why some years are empty for an indicator that needs the 2024 format.
 * @param {import("../types.js").Indicator} ind
 * @param {import("../types.js").IndicatorResult | null} trend
 */
export function formatNote(ind, trend) {
  if (ind.requires_format !== "v2") return null;
  /** @param {import("../types.js").RowFlag} flag */
  const yearsWith = (flag) =>
    (trend?.rows ?? [])
      .filter((r) => Array.isArray(r.flags) && r.flags.includes(flag) && r.year !== null)
      .map((r) => String(r.year));
  const missing = yearsWith("format_not_available");
  const partial = yearsWith("format_partial");
  return h(
    "div",
    { class: "notice notice--info", role: "note" },
    h(
      "p",
      {},
      "Cet indicateur repose sur une information qui n'existe que dans le format de publication de 2024, obligatoire depuis le 1er janvier 2024. Les marchés publiés dans l'ancien format (2019) ne la contiennent pas : ils sont laissés de côté, et les années sans aucun marché au nouveau format restent vides.",
    ),
    missing.length > 0
      ? h("p", {}, `Années sans donnée au format 2024 : ${missing.join(", ")}.`)
      : null,
    partial.length > 0
      ? h(
          "p",
          {},
          `Années où une partie seulement des marchés est au format 2024 : ${partial.join(", ")}.`,
        )
      : null,
  );
}
