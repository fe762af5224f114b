// An indicator's value in French figures, in its own format (« 10 % », « 1,2 M€ », « 3,5 »), and a
// threshold or target said with it (« ≤ 10 % »): one implementation for the dashboard
// (client/src/format.js: the tables, badges, definitions and charts) and the spreadsheets'
// « Métadonnées » (server/export/table.ts), so that a threshold reads « 10 % » in the file as on
// screen, never « 0,1 ». A plain ES module importing only its neighbours, loaded by the browser
// from /src/shared/ and by the server through a relative import (types in value-text.d.ts).
import { shareText, withoutNegativeZero } from "./share-text.js";

const integer = withoutNegativeZero(new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 }));
const decimal = withoutNegativeZero(new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }));
const euro = withoutNegativeZero(
  new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }),
);

/** @param {unknown} value */
const isNumber = (value) => typeof value === "number" && Number.isFinite(value);

/**
 * @param {unknown} value
 * @param {string | undefined} format  percent | euro | integer | decimal
 * @returns {string}
 */
export function formatValue(value, format) {
  if (!isNumber(value)) return "—";
  const n = /** @type {number} */ (value);
  switch (format) {
    case "percent":
      return shareText(n);
    case "euro":
      return formatEuro(n);
    case "integer":
      return integer(n);
    default:
      return decimal(n);
  }
}

/** Large amounts in words a reader can say: "47,5 millions d'euros" is clearer than 8 digits.
 * @param {number} n */
export function formatEuro(n) {
  if (Math.abs(n) >= 1e9) return `${decimal(n / 1e9)} Md€`;
  if (Math.abs(n) >= 1e6) return `${decimal(n / 1e6)} M€`;
  return euro(n);
}

/** @type {Record<string, string>} */
export const OPS = { lt: "<", lte: "≤", gt: ">", gte: "≥" };

/**
 * The value of a threshold or target in the indicator's own format.
 * @param {{ op: string, value: number } | undefined} bound
 * @param {string} format
 */
export function formatBound(bound, format) {
  return bound ? `${OPS[bound.op] ?? bound.op} ${formatValue(bound.value, format)}` : "";
}
