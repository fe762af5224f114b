// Time keys as time: each year, quarter or month becomes the UTC timestamp of its first day, so
// charts put periods on a temporal scale (a missing year is a gap, not a neighbour), and rows
// without a date are told apart. UTC throughout: a reader west of Greenwich must not see
// 1 January 2024 drawn in 2023.

/** Vega-Lite time units of each grain (UTC). */
export const TIME_UNITS = { year: "utcyear", quarter: "utcyearquarter", month: "utcyearmonth" };

/** Months in one period of each grain. */
const MONTHS = { year: 12, quarter: 3, month: 1 };

/** Axis label formats (d3-time-format; the French locale of charts/locale.js names months). */
const LABEL_FORMATS = { year: "%Y", quarter: "T%q %Y", month: "%b %Y" };

// What the chart and the table call the row of contracts without a notification date (the
// spreadsheets say it too: shared/missing-key.js).
export { UNKNOWN_DATE } from "../shared/missing-key.js";

/**
 * @param {string} grain  year | quarter | month
 * @returns {grain is keyof MONTHS}
 */
export const isGrain = (grain) => Object.hasOwn(MONTHS, grain);

/**
 * The first day of a period, as a UTC timestamp: 2024 → 2024-01-01, "2024-Q3" → 2024-07-01,
 * "2024-07" → 2024-07-01. Null for a row without a date (or a key it cannot read).
 * @param {string} grain
 * @param {unknown} key
 * @returns {number | null}
 */
export function periodStart(grain, key) {
  if (key === null || key === undefined) return null;
  const text = String(key);
  const match =
    grain === "year"
      ? /^(\d{4})$/.exec(text)
      : grain === "quarter"
        ? /^(\d{4})-Q([1-4])$/.exec(text)
        : /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month =
    grain === "year" ? 0 : grain === "quarter" ? (Number(match[2]) - 1) * 3 : Number(match[2]) - 1;
  return Date.UTC(year, month, 1);
}

/**
 * Rows with the latest period first and those without a date last (periods compare as
 * numbers or as "2024-Q3" / "2024-07" text); other orders are kept, as the sort is stable.
 * The latest figure is the one readers look for first: it is at the top, without scrolling.
 * @template {Record<string, unknown>} T
 * @param {T[]} rows
 * @param {string} key
 * @returns {T[]}
 */
export function newestFirst(rows, key) {
  return [...rows].sort((a, b) => {
    const [x, y] = [a[key], b[key]];
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return String(x).padStart(12) < String(y).padStart(12) ? 1 : -1;
  });
}

/**
 * The start of the period `count` periods after `start`.
 * @param {keyof MONTHS} grain
 * @param {number} start
 * @param {number} count
 */
function shift(grain, start, count) {
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count * MONTHS[grain], 1);
}

/**
 * Every period from the first to the last of `starts`, with or without a row.
 * @param {keyof MONTHS} grain
 * @param {number[]} starts
 */
function span(grain, starts) {
  if (starts.length === 0) return [];
  const last = Math.max(...starts);
  const periods = [Math.min(...starts)];
  while (periods[periods.length - 1] < last) {
    periods.push(shift(grain, periods[periods.length - 1], 1));
  }
  return periods;
}

/**
 * The periods between the first and the last of `starts` that have no row: the gaps a line
 * must not bridge.
 * @param {string} grain
 * @param {number[]} starts  period starts (UTC timestamps)
 * @returns {number[]}
 */
export function missingPeriods(grain, starts) {
  if (!isGrain(grain)) return [];
  const have = new Set(starts);
  return span(grain, starts).filter((start) => !have.has(start));
}

/** At most this many labels on a full-size time axis. */
const MAX_LABELS = 8;

/** Room one label needs on the axis (pixels): « 2024 », « T3 2024 », « sept. 2024 ». */
const LABEL_ROOM = { year: 44, quarter: 64, month: 76 };

/**
 * Every `step`-th period, counted back from the latest, so the latest is always labelled.
 * @param {number[]} periods
 * @param {number} step
 */
function everyStep(periods, step) {
  return periods.filter((_, i) => (periods.length - 1 - i) % step === 0);
}

/**
 * The labelled periods of a full-size axis, as an expression of the chart's width: the most
 * labels (at most MAX_LABELS) that fit side by side without overlapping, on a laptop as on a
 * phone. Vega evaluates it again when the width changes.
 * @param {keyof MONTHS} grain
 * @param {number[]} periods  every period of the axis
 * @param {(labelled: number[]) => number[]} place  where each label goes (start or middle)
 * @param {number} panel  pixels at the right kept for the undated contracts
 * @returns {{ expr: string }}
 */
function labelValues(grain, periods, place, panel) {
  const count = periods.length;
  const base = Math.max(1, Math.ceil(count / MAX_LABELS));
  /** @type {number[]} */
  const steps = [];
  for (let step = base; steps.length === 0 || steps[steps.length - 1] < count;) {
    steps.push(step);
    step = step < 4 * base ? step + base : step * 2;
  }
  const values = (/** @type {number} */ step) => JSON.stringify(place(everyStep(periods, step)));
  if (steps.length === 1) return { expr: values(base) };
  // Room of one period: the width of the time axis over the number of periods.
  const room = `(width - ${panel}) / ${count}`;
  let expr = values(steps[steps.length - 1] ?? count);
  for (const step of steps.slice(0, -1).reverse()) {
    expr = `${room} * ${step} >= ${LABEL_ROOM[grain]} ? ${values(step)} : ${expr}`;
  }
  return { expr };
}

/**
 * The x encoding of a time key: temporal, UTC. Labels are counted back from the latest period,
 * so the latest is always labelled, and as many as fit the width; a small chart labels only the
 * first and the last.
 * @param {string} grain
 * @param {{ title: string | null, compact: boolean, starts: number[], bars: boolean, panel?: number }} options
 *   starts: the periods with a row; bars: marks fill their period, so labels go to its middle;
 *   panel: pixels at the right of the axis kept for the undated contracts
 */
export function timeX(grain, { title, compact, starts, bars, panel = 0 }) {
  const key = isGrain(grain) ? grain : "year";
  const periods = span(key, starts);
  // A bar spans its period: its label sits at the middle, between this start and the next.
  const place = (/** @type {number[]} */ labelled) =>
    bars ? labelled.map((start) => (start + shift(key, start, 1)) / 2) : labelled;
  // Always an expression giving timestamps: a plain list becomes `datetime(timestamp)` in Vega,
  // which Vega's expression interpreter (client/src/charts/render.js) reads as a year, so no
  // label would be drawn.
  const values = compact
    ? {
        expr: JSON.stringify(
          place(
            [...new Set([periods[0], periods[periods.length - 1]])].filter((p) => p !== undefined),
          ),
        ),
      }
    : labelValues(key, periods, place, panel);
  return {
    field: "period",
    type: "temporal",
    timeUnit: TIME_UNITS[key],
    title,
    axis: {
      format: LABEL_FORMATS[key],
      values,
      labelAngle: 0,
      // Labels are few and placed on purpose: none dropped; centred on their period, but a
      // small chart keeps its two end labels inside its own width.
      labelOverlap: false,
      labelFlush: compact,
      ...(compact ? { ticks: false, domain: false, grid: false } : {}),
      ...(bars ? { grid: false } : {}),
    },
  };
}
