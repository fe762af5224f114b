// The table on screen as a CSV French Excel opens (BOM, semicolons), with the text rules of the
// server's exports (shared/csv-text.js): a buyer's name such as `=HYPERLINK(…)` is shown, never
// run, and codes or figures keep the form they have on screen.
import { csvDocument, textField } from "./shared/csv-text.js";

const EXCEL = { separator: ";", bom: true, guardFormulas: true, keepCodesAsText: true };

/**
 * @param {{ headers: string[], rows: string[][] }} model
 * @returns {string}
 */
export function tableCsv(model) {
  const lines = [model.headers, ...model.rows].map((cells) =>
    model.headers.map((_, i) => textField(cells[i] ?? "", EXCEL)),
  );
  return csvDocument(lines, EXCEL);
}
