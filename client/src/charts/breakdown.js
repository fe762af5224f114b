// An indicator broken down by one dimension (région, procedure, buyer…): horizontal bars, sorted
// by value; stacked shares for a mix; a box plot for per-buyer values.
import {
  axisFormat,
  bottomLegend,
  chartRows,
  columnOf,
  frame,
  NO_LABEL,
  RELIABILITY_OPACITY,
  titleLines,
  tooltips,
} from "./common.js";
import { inSentence } from "../shared/french-words.js";

/** Past this many bars a chart stops being readable; the table below keeps every row. */
export const MAX_BARS = 30;

/** The y axis's names: two fifths of the chart's box, within these bounds (pixels). */
const LABELS_MIN = 100;
const LABELS_MAX = 260;
/** Characters of the x axis's title per line on a phone's 160 px of bars, and at most. */
const PHONE_TITLE_CHARS = 24;
/** Pixels per character of a 12 px bold title, a little more than Arial's average. */
const TITLE_CHAR_PX = 7;
/** The y axis's title and the padding around the plot (pixels). */
const TITLE_AND_PADDING_PX = 40;

/**
 * The characters a line of the x axis's title may hold under bars in a box `width` pixels wide:
 * the box less the names (at their widest) and the y axis's title. Vega cannot wrap a title by
 * the width it draws at, so the client measures its box and the spec is built for it; with no
 * width (a box not laid out yet), a phone's lines, which fit any box.
 * @param {number | undefined} width
 */
export function xTitleChars(width) {
  if (width === undefined || !(width > 0)) return PHONE_TITLE_CHARS;
  const labels = Math.min(Math.max(width * 0.4, LABELS_MIN), LABELS_MAX);
  const bars = width - labels - TITLE_AND_PADDING_PX;
  return Math.max(PHONE_TITLE_CHARS, Math.floor(bars / TITLE_CHAR_PX));
}

/**
 * @param {import("../types.js").IndicatorResult} result  broken down by `dimension`
 * @param {string} dimension
 * @param {{ width?: number }} [options]  width: the chart's box, in pixels, for the title's lines
 * @returns {{ spec: Record<string, unknown>, shown: number, total: number } | null}
 */
export function breakdownSpec(result, dimension, options = {}) {
  const ind = result.indicator;
  if (!result.columns.some((c) => c.name === dimension && c.role === "key")) return null;
  const category = ind.shape === "mix" ? ind.shape_dimension : null;
  const keys = category ? [dimension, category] : [dimension];
  let rows = chartRows(result, keys);
  const dimLabel = result.columns.find((c) => c.name === dimension)?.label ?? dimension;
  const value = columnOf(result, "value");
  // Keep the keys with the most contracts when there are too many to draw.
  const keyTotals = new Map();
  for (const row of rows) {
    const key = String(row[`${dimension}_label`] ?? NO_LABEL);
    keyTotals.set(key, Math.max(keyTotals.get(key) ?? 0, Number(row.n)));
  }
  const total = keyTotals.size;
  if (total > MAX_BARS) {
    const kept = new Set(
      [...keyTotals.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, MAX_BARS)
        .map(([key]) => key),
    );
    rows = rows.filter((row) => kept.has(String(row[`${dimension}_label`])));
  }
  const shown = Math.min(total, MAX_BARS);
  const title = `${ind.title}, par ${inSentence(dimLabel)}`;
  const description =
    shown < total
      ? `${title} : les ${shown} valeurs comptant le plus de marchés, sur ${total}.`
      : `${title}.`;
  const y = {
    field: `${dimension}_label`,
    type: "nominal",
    // No axis title: the block's heading says it (« Répartition par procédure de passation »),
    // and Vega placed it by the names' width before their cut, across the longest ones
    // (« Procédure de passation » over « Marché passé sans publicité ni mise en concu… »).
    title: null,
    sort: category ? "ascending" : "-x",
    // Names take at most two fifths of the chart's box on a phone, so the bars keep room.
    axis: {
      labelLimit: { expr: `clamp(containerSize()[0] * 0.4, ${LABELS_MIN}, ${LABELS_MAX})` },
    },
  };
  const x = {
    field: "value",
    type: "quantitative",
    // In lines that fit the bars' width (about 160 px on a phone, where one line was cut; one
    // line on a laptop, where the phone's lines made four).
    title: titleLines(`${ind.title} (${ind.unit_label})`, xTitleChars(options.width)),
    axis: {
      format: axisFormat(value?.format),
      titleLimit: { expr: "max(width, 120)" },
      // A label every 80 px or so, not Vega's 40: at 40 a laptop's axis reads « 0 % 2 % 4 % … ».
      tickCount: { expr: "ceil(width / 80)" },
    },
  };
  // A fixed height from the number of bars (a discrete "step" height conflicts with the
  // container width's autosize).
  const base = frame(description, Math.max(60, 24 * shown));
  /** The chart of the shown rows with this mark and encoding. */
  const chart = (
    /** @type {Record<string, unknown>} */ mark,
    /** @type {Record<string, unknown>} */ encoding,
  ) => ({
    shown,
    total,
    spec: { ...base, data: { values: rows }, mark, encoding },
  });

  if (category) {
    return chart(
      { type: "bar", tooltip: true },
      {
        y,
        x: { ...x, stack: "normalize", axis: { ...x.axis, format: ".0%" } },
        color: {
          field: `${category}_label`,
          type: "nominal",
          title: result.columns.find((c) => c.name === category)?.label ?? category,
          legend: bottomLegend(2),
        },
        tooltip: tooltips(result, keys),
      },
    );
  }
  // Values per buyer spread over another dimension: a box plot per value of that dimension.
  // Broken down by the buyer itself, it is one value per bar, like any other indicator.
  if (ind.shape === "partition" && dimension !== ind.shape_dimension) {
    return chart({ type: "boxplot", extent: "min-max" }, { y: { ...y, sort: "ascending" }, x });
  }
  const bars = {
    mark: { type: "bar", color: "#2f5f98" },
    encoding: { x, opacity: RELIABILITY_OPACITY, tooltip: tooltips(result, keys) },
  };
  if (rows.every((row) => row.value !== null)) {
    return chart(bars.mark, { y, ...bars.encoding });
  }
  // A row without a value draws no bar, as a value of 0 draws none: it is said in words at the
  // axis (Guadeloupe, N = 0, beside Martinique's 0 %). Sorted by the value itself, the same in
  // both layers, those without one last.
  const sorted = { ...y, sort: { field: "value", op: "max", order: "descending" } };
  return {
    shown,
    total,
    spec: {
      ...base,
      data: { values: rows },
      encoding: { y: sorted },
      layer: [
        bars,
        {
          transform: [{ filter: "!isValid(datum.value)" }],
          mark: { type: "text", align: "left", dx: 4, color: "#555555", fontStyle: "italic" },
          encoding: { x: { datum: 0, type: "quantitative" }, text: { value: "pas de valeur" } },
        },
      ],
    },
  };
}
