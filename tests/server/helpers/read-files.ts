// Readers for the exported files, to check that each one parses and says what it should.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { openDatabase, queryRows, type Row } from "../../../lib/duckdb.ts";

/** RFC 4180 records (quoted fields may hold separators, quotes and line breaks). */
export function parseCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else field += c;
  }
  if (field !== "" || record.length > 0) endRecord();
  return records;
}

/** The sheets of an XLSX file: name → rows of cell texts (shared strings resolved). */
export function readXlsx(bytes: Uint8Array): Map<string, string[][]> {
  const files = unzipSync(bytes);
  const text = (name: string) => {
    const file = files[name];
    if (!file) throw new Error(`missing ${name} in the XLSX file`);
    return strFromU8(file);
  };
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  const shared = [
    ...(files["xl/sharedStrings.xml"] ? text("xl/sharedStrings.xml") : "").matchAll(
      /<si>([\s\S]*?)<\/si>/g,
    ),
  ].map((m) =>
    unescape([...(m[1] ?? "").matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")),
  );
  const names = [...text("xl/workbook.xml").matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) =>
    unescape(m[1] ?? ""),
  );
  const sheets = new Map<string, string[][]>();
  names.forEach((name, i) => {
    const xml = text(`xl/worksheets/sheet${i + 1}.xml`);
    const rows = [...xml.matchAll(/<row[^>]*>([\s\S]*?)<\/row>|<row[^>]*\/>/g)].map((row) => {
      const cells: string[] = [];
      for (const cell of (row[1] ?? "").matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = cell[1] ?? "";
        const inner = cell[2] ?? "";
        const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        const inline = /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1];
        // A cell's place is its reference (r="C2"): a writer may leave empty cells out.
        const ref = /\br="([A-Z]+)\d+"/.exec(attrs)?.[1];
        const at = ref
          ? [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
          : cells.length;
        while (cells.length < at) cells.push("");
        cells[at] =
          /t="s"/.test(attrs) && value !== undefined
            ? (shared[Number(value)] ?? "")
            : unescape(value ?? inline ?? "");
      }
      return cells;
    });
    sheets.set(name, rows);
  });
  return sheets;
}

/** Rows and key-value metadata of a Parquet file, read back by DuckDB. */
export async function readParquet(
  bytes: Uint8Array,
): Promise<{ rows: Row[]; metadata: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), "observatory-parquet-"));
  const file = join(dir, "file.parquet");
  writeFileSync(file, bytes);
  const db = await openDatabase(":memory:");
  try {
    const rows = await queryRows(db.connection, "SELECT * FROM read_parquet($1)", [file]);
    const kv = await queryRows(
      db.connection,
      "SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata($1)",
      [file],
    );
    return { rows, metadata: Object.fromEntries(kv.map((r) => [String(r.k), String(r.v)])) };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
