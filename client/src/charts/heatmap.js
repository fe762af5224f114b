// An indicator broken down by two dimensions as a heatmap: one row per value of the first, one
// column per value of the second (periods in time order, the undated last), the colour for the
// value, a grey cell where there is none, and a ring on cells computed on few contracts.
import {
  basisTooltips,
  chartRows,
  frame,
  NO_LABEL,
  TIME_KEYS,
  UNRELIABLE,
  valueTooltip,
  valueColor,
} from "./common.js";
import { labelOrder } from "../pivot.js";
import { inSentence } from "../shared/french-words.js";
import { periodStart, UNKNOWN_DATE } from "./time.js";

/** Rows drawn at most (the ones with the most contracts); the table shows every row. */
export const MAX_ROWS = 30;

/**
 * @param {import("../types.js").IndicatorResult} result  broken down by rowKey and columnKey
 * @param {string} rowKey
 * @param {string} columnKey
 * @returns {{ spec: Record<string, unknown>, shown: number, total: number } | null}
 */
export function heatmapSpec(result, rowKey, columnKey) {
  const ind = result.indicator;
  const keys = result.columns.filter((c) => c.role === "key").map((c) => c.name);
  if (ind.shape !== "single" || !keys.includes(rowKey) || !keys.includes(columnKey)) return null;
  const time = TIME_KEYS.includes(columnKey);
  const rowField = `${rowKey}_label`;
  const columnField = `${columnKey}_label`;
  const all = chartRows(result, [rowKey, columnKey]).map((row) =>
    time && row[columnKey] === null ? { ...row, [columnField]: UNKNOWN_DATE } : row,
  );
  // The rows with the most contracts when there are too many to draw.
  /** @type {Map<string, number>} */
  const totals = new Map();
  for (const row of all) {
    const key = String(row[rowField] ?? NO_LABEL);
    totals.set(key, (totals.get(key) ?? 0) + Number(row.n_scope));
  }
  const kept = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr"))
    .slice(0, MAX_ROWS)
    .map(([key]) => key);
  const rows = all.filter((row) => kept.includes(String(row[rowField])));
  const columnOrder = [...new Set(rows.map((row) => String(row[columnField])))].sort((a, b) =>
    time ? order(columnKey, rows, a, b) : labelOrder(a, b),
  );
  const rowLabel = result.columns.find((c) => c.name === rowKey)?.label ?? rowKey;
  const columnLabel = result.columns.find((c) => c.name === columnKey)?.label ?? columnKey;
  const x = {
    field: columnField,
    type: "ordinal",
    sort: columnOrder,
    title: columnLabel,
    axis: { labelAngle: 0, labelOverlap: "greedy", orient: "top" },
  };
  const y = {
    field: rowField,
    type: "nominal",
    // As the table under it: alphabetical order, « Non renseigné » last.
    sort: [...kept].sort(labelOrder),
    // No axis title: the block's heading names both dimensions (« Répartition par acheteur
    // (SIRET) et par année de notification »), and Vega drew « Acheteur (SIRET) » across the
    // longest names, as on the breakdown chart (charts/breakdown.js).
    title: null,
    axis: { labelLimit: { expr: "clamp(containerSize()[0] * 0.4, 100, 260)" } },
  };
  const tooltip = [
    { field: rowField, type: "nominal", title: rowLabel },
    { field: columnField, type: "nominal", title: columnLabel },
    valueTooltip(result),
    ...basisTooltips(result),
  ];
  const title = `${ind.title}, par ${inSentence(rowLabel)} et par ${inSentence(columnLabel)}`;
  const description =
    kept.length < totals.size
      ? `${title} : les ${kept.length} lignes comptant le plus de marchés, sur ${totals.size}.`
      : `${title}.`;
  return {
    shown: kept.length,
    total: totals.size,
    spec: {
      ...frame(description, Math.max(60, 26 * kept.length)),
      data: { values: rows },
      layer: [
        // Every cell in grey first: a cell without a value stays visible as such.
        { mark: { type: "rect", fill: "#e6e6e6", stroke: "#ffffff" }, encoding: { x, y, tooltip } },
        {
          transform: [{ filter: "isValid(datum.value)" }],
          mark: { type: "rect", stroke: "#ffffff", tooltip: true },
          encoding: {
            x,
            y,
            color: valueColor(result, {
              orient: "bottom",
              gradientLength: { expr: "clamp(width - 40, 80, 240)" },
              titleLimit: { expr: "max(width, 120)" },
            }),
            tooltip,
          },
        },
        // Few contracts: a white ring with a dark edge, visible on light and dark cells alike,
        // explained by the note above the chart (a second legend beside the colours would run
        // off a phone's screen).
        {
          transform: [{ filter: `datum.reliability === ${JSON.stringify(UNRELIABLE)}` }],
          mark: { type: "point", filled: true, fill: "#ffffff", stroke: "#1d1d1f", size: 40 },
          encoding: {
            x,
            y,
            shape: {
              field: "reliability",
              type: "nominal",
              title: null,
              scale: { domain: [UNRELIABLE], range: ["circle"] },
              legend: null,
            },
            tooltip,
          },
        },
      ],
    },
  };
}

/**
 * Time order of two period labels: by the period of a row carrying each, the undated last.
 * @param {string} key
 * @param {Record<string, unknown>[]} rows
 * @param {string} a
 * @param {string} b
 */
function order(key, rows, a, b) {
  const start = (/** @type {string} */ label) => {
    const row = rows.find((r) => r[`${key}_label`] === label);
    return periodStart(key, row?.[key]) ?? Number.POSITIVE_INFINITY;
  };
  return start(a) - start(b);
}
