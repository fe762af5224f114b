// A chart with its title, its reading aid, the same numbers as a table, and download links.
import { renderChart } from "../charts/render.js";
import { h } from "../dom.js";
import { renderTable } from "../table.js";

/**
 * @param {{
 *   title: string, note?: string, spec: Record<string, unknown> | null,
 *   model: import("../table.js").TableModel, caption: string, exports?: HTMLElement | null,
 *   kind: string, table?: HTMLElement,
 * }} options  table: a table of its own shape (rows × columns) instead of the model's
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
      if (spec) await renderChart(chart, spec);
    },
  };
}
