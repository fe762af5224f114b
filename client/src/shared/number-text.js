// A figure in its indicator's unit, in French (« 30 % », « 12 500 € », « 3,5 »): one
// implementation for the annual report (server/report/format.ts) and the shared sentences that
// name a figure on the dashboard and in the report alike (gap-words.js). A plain ES module that
// imports only its shared neighbours (types in number-text.d.ts).
import { shareText, withoutNegativeZero } from "./share-text.js";

const integer = withoutNegativeZero(new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 }));
const euro = withoutNegativeZero(
  new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }),
);
const decimal = withoutNegativeZero(new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }));

/**
 * @param {number} value
 * @param {string} format  percent | euro | integer | decimal (anything else: decimal)
 * @returns {string}
 */
export function numberText(value, format) {
  if (format === "percent") return shareText(value);
  if (format === "euro") return euro(value);
  if (format === "integer") return integer(value);
  return decimal(value);
}
