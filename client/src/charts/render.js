// Draws a Vega-Lite spec with vega-embed (loaded by index.html from /vendor, no CDN).
import { FORMAT_LOCALE, TIME_FORMAT_LOCALE } from "./locale.js";

/**
 * @typedef {{ finalize(): void }} EmbedResult
 * @typedef {(el: HTMLElement, spec: object, options: object) => Promise<EmbedResult>} VegaEmbed
 * @typedef {(...args: unknown[]) => unknown} Interpreter
 */

/** @type {Map<HTMLElement, EmbedResult>} */
const embedded = new Map();

/** @type {Promise<Interpreter> | null} */
let interpreter = null;

/**
 * Vega's expression interpreter (vega-interpreter, served by server/routes/static.ts). Vega
 * otherwise compiles every expression of a chart with Function(), which the page's CSP forbids
 * (no 'unsafe-eval'). Passed explicitly rather than relying on the copy vega-embed happens to
 * bundle, so the interpreter is the one package.json pins.
 * @returns {Promise<Interpreter>}
 */
function expressionInterpreter() {
  interpreter ??= import("/vendor/vega-interpreter.js").then(
    (module) =>
      /** @type {{ expressionInterpreter: Interpreter }} */ (module).expressionInterpreter,
  );
  return interpreter;
}

/**
 * @param {HTMLElement} container
 * @param {Record<string, unknown>} spec
 */
export async function renderChart(container, spec) {
  const vegaEmbed = /** @type {VegaEmbed | undefined} */ (
    /** @type {Record<string, unknown>} */ (globalThis).vegaEmbed
  );
  if (!vegaEmbed) throw new Error("La bibliothèque de graphiques n'a pas pu être chargée.");
  const expr = await expressionInterpreter();
  embedded.get(container)?.finalize();
  const result = await vegaEmbed(container, spec, {
    renderer: "svg",
    ast: true,
    expr,
    // Our own export buttons replace the library's menu.
    actions: false,
    // Marks, axes and legends out of the accessibility tree (aria-hidden): read one by one they
    // say nothing ("rect mark container"). The chart is announced once, by its description (the
    // SVG's label), and its numbers are in the table under it.
    config: { aria: false, mark: { aria: false } },
    formatLocale: FORMAT_LOCALE,
    timeFormatLocale: TIME_FORMAT_LOCALE,
    // Our stylesheet (styles/charts.css) replaces the <style> elements the libraries would
    // inject, which the Content-Security-Policy forbids.
    defaultStyle: false,
    tooltip: { theme: "light", disableDefaultStyle: true },
  });
  embedded.set(container, result);
  container.dataset.rendered = "true";
  return result;
}

/**
 * Frees the charts inside an element whose content is about to be replaced.
 * @param {Element} root
 */
export function finalizeChartsIn(root) {
  for (const [container, result] of embedded) {
    if (!root.contains(container)) continue;
    result.finalize();
    embedded.delete(container);
  }
}

/** Frees the charts of a page that is replaced. */
export function finalizeCharts() {
  for (const result of embedded.values()) result.finalize();
  embedded.clear();
}
