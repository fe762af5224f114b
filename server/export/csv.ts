// Two CSV dialects of the same table: one that French Excel opens by double-click (UTF-8 BOM,
// `;` between fields, decimal comma, French headers, codes kept as text, numbers rounded to what
// a reader needs) and a plain one for analysts' tools (`,`, decimal point, column ids, no BOM,
// codes as plain text and numbers at full precision).
import { DECIMALS, numberField } from "../../client/src/shared/csv-number.js";
import { textField, type TextDialect } from "../../client/src/shared/csv-text.js";
import type { ExportColumn, ExportTable, ExportValue } from "./table.ts";

/** guardFormulas and keepCodesAsText: see client/src/shared/csv-text.js. */
export interface CsvDialect extends TextDialect {
  separator: "," | ";";
  decimalComma: boolean;
  bom: boolean;
  header: "label" | "name";
  /** Round numbers to the decimals of their column's format (DECIMALS); else full precision. */
  roundNumbers: boolean;
}

export const EXCEL_FR: CsvDialect = {
  separator: ";",
  decimalComma: true,
  bom: true,
  header: "label",
  guardFormulas: true,
  keepCodesAsText: true,
  roundNumbers: true,
};

export const PLAIN: CsvDialect = {
  separator: ",",
  decimalComma: false,
  bom: false,
  header: "name",
  guardFormulas: false,
  keepCodesAsText: false,
  roundNumbers: false,
};

// Numbers follow the rules the dashboard's on-screen CSV follows too (client/src/shared/).
export { DECIMALS, plainNumber, roundedNumber } from "../../client/src/shared/csv-number.js";

function field(value: ExportValue, column: ExportColumn | undefined, dialect: CsvDialect): string {
  if (value === null) return "";
  // Lists (the flags) in one field, separated by "|" like the indicator command's CSV.
  if (Array.isArray(value)) return field(value.join("|"), column, dialect);
  if (typeof value === "number") {
    const decimals = dialect.roundNumbers && column ? decimalsOf(column) : undefined;
    return numberField(value, { decimals, decimalComma: dialect.decimalComma });
  }
  // Text follows the rules the dashboard's on-screen CSV follows too (client/src/shared/).
  return textField(typeof value === "boolean" ? String(value) : value, dialect);
}

function decimalsOf(column: ExportColumn): number | undefined {
  if (column.format) return DECIMALS[column.format];
  return column.type === "integer" ? 0 : undefined;
}

/** The file's start: byte-order mark (if any) and header line. */
export function csvHeader(columns: readonly ExportColumn[], dialect: CsvDialect): string {
  const header = columns.map((c) =>
    field(dialect.header === "label" ? c.label : c.name, undefined, dialect),
  );
  return `${dialect.bom ? "\uFEFF" : ""}${header.join(dialect.separator)}\r\n`;
}

/** Lines of some rows, each ended by CRLF: the file is the header then these, chunk by chunk. */
export function csvLines(
  rows: readonly ExportValue[][],
  columns: readonly ExportColumn[],
  dialect: CsvDialect,
): string {
  let text = "";
  for (const row of rows) {
    text += `${row.map((v, i) => field(v, columns[i], dialect)).join(dialect.separator)}\r\n`;
  }
  return text;
}

export function toCsvText(table: ExportTable, dialect: CsvDialect): string {
  return csvHeader(table.columns, dialect) + csvLines(table.rows, table.columns, dialect);
}
