// XLSX with two sheets: "Données" (typed cells with French number formats) and "Métadonnées"
// (what the numbers are: definition, formula, filters, snapshot, time of generation). Written as
// a stream (zip.ts): the rows' XML is made a chunk at a time as they arrive, so an export of a
// million rows never holds its cells in memory nor the main thread for long. Text is written as
// inline strings: a spreadsheet shows it as typed text and never runs it as a formula.
import { PassThrough, type Writable } from "node:stream";
import type { ExportColumn, ExportTable, ExportValue, MetadataEntry } from "./table.ts";
import { ZipWriter } from "./zip.ts";

// Excel number formats (numFmtId ≥ 164 are the file's own); Excel shows them with the reader's
// separators. Style indexes of styles.xml below.
const NUMBER_STYLES: Record<string, number> = { percent: 2, euro: 3, integer: 4, decimal: 5 };
const HEADER_STYLE = 1;
const WRAP_STYLE = 6;

/** Excel keeps at most this many characters in a cell. */
const MAX_CELL_TEXT = 32_767;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="4"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="#,##0 &quot;€&quot;"/><numFmt numFmtId="166" formatCode="#,##0"/><numFmt numFmtId="167" formatCode="#,##0.0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment wrapText="1"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Données" sheetId="1" r:id="rId1"/><sheet name="Métadonnées" sheetId="2" r:id="rId2"/></sheets></workbook>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

/**
 * Control characters XML 1.0 cannot carry (all but tab and line breaks), U+FFFE and U+FFFF, as
 * Excel's `_xHHHH_` escapes. A loop rather than a regular expression of control characters.
 */
function escapeForbidden(text: string): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const forbidden =
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0xfffe ||
      code === 0xffff;
    if (!forbidden) continue;
    out += `${text.slice(start, i)}_x${code.toString(16).toUpperCase().padStart(4, "0")}_`;
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

/**
 * Text as XML character data. Control characters XML cannot carry are written as Excel's
 * `_xHHHH_` escapes, and a literal `_xHHHH_` in the text is escaped itself, so both read back.
 */
export function xmlText(text: string): string {
  const clipped = text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT - 1)}…` : text;
  return escapeForbidden(clipped.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_"))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** Column letters of a 0-based index: A … Z, AA … */
function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function textCell(ref: string, text: string, style = 0): string {
  const s = style ? ` s="${style}"` : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

function dataCell(ref: string, value: ExportValue, column: ExportColumn): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    const style = column.format ? NUMBER_STYLES[column.format] : undefined;
    return `<c r="${ref}"${style ? ` s="${style}"` : ""}><v>${value}</v></c>`;
  }
  if (typeof value === "boolean") return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  return textCell(ref, Array.isArray(value) ? value.join(" ; ") : value);
}

function row(index: number, cells: string[]): string {
  return `<row r="${index}">${cells.join("")}</row>`;
}

async function* dataSheet(
  columns: ExportColumn[],
  rows: AsyncIterable<ExportValue[][]> | Iterable<ExportValue[][]>,
): AsyncGenerator<string> {
  const letters = columns.map((_, i) => columnName(i));
  const widths = columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.type === "string" ? 28 : 16}" customWidth="1"/>`,
    )
    .join("");
  yield `${SHEET_START}<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${widths}</cols><sheetData>`;
  yield row(
    1,
    columns.map((c, i) => textCell(`${letters[i]}1`, c.label, HEADER_STYLE)),
  );
  let index = 1;
  for await (const chunk of rows) {
    const lines: string[] = [];
    for (const values of chunk) {
      index++;
      lines.push(
        row(
          index,
          columns.map((c, i) => dataCell(`${letters[i]}${index}`, values[i] ?? null, c)),
        ),
      );
    }
    yield lines.join("");
  }
  yield "</sheetData></worksheet>";
}

function metadataSheet(columns: ExportColumn[], metadata: MetadataEntry[]): string {
  const lines: string[][] = [
    ["Élément", "Valeur"],
    ...metadata.map((m) => [m.label, m.value]),
    [],
    ["Colonne", "Signification"],
    ...columns.map((c) => [c.name, c.label]),
  ];
  const headers = new Set([0, metadata.length + 2]);
  const body = lines
    .map((cells, i) =>
      row(
        i + 1,
        cells.map((text, j) =>
          textCell(
            `${columnName(j)}${i + 1}`,
            text,
            headers.has(i) ? HEADER_STYLE : j === 1 ? WRAP_STYLE : 0,
          ),
        ),
      ),
    )
    .join("");
  return `${SHEET_START}<cols><col min="1" max="1" width="32" customWidth="1"/><col min="2" max="2" width="100" customWidth="1"/></cols><sheetData>${body}</sheetData></worksheet>`;
}

/** Writes the workbook to `out`, reading the rows as they come, and ends it. */
export async function writeXlsx(
  out: Writable,
  columns: ExportColumn[],
  metadata: MetadataEntry[],
  rows: AsyncIterable<ExportValue[][]> | Iterable<ExportValue[][]>,
): Promise<void> {
  const zip = new ZipWriter(out);
  await zip.add("[Content_Types].xml", [CONTENT_TYPES]);
  await zip.add("_rels/.rels", [ROOT_RELS]);
  await zip.add("xl/workbook.xml", [WORKBOOK]);
  await zip.add("xl/_rels/workbook.xml.rels", [WORKBOOK_RELS]);
  await zip.add("xl/styles.xml", [STYLES]);
  await zip.add("xl/worksheets/sheet1.xml", dataSheet(columns, rows));
  await zip.add("xl/worksheets/sheet2.xml", [metadataSheet(columns, metadata)]);
  await zip.finish();
}

/** A whole table as XLSX bytes (tests, small files). */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on("data", (chunk: Buffer) => parts.push(chunk));
  await writeXlsx(out, table.columns, table.metadata, [table.rows]);
  return Buffer.concat(parts);
}
