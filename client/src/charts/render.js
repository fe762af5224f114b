// Draws a Vega-Lite spec with vega-embed (served under /vendor, no CDN), loaded with the first
// chart a page draws: a page without a chart in view (a phone's home page, « À propos ») skips
// compiling 830 KB of JavaScript.
import { forgetWaiting } from "./lazy.js";
import { FORMAT_LOCALE, TIME_FORMAT_LOCALE } from "./locale.js";

/**
 * @typedef {{ finalize(): void }} EmbedResult
 * @typedef {(el: HTMLElement, spec: object, options: object) => Promise<EmbedResult>} VegaEmbed
 * @typedef {(...args: unknown[]) => unknown} Interpreter
 */

/** @type {Map<HTMLElement, EmbedResult>} */
const embedded = new Map();

/** vega-embed and what it needs, in the order they must run (each reads the one before). */
const LIBRARIES = ["/vendor/vega.js", "/vendor/vega-lite.js", "/vendor/vega-embed.js"];

/** @type {Promise<{ vegaEmbed: VegaEmbed, expr: Interpreter }> | null} */
let tools = null;

/**
 * The chart library, its scripts added to the page on first use (added with `async = false`,
 * they download together and run in order), and Vega's expression interpreter
 * (vega-interpreter, served by server/routes/static.ts). Vega otherwise compiles every expression
 * of a chart with Function(), which the page's CSP forbids (no 'unsafe-eval'); the interpreter is
 * passed explicitly rather than relying on the copy vega-embed happens to bundle, so it is the one
 * package.json pins. A failed load is tried again by the next chart.
 * @returns {Promise<{ vegaEmbed: VegaEmbed, expr: Interpreter }>}
 */
function chartTools() {
  tools ??= Promise.all(LIBRARIES.map(loadScript))
    .then(async () => {
      const vegaEmbed = /** @type {VegaEmbed | undefined} */ (
        /** @type {Record<string, unknown>} */ (globalThis).vegaEmbed
      );
      if (!vegaEmbed) throw new Error("La bibliothèque de graphiques n'a pas pu être chargée.");
      // The interpreter reads vega's own functions from the global the library sets: after it.
      const module = await import("/vendor/vega-interpreter.js");
      const expr = /** @type {{ expressionInterpreter: Interpreter }} */ (module)
        .expressionInterpreter;
      return { vegaEmbed, expr };
    })
    .catch((error) => {
      tools = null;
      throw error;
    });
  return tools;
}

/**
 * @param {string} src
 * @returns {Promise<void>}
 */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = false;
    script.onload = () => resolve();
    script.onerror = () =>
      reject(new Error("La bibliothèque de graphiques n'a pas pu être chargée."));
    document.head.append(script);
  });
}

/**
 * @param {HTMLElement} container
 * @param {Record<string, unknown>} spec
 */
export async function renderChart(container, spec) {
  const { vegaEmbed, expr } = await chartTools();
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
  forgetWaiting(root);
  for (const [container, result] of embedded) {
    if (!root.contains(container)) continue;
    result.finalize();
    embedded.delete(container);
  }
}

/** Frees the charts of a page that is replaced. */
export function finalizeCharts() {
  forgetWaiting();
  for (const result of embedded.values()) result.finalize();
  embedded.clear();
}
