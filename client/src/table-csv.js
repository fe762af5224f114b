// The table on screen as a CSV French Excel opens (BOM, semicolons), with the rules of the
// server's « CSV pour Excel » (shared/csv-text.js, shared/csv-number.js): a buyer's name such as
// `=HYPERLINK(…)` is shown, never run; codes keep the form they have on screen; figures are
// numbers a spreadsheet can sort and add up (« 73,3 % » is 0,7333 under a header that says it is
// a share, « 3 759 » is 3759), not the screen's words kept as text.
import { DECIMALS, numberField } from "./shared/csv-number.js";
import { csvDocument, textField } from "./shared/csv-text.js";

const EXCEL = { separator: ";", bom: true, guardFormulas: true, keepCodesAsText: true };

/**
 * @typedef {"percent" | "euro" | "integer" | "decimal"} NumberFormat
 * @typedef {{
 *   headers: string[], formats: (NumberFormat | null)[], rows: (string | number | null)[][],
 * }} CsvTable
 *   the cells of the file: text, a number (written in its column's format: DECIMALS), or null
 *   for no value (an empty field, as the server's CSV writes it)
 */

/** What a share column's header adds in the file, where the share is a number from 0 to 1. */
export const SHARE_UNIT = "part, 1 = 100 %";

/**
 * A number, or null for anything else (a value the API could not compute).
 * @param {unknown} value
 */
export const numberOrNull = (value) =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/**
 * The file of a table: its CSV cells when it has them (numbers as numbers), else the words on
 * screen (tables of text).
 * @param {{ headers: string[], rows: string[][], csv?: CsvTable }} model
 * @returns {string}
 */
export function tableCsv(model) {
  const table = model.csv ?? { ...model, formats: model.headers.map(() => null) };
  const lines = [
    table.headers.map((text) => textField(text, EXCEL)),
    ...table.rows.map((cells) =>
      table.headers.map((_, i) => {
        const cell = cells[i] ?? null;
        if (cell === null) return "";
        if (typeof cell === "string") return textField(cell, EXCEL);
        const format = table.formats[i];
        return numberField(cell, {
          decimals: format ? DECIMALS[format] : undefined,
          decimalComma: true,
        });
      }),
    ),
  ];
  return csvDocument(lines, EXCEL);
}
