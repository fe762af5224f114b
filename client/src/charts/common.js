// Shared pieces of the Vega-Lite specs: formats from the column metadata, the rows a chart
// needs (plain values only), and the words for rows whose N is too small.
// Pure functions without DOM: the tests build every spec in Node and validate it.
import { keyNames } from "../key-names.js";
import { NO_LABEL, TIME_KEYS } from "../shared/missing-key.js";
import { shareText } from "../shared/share-text.js";

export { NO_LABEL, TIME_KEYS };

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
export const RELIABLE = "Effectif suffisant";
export const UNRELIABLE = "Peu de marchés (à interpréter avec prudence)";

/** d3-format specifiers; the French locale (charts/locale.js) supplies separators and €. */
const AXIS_FORMATS = { percent: ".0%", euro: "$,.0f", integer: ",.0f", decimal: ",.1f" };
// Shares are not among them: their tooltips show the tables' words (valueTooltip).
const TOOLTIP_FORMATS = { euro: "$,.0f", integer: ",.0f", decimal: ",.1f" };

/** @param {string | undefined} format */
export const axisFormat = (format) =>
  AXIS_FORMATS[/** @type {keyof AXIS_FORMATS} */ (format)] ?? ",.1f";
/** @param {string | undefined} format */
const tooltipFormat = (format) =>
  TOOLTIP_FORMATS[/** @type {keyof TOOLTIP_FORMATS} */ (format)] ?? ",.1f";

/**
 * A title in lines of at most `maxChars` characters, cut between words. Vega never wraps an axis
 * or legend title: it cuts it at its limit with « … », and an indicator's title with its unit runs
 * to 92 characters (« Part des marchés comportant une considération soci… » on the 260 px of a
 * trend's y axis). A title that fits stays one string.
 * @param {string} text
 * @param {number} maxChars
 * @returns {string | string[]}
 */
export function titleLines(text, maxChars) {
  /** @type {string[]} */
  const lines = [];
  for (const word of text.split(/\s+/u).filter((w) => w !== "")) {
    const last = lines.length - 1;
    if (last >= 0 && `${lines[last]} ${word}`.length <= maxChars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length === 1 ? (lines[0] ?? text) : lines;
}

/** Characters of a title's line in a legend, within Vega's 180 px limit for its titles. */
const LEGEND_TITLE_CHARS = 26;

/**
 * The colour of a value on the map and the heatmap: blues where more is better, oranges where
 * less is, a horizontal legend in the value's format; `legend` adds each chart's placement.
 * @param {import("../types.js").IndicatorResult} result
 * @param {Record<string, unknown>} legend
 */
export function valueColor(result, legend) {
  const ind = result.indicator;
  return {
    field: "value",
    type: "quantitative",
    title: titleLines(ind.title, LEGEND_TITLE_CHARS),
    scale: { scheme: ind.polarity === "lower_is_better" ? "oranges" : "blues" },
    legend: {
      format: axisFormat(columnOf(result, "value")?.format),
      direction: "horizontal",
      ...legend,
    },
  };
}

/**
 * @param {import("../types.js").IndicatorResult} result
 * @param {string} role
 */
export function columnOf(result, role) {
  return result.columns.find((c) => c.role === role);
}

/** The key column of time in a result, if any. @param {import("../types.js").IndicatorResult} result */
export function timeKey(result) {
  return result.columns.find((c) => c.role === "key" && TIME_KEYS.includes(c.name))?.name ?? null;
}

/**
 * The field that names a key's values for readers: its label column when there is one.
 * @param {import("../types.js").IndicatorResult} result
 * @param {string} dimension
 */
export function labelField(result, dimension) {
  const label = `${dimension}_label`;
  return result.columns.some((c) => c.name === label) ? label : dimension;
}

/**
 * Plain chart rows: the wanted fields, a readable label per key, and reliability. A key's label
 * keeps the API's name, `<key>_label`, and is filled for every key with the tables' words
 * (key-names.js): its label, else its code, "Non renseigné" for a blank, and the code beside a
 * name that several codes of the result bear, so that one bar or cell is one code, never
 * buyers merged by name.
 * @param {import("../types.js").IndicatorResult} result
 * @param {string[]} keys  key columns to keep
 */
export function chartRows(result, keys) {
  const isShare = columnOf(result, "value")?.format === "percent";
  const names = keys.map((key) => ({ key, name: keyNames(result, key) }));
  return result.rows.map((row) => {
    /** @type {Record<string, string | number | null>} */
    const out = {};
    for (const { key, name } of names) {
      const raw = row[key];
      out[key] = typeof raw === "string" || typeof raw === "number" ? raw : null;
      out[`${key}_label`] = name(row);
    }
    const flags = Array.isArray(row.flags) ? row.flags : [];
    out.value = typeof row.value === "number" ? row.value : null;
    out.n = typeof row.n === "number" ? row.n : 0;
    out.n_scope = typeof row.n_scope === "number" ? row.n_scope : 0;
    out.coverage = typeof row.coverage === "number" ? row.coverage : null;
    out.coverage_value = typeof row.coverage_value === "number" ? row.coverage_value : null;
    // The tooltips' words for shares, as the tables under the charts say them.
    out.value_text = isShare && out.value !== null ? shareText(out.value) : null;
    out.coverage_text = out.coverage === null ? null : shareText(out.coverage);
    out.coverage_value_text = out.coverage_value === null ? null : shareText(out.coverage_value);
    out.reliability = flags.includes("below_min_n") ? UNRELIABLE : RELIABLE;
    return out;
  });
}

/**
 * Common top-level properties: responsive width, a description read by screen readers.
 * @param {string} description
 * @param {number} height
 */
export function frame(description, height) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    description,
    width: "container",
    height,
    autosize: { type: "fit-x", contains: "padding" },
    config: {
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
      legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 320 },
    },
  };
}

