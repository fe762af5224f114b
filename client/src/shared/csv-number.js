// Numbers in a CSV meant for spreadsheets: one implementation for the server's exports
// (server/export/csv.ts) and the dashboard's « Ce tableau (CSV) » (client/src/table-csv.js), so
// that both write a share, an amount or a count the same way: a plain number French Excel and
// LibreOffice read as a number (decimal comma, no thousands separator, no unit, never an
// exponent), rounded to what a reader needs. A plain ES module with no import, loaded by the
// browser from /src/shared/ and by the server through a relative import (types in
// csv-number.d.ts).

/**
 * Decimals a reader needs per column format: a share to a hundredth of a percent (0.1234 =
 * 12.34 %), an amount to the cent, a count as a whole number, a mean or median (offers, months,
 * days) to two decimals. A column without a format keeps its full precision.
 * @type {Record<"percent" | "euro" | "integer" | "decimal", number>}
 */
export const DECIMALS = {
  percent: 4,
  euro: 2,
  integer: 0,
  decimal: 2,
};

/**
 * Full precision without exponent notation (spreadsheets read 1e-7 as text).
 * @param {number} value
 */
export function plainNumber(value) {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, "");
}

/**
 * At most `decimals` decimals, trailing zeros dropped, never "-0" nor an exponent.
 * @param {number} value
 * @param {number} decimals
 */
export function roundedNumber(value, decimals) {
  // toFixed writes an exponent from 1e21 on; such a number has no decimals left to round.
  if (Math.abs(value) >= 1e21) return plainNumber(value);
  const text = value.toFixed(decimals);
  const trimmed = text.includes(".") ? text.replace(/\.?0+$/, "") : text;
  return /^-0$/.test(trimmed) ? "0" : trimmed;
}

/**
 * A number as a field: rounded to `decimals` when given (else full precision), with a decimal
 * comma when asked (French spreadsheets). Never quoted: it holds no separator, and a quoted
 * number is what makes a spreadsheet keep it as text.
 * @param {number} value
 * @param {{ decimals?: number, decimalComma: boolean }} options
 */
export function numberField(value, { decimals, decimalComma }) {
  const text = decimals === undefined ? plainNumber(value) : roundedNumber(value, decimals);
  return decimalComma ? text.replace(".", ",") : text;
}
