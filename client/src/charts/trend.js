// The trend over time of an indicator: a line (one value per year), stacked bars (a mix of
// categories) or a box plot (one value per buyer, spread by year). Targets and thresholds of the
// definition are drawn as reference lines.
import {
  axisFormat,
  chartRows,
  columnOf,
  frame,
  RELIABILITY_OPACITY,
  timeKey,
  tooltips,
} from "./common.js";
import { formatBound, formatValue } from "../format.js";

/**
 * @param {import("../types.js").IndicatorResult} result  a result broken down by a time key
 * @param {{ compact?: boolean }} [options]  compact: the small chart of a home card
 * @returns {Record<string, unknown> | null}  null when the result has no time key
 */
export function trendSpec(result, options = {}) {
  const time = timeKey(result);
  if (!time) return null;
  const ind = result.indicator;
  const compact = options.compact === true;
  const category = ind.shape === "mix" ? ind.shape_dimension : null;
  const keys = category ? [time, category] : [time];
  const rows = chartRows(result, keys).filter((r) => r[time] !== null);
  const value = columnOf(result, "value");
  const timeLabel = result.columns.find((c) => c.name === time)?.label ?? time;
  const x = {
    field: `${time}__label`,
    type: "ordinal",
    title: compact ? null : timeLabel,
    sort: "ascending",
    // A small chart has room for the first and last years only.
    axis: compact
      ? { labelAngle: 0, title: null, ticks: false, domain: false, values: ends(rows, time) }
      : { labelAngle: 0 },
  };
  const y = {
    field: "value",
    type: "quantitative",
    title: compact ? null : `${ind.title} (${ind.unit_label})`,
    axis: compact ? null : { format: axisFormat(value?.format), titleLimit: 320 },
  };
  const base = frame(
    `Évolution : ${ind.title}, par ${timeLabel.toLowerCase()}.`,
    compact ? 70 : 260,
  );
  const data = { values: rows };

  if (ind.shape === "mix" && category) {
    return {
      ...base,
      data,
      mark: { type: "bar", tooltip: true },
      encoding: {
        x,
        y: { ...y, stack: "normalize", axis: compact ? null : { format: ".0%" } },
        color: {
          field: `${category}__label`,
          type: "nominal",
          title: result.columns.find((c) => c.name === category)?.label ?? category,
          legend: compact ? null : { orient: "bottom", columns: 2 },
        },
        tooltip: tooltips(result, keys),
      },
    };
  }
  if (ind.shape === "partition") {
    return {
      ...base,
      data,
      mark: { type: "boxplot", extent: "min-max" },
      encoding: { x, y },
    };
  }
  const layers = [
    {
      mark: { type: "line", interpolate: "monotone" },
      encoding: { x, y },
    },
    {
      mark: { type: "point", filled: true, size: compact ? 30 : 70 },
      encoding: {
        x,
        y,
        opacity: compact ? { ...RELIABILITY_OPACITY, legend: null } : RELIABILITY_OPACITY,
        tooltip: tooltips(result, keys),
      },
    },
  ];
  if (!compact) layers.push(...referenceLayers(ind));
  return { ...base, data, layer: layers };
}

/**
 * Rules for the target and the thresholds, labelled in words.
 * @param {import("../types.js").Indicator} ind
 */
export function referenceLayers(ind) {
  /** @type {{ value: number, label: string, color: string }[]} */
  const lines = [];
  if (ind.target) {
    lines.push({
      value: ind.target.value,
      label: `Cible ${ind.target.year} : ${formatValue(ind.target.value, ind.format)}`,
      color: "#1b5e20",
    });
  }
  const t = ind.thresholds;
  if (t?.green)
    lines.push({
      value: t.green.value,
      label: `Vert si ${formatBound(t.green, ind.format)}`,
      color: "#2e7d32",
    });
  if (t?.red)
    lines.push({
      value: t.red.value,
      label: `Rouge si ${formatBound(t.red, ind.format)}`,
      color: "#c62828",
    });
  return lines.flatMap((line) => [
    {
      data: { values: [line] },
      mark: { type: "rule", strokeDash: [6, 4], color: line.color, strokeWidth: 1.5 },
      encoding: { y: { field: "value", type: "quantitative" } },
    },
    {
      data: { values: [line] },
      mark: { type: "text", align: "left", dx: 4, dy: -6, color: line.color, fontSize: 11 },
      encoding: {
        y: { field: "value", type: "quantitative" },
        x: { value: 0 },
        text: { field: "label", type: "nominal" },
      },
    },
  ]);
}

/**
 * @param {Record<string, string | number | null>[]} rows
 * @param {string} time
 */
function ends(rows, time) {
  const labels = rows.map((r) => String(r[`${time}__label`]));
  return labels.length > 1 ? [labels[0], labels[labels.length - 1]] : labels;
}
