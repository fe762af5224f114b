// The trend over time of an indicator: a line (one value per year), stacked bars (a mix of
// categories) or a box plot (one value per buyer, spread by year), on a temporal axis where a
// year without data is a gap. Contracts without a notification date get their own narrow panel
// at the right, on the same y scale. Targets and thresholds are drawn as reference lines.
import {
  axisFormat,
  bottomLegend,
  chartRows,
  columnOf,
  frame,
  RELIABILITY_OPACITY,
  timeKey,
  titleLines,
  tooltips,
} from "./common.js";
import { formatBound, formatValue } from "../format.js";
import { inSentence } from "../shared/french-words.js";
import { missingPeriods, periodStart, timeX, UNKNOWN_DATE } from "./time.js";
import { panelWidth, timeRange, withUndatedPanel } from "./undated.js";

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
  const rows = chartRows(result, keys).map((row) => {
    const period = periodStart(time, row[time]);
    return period === null
      ? { ...row, period, [`${time}_label`]: UNKNOWN_DATE, undated: true }
      : { ...row, period, undated: false };
  });
  const dated = rows.filter((r) => !r.undated);
  const undated = rows.filter((r) => r.undated);
  const starts = [...new Set(dated.map((r) => Number(r.period)))];
  // A line breaks at a null value: one null row per period without data keeps the gap a gap.
  const gaps =
    ind.shape === "single"
      ? missingPeriods(time, starts).map((period) => ({ period, value: null, undated: false }))
      : [];
  const value = columnOf(result, "value");
  const timeLabel = result.columns.find((c) => c.name === time)?.label ?? time;
  const panel = panelWidth(undated.length > 0, compact);
  const bars = ind.shape === "mix";
  const x = timeX(time, { title: compact ? null : timeLabel, compact, starts, bars, panel });
  // The time axis stops short of the panel of undated contracts, which has its own axis.
  if (panel > 0) Object.assign(x, { scale: timeRange(panel) });
  const y = {
    field: "value",
    type: "quantitative",
    // In lines that fit the axis's 260 px (about 6.7 px a character of its bold 12 px title).
    title: compact ? null : titleLines(`${ind.title} (${ind.unit_label})`, 36),
    axis: compact ? null : { format: axisFormat(value?.format), titleLimit: 320 },
  };
  const base = frame(`Évolution : ${ind.title}, par ${inSentence(timeLabel)}.`, compact ? 70 : 260);
  const onTime = [{ filter: "!datum.undated" }];
  const opacity = compact ? { ...RELIABILITY_OPACITY, legend: null } : RELIABILITY_OPACITY;

  /** @type {Record<string, unknown>[]} */
  let layers;
  /** @type {(x: Record<string, unknown>) => Record<string, unknown>[]} */
  let undatedLayers;
  if (ind.shape === "mix" && category) {
    const stacked = { ...y, stack: "normalize", axis: compact ? null : { format: ".0%" } };
    const color = {
      field: `${category}_label`,
      type: "nominal",
      title: result.columns.find((c) => c.name === category)?.label ?? category,
      legend: compact ? null : bottomLegend(2),
    };
    const encoding = { y: stacked, color, tooltip: tooltips(result, keys) };
    layers = [
      { transform: onTime, mark: { type: "bar", tooltip: true }, encoding: { x, ...encoding } },
    ];
    undatedLayers = (ux) => [
      {
        mark: { type: "bar", tooltip: true, width: { band: 0.6 } },
        encoding: { x: ux, ...encoding },
      },
    ];
  } else if (ind.shape === "partition") {
    const box = { type: "boxplot", extent: "min-max" };
    layers = [{ transform: onTime, mark: box, encoding: { x, y } }];
    undatedLayers = (ux) => [{ mark: box, encoding: { x: ux, y } }];
  } else {
    const point = { type: "point", filled: true, size: compact ? 30 : 70 };
    layers = [
      {
        transform: onTime,
        // Straight segments, broken where a period has no value: no smoothing, no bridge.
        mark: { type: "line", invalid: "break-paths-filter-domains" },
        encoding: { x, y },
      },
      {
        transform: [...onTime, { filter: "isValid(datum.value)" }],
        mark: point,
        encoding: { x, y, opacity, tooltip: tooltips(result, keys) },
      },
    ];
    undatedLayers = (ux) => [
      {
        transform: [{ filter: "isValid(datum.value)" }],
        mark: point,
        encoding: { x: ux, y, opacity, tooltip: tooltips(result, keys) },
      },
      // No value (e.g. no contract in the needed format): said in words, so the panel is
      // never an empty box.
      {
        transform: [{ filter: "!isValid(datum.value)" }],
        mark: {
          type: "text",
          text: "pas de valeur",
          fontSize: compact ? 9 : 11,
          color: "#6b6b6b",
        },
        encoding: { x: ux, y: { value: { expr: "height / 2" } }, tooltip: tooltips(result, keys) },
      },
    ];
  }
  return withUndatedPanel({
    base,
    data: { values: [...dated, ...gaps, ...undated] },
    onTime: layers,
    undated: undatedLayers,
    labelField: `${time}_label`,
    panel,
    compact,
    overlays: compact ? [] : referenceLayers(ind),
  });
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
