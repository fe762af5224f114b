// Bar charts of contracts per year of a buyer or a supplier (look-up rows, outside the indicator
// engine), on a temporal axis like the indicators' trends: a year without contracts is a gap,
// and the contracts without a notification date stand in their own panel, « Date inconnue ».
import { frame } from "./common.js";
import { periodStart, timeX, UNKNOWN_DATE } from "./time.js";
import { panelWidth, timeRange, withUndatedPanel } from "./undated.js";

/** The widest a year's bar is drawn (pixels), and its share of its year's room below that. */
const MAX_BAR_PX = 60;
const BAR_SHARE = 0.8;

/**
 * @param {Record<string, unknown>[]} rows
 * @param {{ x: string, y: string, xTitle: string, yTitle: string, format: string, description: string, height?: number }} options
 *   x: the field of years (null: no date); format: a d3-format specifier for the values;
 *   counts (",.0f") get whole-number ticks only
 */
export function barSpec(rows, options) {
  const values = rows.map((r) => {
    const year = r[options.x];
    const period = periodStart("year", year);
    return {
      period,
      label: period === null ? UNKNOWN_DATE : String(year),
      y: typeof r[options.y] === "number" ? r[options.y] : null,
      undated: period === null,
    };
  });
  const starts = values.filter((v) => !v.undated).map((v) => Number(v.period));
  const panel = panelWidth(
    values.some((v) => v.undated),
    false,
  );
  const x = timeX("year", { title: options.xTitle, compact: false, starts, bars: true, panel });
  if (panel > 0) Object.assign(x, { scale: timeRange(panel) });
  const y = {
    field: "y",
    type: "quantitative",
    title: options.yTitle,
    axis: { format: options.format, ...(options.format === ",.0f" ? { tickMinStep: 1 } : {}) },
  };
  const tooltip = [
    { field: "label", type: "nominal", title: options.xTitle },
    { field: "y", type: "quantitative", title: options.yTitle, format: options.format },
  ];
  const bar = { type: "bar", color: "#2f5f98", tooltip: true };
  // A bar spans its whole year unless told otherwise: a supplier of one year (SARL BERGE, 14
  // contracts in 2018) got one block across the chart, read as an area, not a bar. Its width is
  // bounded, centred on its year: a share of the year's room on the time axis (the axis's width
  // over the years from the first to the last), at most MAX_BAR_PX.
  const years =
    starts.length > 0 ? utcYear(Math.max(...starts)) - utcYear(Math.min(...starts)) + 1 : 1;
  const onTimeBar = {
    ...bar,
    width: { expr: `min(${MAX_BAR_PX}, ${BAR_SHARE} * (width - ${panel}) / ${years})` },
  };
  return withUndatedPanel({
    base: frame(options.description, options.height ?? 200),
    data: { values },
    onTime: [
      { transform: [{ filter: "!datum.undated" }], mark: onTimeBar, encoding: { x, y, tooltip } },
    ],
    undated: (ux) => [{ mark: { ...bar, width: { band: 0.6 } }, encoding: { x: ux, y, tooltip } }],
    labelField: "label",
    panel,
    compact: false,
  });
}

/** The year of a period's start (a UTC timestamp). @param {number} start */
const utcYear = (start) => new Date(start).getUTCFullYear();
