// XLSX with two sheets: "Données" (typed cells with French number formats) and "Métadonnées"
// (what the numbers are: definition, formula, filters, snapshot, time of generation).
import writeXlsxFile, { type Cell, type SheetData } from "write-excel-file/node";
import type { ExportColumn, ExportTable, ExportValue } from "./table.ts";

// Excel number formats; Excel shows them with the reader's own separators.
const NUMBER_FORMATS: Record<string, string> = {
  percent: "0.0%",
  euro: '#,##0 "€"',
  integer: "#,##0",
  decimal: "#,##0.0",
};

function dataCell(value: ExportValue, column: ExportColumn): Cell {
  if (value === null) return null;
  if (typeof value === "number") {
    const format = column.format ? NUMBER_FORMATS[column.format] : undefined;
    return format ? { value, type: Number, format } : { value, type: Number };
  }
  if (typeof value === "boolean") return { value, type: Boolean };
  if (Array.isArray(value)) return { value: value.join(" ; "), type: String };
  return { value, type: String };
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const header: Cell[] = table.columns.map((c) => ({
    value: c.label,
    type: String,
    fontWeight: "bold",
    wrap: true,
  }));
  const data: SheetData = [
    header,
    ...table.rows.map((row) => row.map((v, i) => dataCell(v, table.columns[i] as ExportColumn))),
  ];
  const metadata: SheetData = [
    [
      { value: "Élément", type: String, fontWeight: "bold" },
      { value: "Valeur", type: String, fontWeight: "bold" },
    ],
    ...table.metadata.map((m): Cell[] => [
      { value: m.label, type: String },
      { value: m.value, type: String, wrap: true },
    ]),
    [],
    [
      { value: "Colonne", type: String, fontWeight: "bold" },
      { value: "Signification", type: String, fontWeight: "bold" },
    ],
    ...table.columns.map((c): Cell[] => [
      { value: c.name, type: String },
      { value: c.label, type: String },
    ]),
  ];
  return writeXlsxFile([
    {
      sheet: "Données",
      data,
      columns: table.columns.map((c) => ({ width: c.type === "string" ? 28 : 16 })),
      stickyRowsCount: 1,
    },
    { sheet: "Métadonnées", data: metadata, columns: [{ width: 32 }, { width: 100 }] },
  ]).toBuffer();
}
