// One indicator: its meaning, its value under the filters, its trend, a breakdown the reader
// chooses, and a map by département; under each chart its table and its downloads.
import { getCatalogue, getIndicator } from "../api.js";
import { badges } from "../components/badges.js";
import { headline } from "../components/card.js";
import { chartBlock } from "../components/chart-block.js";
import { definitionPanel, formatNote } from "../components/definition.js";
import { exportLinks } from "../components/exports.js";
import { filterBar } from "../components/filter-bar.js";
import { breakdownSpec, mapSpec, MAX_BARS, trendSpec } from "../charts/specs.js";
import { h, replace } from "../dom.js";
import { basisText } from "../basis.js";
import { render } from "../router.js";
import { filterQuery, indicatorParams, readFilters, updateAddress } from "../state.js";
import { tableModel } from "../table.js";
import { applyFilters } from "./home.js";

const TIME = ["year", "quarter", "month"];

/** How to read the trend chart of each shape of indicator. */
const TREND_NOTES = {
  single: "Les points pâles reposent sur peu de marchés : à interpréter avec prudence.",
  mix: "Chaque barre représente 100 % des marchés de l'année pour lesquels l'information est renseignée.",
  partition:
    "Chaque boîte résume les valeurs des acheteurs de l'année : minimum, quartiles, médiane et maximum.",
};

/** @type {import("../router.js").View} */
export async function indicatorView({ params, main }) {
  const catalogue = await getCatalogue();
  const ind = catalogue.indicators.find((i) => i.id === params.id);
  if (!ind) {
    document.title = "Indicateur inconnu – Observatoire de la commande publique";
    replace(
      main,
      h("h1", {}, "Indicateur inconnu"),
      h("p", {}, h("a", { href: "/" }, "Voir tous les indicateurs")),
    );
    return;
  }
  document.title = `${ind.title} – Observatoire de la commande publique`;
  const filters = readFilters();
  const dims = ind.breakdowns.filter((b) => !TIME.includes(b.id));
  const asked = new URLSearchParams(location.search).get("by") ?? "";
  const preferred = ["region", "procedure", "type_marche"].find((id) =>
    dims.some((d) => d.id === id),
  );
  const by = dims.some((d) => d.id === asked) ? asked : (preferred ?? dims[0]?.id ?? null);
  const hasYear = ind.breakdowns.some((b) => b.id === "year");
  const hasMap = ind.shape === "single" && ind.breakdowns.some((b) => b.id === "departement");

  const request = (/** @type {string[]} */ keys) => indicatorParams(ind, filters, keys);
  const [total, trend, breakdown, map, bar] = await Promise.all([
    getIndicator(ind.id, request([]).params),
    hasYear ? getIndicator(ind.id, request(["year"]).params) : null,
    by ? getIndicator(ind.id, request([by]).params) : null,
    hasMap && by !== "departement" ? getIndicator(ind.id, request(["departement"]).params) : null,
    filterBar({ filters, onChange: (next) => void applyFilters(next) }),
  ]);
  const mapResult = by === "departement" ? breakdown : map;
  const ignored = request([]).ignored;
  const { text, row } = headline(total);

  /** @type {{ element: HTMLElement, draw: () => Promise<void> }[]} */
  const blocks = [];
  const block = (/** @type {Parameters<typeof chartBlock>[0]} */ options) => {
    const b = chartBlock(options);
    blocks.push(b);
    return b.element;
  };
  const downloads = (
    /** @type {string[]} */ keys,
    /** @type {import("../types.js").IndicatorResult} */ result,
  ) =>
    exportLinks({
      id: ind.id,
      params: request(keys).params,
      model: tableModel(result),
    });

  const chooser = h(
    "div",
    { class: "field field--inline" },
    h("label", { for: "ventilation" }, "Répartir par "),
    h(
      "select",
      {
        id: "ventilation",
        onchange: (/** @type {Event} */ e) => {
          updateAddress({ by: /** @type {HTMLSelectElement} */ (e.target).value });
          void render();
        },
      },
      dims.map((d) => h("option", { value: d.id, selected: d.id === by }, d.label)),
    ),
  );
  const breakdownResult = breakdown && by ? breakdownSpec(breakdown, by) : null;
  const byLabel = dims.find((d) => d.id === by)?.label.toLowerCase() ?? "";

  replace(
    main,
    h(
      "nav",
      { class: "breadcrumb", "aria-label": "Fil d'Ariane" },
      h("a", { href: `/${filterQuery(filters)}` }, "Indicateurs"),
      " › ",
      ind.title,
    ),
    h("h1", {}, ind.title),
    h("p", { class: "lead" }, ind.description),
    bar,
    ignored.length > 0
      ? h(
          "p",
          { class: "notice" },
          "Certains filtres choisis ne s'appliquent pas à cet indicateur et sont ignorés.",
        )
      : null,
    h(
      "section",
      { class: "headline", "aria-label": "Valeur pour la sélection" },
      h("p", { class: "headline__value", "data-value": "" }, text),
      ind.shape !== "partition" && row ? h("p", { class: "card__meta" }, basisText(row)) : null,
      ind.shape === "single" ? badges(ind, row) : null,
    ),
    formatNote(ind, trend),
    trend
      ? block({
          kind: "trend",
          title: "Évolution par année",
          note: `${TREND_NOTES[ind.shape]} Une année sans marché est laissée vide.${
            trend.rows.some((r) => r.year === null)
              ? " Les marchés sans date de notification sont à droite, sous « Date inconnue »."
              : ""
          }`,
          spec: trendSpec(trend),
          model: tableModel(trend),
          caption: `${ind.title}, par année de notification`,
          exports: downloads(["year"], trend),
        })
      : null,
    breakdown && by
      ? h(
          "section",
          { class: "breakdown" },
          chooser,
          block({
            kind: "breakdown",
            title: `Répartition par ${byLabel}`,
            note:
              breakdownResult && breakdownResult.shown < breakdownResult.total
                ? `Le graphique montre les ${MAX_BARS} valeurs qui comptent le plus de marchés ; le tableau les montre toutes (${breakdownResult.total}).`
                : undefined,
            spec: breakdownResult?.spec ?? null,
            model: tableModel(breakdown),
            caption: `${ind.title}, par ${byLabel}`,
            exports: downloads([by], breakdown),
          }),
        )
      : null,
    mapResult && hasMap
      ? block({
          kind: "map",
          title: "Carte par département du lieu d'exécution",
          note: "Départements en gris : aucune valeur. Les départements d'outre-mer figurent dans le tableau.",
          spec: mapSpec(mapResult),
          model: tableModel(mapResult),
          caption: `${ind.title}, par département du lieu d'exécution`,
          exports: downloads(["departement"], mapResult),
        })
      : null,
    definitionPanel(ind),
  );
  for (const b of blocks) await b.draw();
}