/** Below this chart width (pixels), a phone: legend entries go one under another. */
const NARROW = 480;

/**
 * A legend under the chart: entries side by side (`columns` of them, 0 = one row), or one under
 * another on a narrow chart, with labels cut to the chart's width, so it never runs off a phone.
 * @param {number} columns
 */
export function bottomLegend(columns) {
  return {
    orient: "bottom",
    columns: { expr: `width < ${NARROW} ? 1 : ${columns}` },
    labelLimit: { expr: `width < ${NARROW} ? max(width - 20, 60) : 320` },
  };
}

/** Opacity by reliability: rows on small N are drawn faded, and the legend says why. */
export const RELIABILITY_OPACITY = {
  field: "reliability",
  // Ordinal with an explicit order: Vega-Lite warns against opacity on unordered categories.
  type: "ordinal",
  sort: [RELIABLE, UNRELIABLE],
  title: null,
  scale: { domain: [RELIABLE, UNRELIABLE], range: [1, 0.35] },
  // On a phone the words in brackets do not fit; the note above the chart says them.
  legend: {
    ...bottomLegend(0),
    labelExpr: `width < ${NARROW} ? replace(datum.label, " (à interpréter avec prudence)", "") : datum.label`,
  },
};

/**
 * A value as its tooltip says it: a share in the words of the tables (shared/share-text.js: never
 * « 100 % » short of all), any other number in its d3 format.
 * @param {import("../types.js").IndicatorResult} result
 */
export function valueTooltip(result) {
  const format = columnOf(result, "value")?.format;
  return format === "percent"
    ? { field: "value_text", type: "nominal", title: "Valeur" }
    : { field: "value", type: "quantitative", title: "Valeur", format: tooltipFormat(format) };
}

/**
 * What a value rests on, as tooltip fields: N (the contracts the figure is computed on), the
 * contracts in scope, coverage, and coverage in value where the result has it.
 * @param {import("../types.js").IndicatorResult} result
 */
export function basisTooltips(result) {
  return [
    { field: "n", type: "quantitative", title: "N (marchés du calcul)", format: ",.0f" },
    { field: "n_scope", type: "quantitative", title: "Marchés dans le périmètre", format: ",.0f" },
    { field: "coverage_text", type: "nominal", title: "Couverture" },
    ...(columnOf(result, "coverage_value")
      ? [{ field: "coverage_value_text", type: "nominal", title: "Couverture en valeur" }]
      : []),
  ];
}

/**
 * Tooltip fields shared by the charts.
 * @param {import("../types.js").IndicatorResult} result
 * @param {string[]} keys
 */
export function tooltips(result, keys) {
  return [
    ...keys.map((key) => ({
      field: `${key}_label`,
      type: "nominal",
      title: result.columns.find((c) => c.name === key)?.label ?? key,
    })),
    valueTooltip(result),
    ...basisTooltips(result),
  ];
}
