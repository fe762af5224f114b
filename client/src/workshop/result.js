// The workshop's live result: the value with N, coverage and flags, what the figure cannot say
// (the server's diagnostics, the catalogue's note on the 2024 format), a trend by year and a
// breakdown, drawn with the dashboard's own chart modules, and the generated SQL on request.
import { figureDetails, headline } from "../components/card.js";
import { chartBlock } from "../components/chart-block.js";
import { formatNote } from "../components/definition.js";
import { breakdownSpec, trendSpec } from "../charts/specs.js";
import { h } from "../dom.js";
import { inSentence } from "../shared/french-words.js";
import { tableModel } from "../table.js";

/** @typedef {import("../types.js").WorkshopPreview} Preview */

/**
 * @param {{ plain: Preview, trend: Preview | null, breakdown: Preview | null, by: string, byLabel: string }} results
 * @returns {{ nodes: HTMLElement[], draw: () => Promise<void> }}
 */
export function resultView({ plain, trend, breakdown, by, byLabel }) {
  const ind = plain.indicator;
  const { text, row } = headline(plain);
  const warnings = [plain, trend, breakdown].flatMap((r) => r?.diagnostics.warnings ?? []);
  const unique = [...new Map(warnings.map((w) => [w.message, w])).values()];
  /** @type {{ draw: () => Promise<void> }[]} */
  const charts = [];
  const nodes = [
    h(
      "section",
      { class: "headline", "aria-label": "Valeur sur les données actuelles" },
      h("p", { class: "headline__value", "data-value": "" }, text),
      ...figureDetails(ind, row),
    ),
    h(
      "section",
      { class: "workshop-limits", "aria-label": "Ce que le chiffre ne peut pas dire" },
      h("h3", {}, "Ce que le chiffre ne peut pas dire"),
      unique.length > 0
        ? h(
            "ul",
            {},
            unique.map((w) => h("li", { "data-warning": w.code }, w.message)),
          )
        : h("p", {}, "Rien à signaler sur ces données : N suffisant, couverture suffisante."),
    ),
  ];
  const note = formatNote(ind, trend);
  if (note) nodes.push(note);
  if (trend) {
    const block = chartBlock({
      kind: "trend",
      title: "Évolution par année",
      spec: trendSpec(trend),
      model: tableModel(trend),
      caption: `${ind.title || "Indicateur"}, par année de notification`,
    });
    charts.push(block);
    nodes.push(block.element);
  }
  if (breakdown) {
    const bars = breakdownSpec(breakdown, by);
    const block = chartBlock({
      kind: "breakdown",
      title: `Répartition par ${inSentence(byLabel)}`,
      ...(bars && bars.shown < bars.total
        ? {
            note: `Les ${bars.shown} valeurs comptant le plus de marchés, sur ${bars.total} (toutes dans le tableau).`,
          }
        : {}),
      // Built again at the box's width when drawn: the x axis's title in lines that fit it.
      spec: bars ? (width) => breakdownSpec(breakdown, by, { width })?.spec ?? bars.spec : null,
      model: tableModel(breakdown),
      caption: `${ind.title || "Indicateur"}, par ${inSentence(byLabel)}`,
    });
    charts.push(block);
    nodes.push(block.element);
  }
  return { nodes, draw: async () => void (await Promise.all(charts.map((c) => c.draw()))) };
}

/**
 * The SQL of the plain request, with its bound values apart.
 * @param {{ text: string, params: (string | number | boolean | null)[] }} sql
 */
export function sqlView(sql) {
  return h(
    "div",
    { class: "workshop-sql" },
    h(
      "p",
      {},
      "Les valeurs choisies ne sont jamais écrites dans la requête : elles y sont liées comme paramètres ($1, $2…).",
    ),
    h("pre", {}, sql.text),
    h("h3", {}, "Paramètres"),
    h(
      "ol",
      {},
      sql.params.map((p) => h("li", {}, JSON.stringify(p))),
    ),
  );
}
