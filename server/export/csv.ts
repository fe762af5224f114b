// Two CSV dialects of the same table: one that French Excel opens by double-click (UTF-8 BOM,
// `;` between fields, decimal comma, French headers, codes kept as text, numbers rounded to what
// a reader needs) and a plain one for analysts' tools (`,`, decimal point, column ids, no BOM,
// codes as plain text and numbers at full precision).
import { csvDocument, textField, type TextDialect } from "../../client/src/shared/csv-text.js";
import type { ExportColumn, ExportFormat, ExportTable, ExportValue } from "./table.ts";

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

/**
 * Decimals a reader needs per column format: a share to a hundredth of a percent (0.1234 =
 * 12.34 %), an amount to the cent, a count as a whole number, a mean or median (offers, months,
 * days) to two decimals. A column without a format keeps its full precision.
 */
export const DECIMALS: Record<ExportFormat, number> = {
  percent: 4,
  euro: 2,
  integer: 0,
  decimal: 2,
};

function field(value: ExportValue, column: ExportColumn | undefined, dialect: CsvDialect): string {
  if (value === null) return "";
  // Lists (the flags) in one field, separated by "|" like the indicator command's CSV.
  if (Array.isArray(value)) return field(value.join("|"), column, dialect);
  if (typeof value === "number") {
    const decimals = column ? decimalsOf(column) : undefined;
    let text =
      dialect.roundNumbers && decimals !== undefined
        ? roundedNumber(value, decimals)
        : plainNumber(value);
    if (dialect.decimalComma) text = text.replace(".", ",");
    return text;
  }
  // Text follows the rules the dashboard's on-screen CSV follows too (client/src/shared/).
  return textField(typeof value === "boolean" ? String(value) : value, dialect);
}

function decimalsOf(column: ExportColumn): number | undefined {
  if (column.format) return DECIMALS[column.format];
  return column.type === "integer" ? 0 : undefined;
}

/** Full precision without exponent notation (spreadsheets read 1e-7 as text). */
export function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, "");
}

/** At most `decimals` decimals, trailing zeros dropped, never "-0" nor an exponent. */
export function roundedNumber(value: number, decimals: number): string {
  // toFixed writes an exponent from 1e21 on; such a number has no decimals left to round.
  if (Math.abs(value) >= 1e21) return plainNumber(value);
  const text = value.toFixed(decimals);
  const trimmed = text.includes(".") ? text.replace(/\.?0+$/, "") : text;
  return /^-0$/.test(trimmed) ? "0" : trimmed;
}

export function toCsvText(table: ExportTable, dialect: CsvDialect): string {
  const header = table.columns.map((c) =>
    field(dialect.header === "label" ? c.label : c.name, undefined, dialect),
  );
  const rows = table.rows.map((row) => row.map((v, i) => field(v, table.columns[i], dialect)));
  return csvDocument([header, ...rows], dialect);
}
