// Draws a Vega-Lite spec with vega-embed (loaded by index.html from /vendor, no CDN).
import { FORMAT_LOCALE, TIME_FORMAT_LOCALE } from "./locale.js";

/**
 * @typedef {{ finalize(): void }} EmbedResult
 * @typedef {(el: HTMLElement, spec: object, options: object) => Promise<EmbedResult>} VegaEmbed
 */

/** @type {Map<HTMLElement, EmbedResult>} */
const embedded = new Map();

/**
 * @param {HTMLElement} container
 * @param {Record<string, unknown>} spec
 */
export async function renderChart(container, spec) {
  const vegaEmbed = /** @type {VegaEmbed | undefined} */ (
    /** @type {Record<string, unknown>} */ (globalThis).vegaEmbed
  );
  if (!vegaEmbed) throw new Error("La bibliothèque de graphiques n'a pas pu être chargée.");
  embedded.get(container)?.finalize();
  const result = await vegaEmbed(container, spec, {
    renderer: "svg",
    // Our own export buttons replace the library's menu.
    actions: false,
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

/** Frees the charts of a page that is replaced. */
export function finalizeCharts() {
  for (const result of embedded.values()) result.finalize();
  embedded.clear();
}
