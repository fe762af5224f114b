// Numbers, dates and codes in French, the way a reader expects them ("12,5 %", "1,2 M€").
import { parisDay } from "./shared/paris-day.js";
import { shareText, withoutNegativeZero } from "./shared/share-text.js";
import { formatValue } from "./shared/value-text.js";

const integer = withoutNegativeZero(new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 }));
const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });

/** @param {unknown} value */
const isNumber = (value) => typeof value === "number" && Number.isFinite(value);

// A value in its format, and a threshold or target with it, as the spreadsheets' metadata say them.
export { formatBound, formatEuro, formatValue, OPS } from "./shared/value-text.js";

/** @param {unknown} value */
export function formatInteger(value) {
  return isNumber(value) ? integer(/** @type {number} */ (value)) : "—";
}

/**
 * An indicator's value, or « non calculable » when it has none (N = 0: none of the contracts is
 * counted, often because a field is left empty), as the annual report says it
 * (server/report/format.ts); « — » would read as a value hidden, or as zero.
 * @param {unknown} value
 * @param {string | undefined} format
 */
export function formatComputed(value, format) {
  return isNumber(value) ? formatValue(value, format) : "non calculable";
}

/**
 * A value with what it rests on: « 10,5 % (N = 19, couverture 95 %) », « non calculable (N = 0,
 * couverture 0 %) »; with no contract concerned, « (N = 0, aucun marché concerné) »: the coverage
 * is then without object, not unknown.
 * @param {unknown} value
 * @param {number} n
 * @param {number | null} coverage
 * @param {string | undefined} format
 */
export function formatValueWithN(value, n, coverage, format) {
  const covered =
    typeof coverage === "number"
      ? `couverture ${formatPercent(coverage)}`
      : "aucun marché concerné";
  return `${formatComputed(value, format)} (N = ${formatInteger(n)}, ${covered})`;
}

/** @param {unknown} value */
export function formatPercent(value) {
  return isNumber(value) ? shareText(/** @type {number} */ (value)) : "—";
}

/**
 * A contract's amount in a list, said suspect when the ETL flagged it (null, under 1 000 € or a
 * filler value): it is left out of every total, and a reader adding up a list must know why.
 * @param {unknown} amount
 * @param {boolean} suspect
 */
export function formatContractAmount(amount, suspect) {
  const text = formatValue(amount, "euro");
  return suspect ? `${text} (suspect)` : text;
}

/**
 * A day in words (« 6 décembre 2026 »): a calendar date as it is, an instant on Paris's calendar
 * (shared/paris-day.js), as the run history states its times.
 * @param {unknown} value an ISO date or date-time
 */
export function formatDate(value) {
  if (typeof value !== "string" || value === "") return "—";
  const day = parisDay(value);
  if (day === null) return value;
  const text = dateFormat.format(new Date(`${day}T00:00:00Z`));
  // French writes the first of the month as an ordinal: « 1er octobre 2018 ».
  return day.endsWith("-01") ? text.replace(/^1 /, "1er ") : text;
}

/**
 * Flags in words. The two format flags read the same in the exports (server/export/table.ts)
 * and must be true of any row, the undated one included: they speak of the row's contracts,
 * never of dates.
 * @type {Record<string, string>}
 */
export const FLAG_LABELS = {
  below_min_n: "Peu de marchés : à interpréter avec prudence",
  low_coverage: "Information souvent non renseignée",
  format_not_available:
    "Aucun de ces marchés n'est publié au format 2024, le seul qui contient cette information",
  format_partial:
    "Certains de ces marchés ne sont pas au format 2024 : ils sont laissés hors du calcul",
};

/** @type {Record<string, string>} */
export const STATUS_LABELS = { green: "Vert", yellow: "Orange", red: "Rouge" };

// "1 marché", "2 marchés", "1 282 marchés": French plural (0 and 1 are singular), shared with
// the annual report.
export { plural } from "./shared/french-words.js";
