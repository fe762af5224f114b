// CSV for analysts' spreadsheets: a header row, RFC 4180 quoting, flags joined with "|".
import type { JsonValue } from "../lib/duckdb.ts";

function cell(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "";
  const text = Array.isArray(value)
    ? value.map((v) => String(v)).join("|")
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, JsonValue>[],
): string {
  const lines = [columns.map((c) => cell(c)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
