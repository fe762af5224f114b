// A chart with its title, its reading aid, the same numbers as a table, and download links.
import { renderChart } from "../charts/render.js";
import { h } from "../dom.js";
import { renderTable } from "../table.js";

/**
 * @typedef {Record<string, unknown>} Spec
 * @param {{
 *   title: string, note?: string, spec: Spec | ((width: number | undefined) => Spec) | null,
 *   model: import("../table.js").TableModel, caption: string, exports?: HTMLElement | null,
 *   kind: string, table?: HTMLElement,
 * }} options  table: a table of its own shape (rows × columns) instead of the model's; spec: a
 *   function of the chart's box width (pixels, undefined while the box has none) for a spec
 *   whose words depend on it (Vega cannot wrap a title by the width it draws at)
 * @returns {{ element: HTMLElement, draw: () => Promise<void> }}
 */
export function chartBlock({ title, note, spec, model, caption, exports, kind, table }) {
  const chart = h("div", { class: `chart chart--${kind}`, "data-chart": kind });
  const element = h(
    "figure",
    { class: "chart-block" },
    h("figcaption", {}, h("h2", {}, title), note ? h("p", { class: "note" }, note) : null),
    spec
      ? chart
      : h("p", { class: "empty" }, "Pas de graphique pour ces données : voir le tableau."),
    table ?? renderTable(model, caption),
    exports ?? null,
  );
  return {
    element,
    draw: async () => {
      if (typeof spec === "function") {
        await renderChart(chart, spec(chart.clientWidth > 0 ? chart.clientWidth : undefined));
      } else if (spec) await renderChart(chart, spec);
    },
  };
}
