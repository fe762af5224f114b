// Contracts without a notification date, drawn apart from time: a narrow panel at the right of
// the time axis, with its own axis labelled « Date inconnue » and the same y scale, so the
// years and the undated contracts add up on screen without the undated ones posing as a year.

/** Width of the panel (pixels), full size and on a small card, and the space before it. */
const PANEL = { full: 100, compact: 86, gap: 20 };

/**
 * The panel's width: 0 when no row lacks a date.
 * @param {boolean} hasUndated
 * @param {boolean} compact
 */
export function panelWidth(hasUndated, compact) {
  return hasUndated ? (compact ? PANEL.compact : PANEL.full) : 0;
}

/**
 * The time axis' range when there is a panel: it stops short of the panel.
 * @param {number} panel
 */
export function timeRange(panel) {
  return { range: [0, { expr: `width - ${panel}` }] };
}

/**
 * A layered chart with the time layers and, when some rows lack a date, the panel beside them.
 * Rows carry `undated` (boolean) and the panel's x reads `labelField` (« Date inconnue »).
 * @param {{
 *   base: Record<string, unknown>, data: Record<string, unknown>,
 *   onTime: Record<string, unknown>[], undated: (x: Record<string, unknown>) => Record<string, unknown>[],
 *   labelField: string, panel: number, compact: boolean, overlays?: Record<string, unknown>[],
 * }} parts  onTime: layers on the time axis; undated: the panel's marks for its x encoding;
 *   overlays: layers over both (reference rules)
 */
export function withUndatedPanel({
  base,
  data,
  onTime,
  undated,
  labelField,
  panel,
  compact,
  overlays = [],
}) {
  if (panel === 0) return { ...base, data, layer: [...onTime, ...overlays] };
  const left = { expr: `width - ${panel - PANEL.gap}` };
  const x = {
    field: labelField,
    type: "nominal",
    title: null,
    scale: { range: [left, { expr: "width" }] },
    axis: {
      orient: "bottom",
      labelAngle: 0,
      ticks: false,
      domain: !compact,
      labelFontSize: compact ? 10 : 12,
      labelLimit: panel,
    },
  };
  const background = {
    data: { values: [{}] },
    mark: { type: "rect", color: "#f1f1ee" },
    encoding: {
      x: { value: left },
      x2: { value: { expr: "width" } },
      y: { value: 0 },
      y2: { value: { expr: "height" } },
    },
  };
  const marks = undated(x).map((layer) => ({
    ...layer,
    transform: [{ filter: "datum.undated" }, .../** @type {object[]} */ (layer.transform ?? [])],
  }));
  // Two x scales side by side (time, then the panel) sharing one y scale.
  return {
    ...base,
    data,
    layer: [{ layer: onTime }, { layer: [background, ...marks] }, ...overlays],
    resolve: { scale: { x: "independent" }, axis: { x: "independent" } },
  };
}
