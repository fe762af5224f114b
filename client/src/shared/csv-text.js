// Text in a CSV meant for spreadsheets: one implementation for the server's exports
// (server/export/csv.ts) and the dashboard's « Ce tableau (CSV) » (client/src/table-csv.js).
// A plain ES module with no import, so that both can load the very same file: the browser from
// /src/shared/ (served like every client file), the server by a relative import (its types are
// in csv-text.d.ts). Two copies of these rules would drift apart, and the one that drifts is a
// hole through which a buyer's name reaches Excel as a formula.

/**
 * Text that Excel or LibreOffice would not keep as typed: digits only (the zero of région "01" or
 * of a SIRET is dropped, a SIRET is shown as 4,56E+12), numbers with separators, dates and times
 * ("2019-03" becomes a date in Excel), percentages, exponents. Text with letters ("2A",
 * "2014-Q2") stays text. Decided per value, not per column: the value is what the spreadsheet
 * reads, and a column of codes mixes both kinds (départements "01" and "2A").
 */
export const LOOKS_NUMERIC = /^[+-]?[\d\s.,:/%-]*\d[\d\s.,:/%-]*(?:[eE][+-]?\d+)?$/;

/** First characters that make a spreadsheet run a cell as a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * @typedef {{
 *   separator: string,
 *   guardFormulas: boolean,
 *   keepCodesAsText: boolean,
 * }} TextDialect
 *   guardFormulas: neutralise text that a spreadsheet would run as a formula;
 *   keepCodesAsText: write text that a spreadsheet would turn into a number or a date as `="…"`
 */

/** @param {string} text */
export function quoted(text) {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * One text field, quoted when RFC 4180 asks for it.
 * @param {string} text
 * @param {TextDialect} dialect
 */
export function textField(text, dialect) {
  // Excel refuses a text literal over 255 characters in a formula; no code is that long.
  if (dialect.keepCodesAsText && text.length <= 255 && LOOKS_NUMERIC.test(text)) {
    // `="01"` is a formula whose result is the text 01: Excel and LibreOffice both show the code
    // with its zeros, as text, with their default import options (LibreOffice checked in
    // tests/server/spreadsheet-export.test.ts). The alternatives fail there: a quoted "01" is
    // read as the number 1, and a leading apostrophe stays in the cell as a character. The
    // text matched LOOKS_NUMERIC, so it holds no quote and cannot escape the string literal.
    return quoted(`="${text}"`);
  }
  // A leading apostrophe makes the cell text: `=HYPERLINK(…)`, `@SUM(1)` or `+1+1` in a
  // buyer's name is shown, never run.
  const guarded = dialect.guardFormulas && FORMULA_START.test(text) ? `'${text}` : text;
  const mustQuote =
    guarded.includes(dialect.separator) || /["\r\n]/.test(guarded) || guarded !== guarded.trim();
  return mustQuote ? quoted(guarded) : guarded;
}

/**
 * Lines of fields already written (textField, or numbers formatted by the caller), CRLF ended.
 * @param {string[][]} lines
 * @param {{ separator: string, bom: boolean }} dialect
 */
export function csvDocument(lines, dialect) {
  const body = lines.map((fields) => fields.join(dialect.separator)).join("\r\n");
  return `${dialect.bom ? "\uFEFF" : ""}${body}\r\n`;
}
