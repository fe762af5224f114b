// Two CSV dialects of the same table: one that French Excel opens by double-click (UTF-8 BOM,
// `;` between fields, decimal comma, French headers, codes kept as text, numbers rounded to what
// a reader needs) and a plain one for analysts' tools (`,`, decimal point, column ids, no BOM,
// codes as plain text and numbers at full precision).
import type { ExportColumn, ExportFormat, ExportTable, ExportValue } from "./table.ts";

export interface CsvDialect {
  separator: "," | ";";
  decimalComma: boolean;
  bom: boolean;
  header: "label" | "name";
  /** Neutralise text that a spreadsheet would run as a formula (=, +, -, @ first). */
  guardFormulas: boolean;
  /** Write text that a spreadsheet would turn into a number or a date as `="…"`. */
  keepCodesAsText: boolean;
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

/**
 * Text that Excel or LibreOffice would not keep as typed: digits only (the zero of région "01" or
 * of a SIRET is dropped, a SIRET is shown as 4,56E+12), numbers with separators, dates and times
 * ("2019-03" becomes a date in Excel), percentages, exponents. Text with letters ("2A",
 * "2014-Q2") stays text. Decided per value, not per column: the value is what the spreadsheet
 * reads, and a column of codes mixes both kinds (départements "01" and "2A").
 */
const LOOKS_NUMERIC = /^[+-]?[\d\s.,:/%-]*\d[\d\s.,:/%-]*(?:[eE][+-]?\d+)?$/;

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
  const text = typeof value === "boolean" ? String(value) : value;
  // Excel refuses a text literal over 255 characters in a formula; no code is that long.
  if (dialect.keepCodesAsText && text.length <= 255 && LOOKS_NUMERIC.test(text)) {
    // `="01"` is a formula whose result is the text 01: Excel and LibreOffice both show the code
    // with its zeros, as text, with their default import options (LibreOffice 7.4 checked in
    // tests/server/spreadsheet-export.test.ts). The alternatives fail there: a quoted "01" is
    // read as the number 1, and a leading apostrophe stays in the cell as a character. The
    // field is quoted as RFC 4180 asks, so conforming CSV readers see `="01"` too. The text
    // matched LOOKS_NUMERIC, so it holds no quote and cannot escape the string literal.
    return quoted(`="${text}"`);
  }
  const guarded = dialect.guardFormulas && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  const mustQuote =
    guarded.includes(dialect.separator) || /["\r\n]/.test(guarded) || guarded !== guarded.trim();
  return mustQuote ? quoted(guarded) : guarded;
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
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
