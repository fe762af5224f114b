// One indicator: its meaning, its value under the filters, its trend, a breakdown the reader
// chooses (by one dimension, or crossed with a second), and a map by département; under each
// chart its table and its downloads. Each of these is a part that reads some keys of the address:
// a change of filters redraws them all, a change of breakdown only the breakdown, and the
// controls (built once) keep the keyboard focus.
import { getCatalogue, getIndicator } from "../api.js";
import { breakdownSection } from "../components/breakdown-section.js";
import { figureDetails, headline } from "../components/card.js";
import { chartBlock } from "../components/chart-block.js";
import { definitionPanel, formatNote } from "../components/definition.js";
import { exportLinks } from "../components/exports.js";
import { applyFilters, filterBar } from "../components/filter-bar.js";
import { mapSpec, trendSpec } from "../charts/specs.js";
import { h, replace } from "../dom.js";
import { part, redraw } from "../parts.js";
import { FILTER_KEYS, filterQuery, indicatorParams, readFilters } from "../state.js";
import { tableModel } from "../table.js";

/** How to read the trend chart of each shape of indicator. */
const TREND_NOTES = {
  single: "Les points pâles reposent sur peu de marchés : à interpréter avec prudence.",
  mix: "Chaque barre représente 100 % des marchés de l'année pour lesquels l'information est renseignée.",
  partition:
    "Chaque boîte résume les valeurs des acheteurs de l'année : minimum, quartiles, médiane et maximum.",
};

/** @type {import("../router.js").View} */
export async function indicatorView({ params, main }) {
  // The filter bar needs its choices, not the catalogue: both are asked for at once.
  const [catalogue, bar] = await Promise.all([
    getCatalogue(),
    filterBar({ filters: readFilters(), onChange: (next) => void applyFilters(next) }),
  ]);
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
  const hasYear = ind.breakdowns.some((b) => b.id === "year");
  const hasMap = ind.shape === "single" && ind.breakdowns.some((b) => b.id === "departement");
  /** The API request of this indicator under the filters of the address. */
  const request = (/** @type {string[]} */ keys) => indicatorParams(ind, readFilters(), keys);
  /**
   * What the headline says instead of a value when the filters cannot be computed: a région or
   * département of no place, an inverted period (null: they can). The server refuses such a
   * request: the figures ask nothing then, and the sentence is said once, in the headline, not
   * under every chart.
   */
  const notComputed = () => bar.notComputedNote(readFilters());
  /** The result of a breakdown, its chart block and its downloads. */
  const block = async (
    /** @type {string[]} */ keys,
    /** @type {(result: import("../types.js").IndicatorResult) => Parameters<typeof chartBlock>[0]} */ options,
  ) => {
    if (notComputed()) return { nodes: [] };
    const result = await getIndicator(ind.id, request(keys).params);
    const b = chartBlock({
      ...options(result),
      exports: exportLinks({ id: ind.id, params: request(keys).params, model: tableModel(result) }),
    });
    return { nodes: [b.element], after: b.draw };
  };

  const ignored = part(FILTER_KEYS, async () => ({
    nodes: [
      request([]).ignored.length > 0
        ? h(
            "p",
            { class: "notice" },
            "Certains filtres choisis ne s'appliquent pas à cet indicateur et sont ignorés.",
          )
        : null,
    ],
  }));
  const value = part(FILTER_KEYS, async () => {
    const box = (/** @type {import("../dom.js").Child[]} */ ...children) =>
      h("section", { class: "headline", "aria-label": "Valeur pour la sélection" }, ...children);
    const unknown = notComputed();
    if (unknown) return { nodes: [box(h("p", { "data-not-computed": "" }, unknown))] };
    const { text, row } = headline(await getIndicator(ind.id, request([]).params));
    return {
      nodes: [
        box(
          h("p", { class: "headline__value", "data-value": "" }, text),
          ...figureDetails(ind, row),
        ),
      ],
    };
  });
  const trend = part(FILTER_KEYS, async () => {
    if (notComputed()) return { nodes: [] };
    const result = await getIndicator(ind.id, request(["year"]).params);
    const b = chartBlock({
      kind: "trend",
      title: "Évolution par année",
      note: `${TREND_NOTES[ind.shape]} Une année sans marché est laissée vide.${
        result.rows.some((r) => r.year === null)
          ? " Les marchés sans date de notification sont à droite, sous « Date inconnue »."
          : ""
      }`,
      spec: trendSpec(result),
      model: tableModel(result),
      caption: `${ind.title}, par année de notification`,
      exports: exportLinks({
        id: ind.id,
        params: request(["year"]).params,
        model: tableModel(result),
      }),
    });
    return { nodes: [formatNote(ind, result), b.element], after: b.draw };
  });
  const map = part(FILTER_KEYS, () =>
    block(["departement"], (result) => ({
      kind: "map",
      title: "Carte par département du lieu d'exécution",
      note: "Départements en gris : aucune valeur. Les départements d'outre-mer figurent dans le tableau.",
      spec: mapSpec(result),
      model: tableModel(result),
      caption: `${ind.title}, par département du lieu d'exécution`,
    })),
  );
  const breakdown = breakdownSection({ ind, request, notComputed });
  const home = h("a", { href: `/${filterQuery(readFilters())}` }, "Indicateurs");

  const parts = [ignored, value, ...(hasYear ? [trend] : [])];
  if (breakdown.part) parts.push(breakdown.part);
  if (hasMap) parts.push(map);
  replace(
    main,
    h("nav", { class: "breadcrumb", "aria-label": "Fil d'Ariane" }, home, " › ", ind.title),
    h("h1", {}, ind.title),
    h("p", { class: "lead" }, ind.description),
    bar.element,
    ignored.element,
    value.element,
    hasYear ? trend.element : null,
    breakdown.element,
    hasMap ? map.element : null,
    definitionPanel(ind),
  );
  await Promise.all(parts.map((p) => p.draw()));
  return {
    async update(changed) {
      if (FILTER_KEYS.some((key) => changed.has(key))) {
        bar.show(readFilters());
        home.setAttribute("href", `/${filterQuery(readFilters())}`);
      }
      breakdown.show();
      await redraw(parts, changed);
    },
  };
}
