// Two CSV dialects of the same table: one that French Excel opens by double-click (UTF-8 BOM,
// `;` between fields, decimal comma, French headers) and a plain one for analysts' tools
// (`,`, decimal point, column ids, no BOM).
import type { ExportTable, ExportValue } from "./table.ts";

export interface CsvDialect {
  separator: "," | ";";
  decimalComma: boolean;
  bom: boolean;
  header: "label" | "name";
  /** Neutralise text that a spreadsheet would run as a formula (=, +, -, @ first). */
  guardFormulas: boolean;
}

export const EXCEL_FR: CsvDialect = {
  separator: ";",
  decimalComma: true,
  bom: true,
  header: "label",
  guardFormulas: true,
};

export const PLAIN: CsvDialect = {
  separator: ",",
  decimalComma: false,
  bom: false,
  header: "name",
  guardFormulas: false,
};

function field(value: ExportValue, dialect: CsvDialect): string {
  if (value === null) return "";
  // Lists (the flags) in one field, separated by "|" like the indicator command's CSV.
  if (Array.isArray(value)) return field(value.join("|"), dialect);
  let text: string;
  if (typeof value === "number") {
    text = plainNumber(value);
    if (dialect.decimalComma) text = text.replace(".", ",");
    return text;
  }
  text = typeof value === "boolean" ? String(value) : value;
  if (dialect.guardFormulas && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  const mustQuote =
    text.includes(dialect.separator) || /["\r\n]/.test(text) || text !== text.trim();
  return mustQuote ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Full precision without exponent notation (spreadsheets read 1e-7 as text). */
export function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, "");
}

export function toCsvText(table: ExportTable, dialect: CsvDialect): string {
  const header = table.columns.map((c) =>
    field(dialect.header === "label" ? c.label : c.name, dialect),
  );
  const lines = [header.join(dialect.separator)];
  for (const row of table.rows)
    lines.push(row.map((v) => field(v, dialect)).join(dialect.separator));
  return `${dialect.bom ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}
