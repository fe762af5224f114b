// The export writers on a hostile table: separators, quotes, line breaks, formula-looking text,
// tiny and huge numbers, lists, and metadata full of quotes (Parquet prints it as SQL literals).
import { describe, expect, it } from "vitest";
import { EXCEL_FR, PLAIN, plainNumber, roundedNumber, toCsvText } from "../../server/export/csv.ts";
import { toParquet } from "../../server/export/parquet.ts";
import type { ExportTable } from "../../server/export/table.ts";
import { toXlsx } from "../../server/export/xlsx.ts";
import { parseCsv, readParquet, readXlsx } from "./helpers/read-files.ts";

const HOSTILE = [
  `'; DROP TABLE result; --`,
  'say "hi", then; leave',
  "line\nbreak\r\nand more",
  '=HYPERLINK("http://x")',
  "  padded  ",
  "Élus, collectivités & « guillemets »",
];

function table(): ExportTable {
  return {
    columns: [
      { name: "label", label: "Libellé ; étrange", type: "string" },
      { name: "value", label: "Valeur", type: "number", format: "percent" },
      { name: "n", label: "N", type: "integer" },
      { name: "ok", label: "OK", type: "boolean" },
      { name: "flags", label: "Signalements", type: "string[]" },
    ],
    rows: HOSTILE.map((text, i) => [
      text,
      i === 0 ? 1e-7 : i / 3,
      i * 1000,
      i % 2 === 0,
      i ? ["a", "b"] : [],
    ]),
    metadata: [
      { key: "title", label: "Indicateur", value: "L'indicateur « test » ; avec 'apostrophes'" },
      { key: "filters", label: "Filtres", value: HOSTILE.join(" | ") },
    ],
  };
}

describe("CSV writers", () => {
  it("round-trips every hostile text in both dialects", () => {
    for (const [dialect, sep] of [
      [PLAIN, ","],
      [EXCEL_FR, ";"],
    ] as const) {
      let text = toCsvText(table(), dialect);
      if (dialect.bom) {
        expect(text.charCodeAt(0)).toBe(0xfeff);
        text = text.slice(1);
      }
      const records = parseCsv(text, sep);
      expect(records.length).toBe(HOSTILE.length + 1);
      const labels = records.slice(1).map((r) => r[0]);
      if (dialect.guardFormulas) {
        expect(labels[3]).toBe(`'${HOSTILE[3]}`);
        expect(labels.filter((_, i) => i !== 3)).toEqual(HOSTILE.filter((_, i) => i !== 3));
      } else {
        expect(labels).toEqual(HOSTILE);
      }
    }
  });

  it("writes numbers without exponent, full precision in plain CSV", () => {
    expect(plainNumber(1e-7)).toBe("0.0000001");
    expect(plainNumber(123456789012)).toBe("123456789012");
    const records = parseCsv(toCsvText(table(), PLAIN), ",");
    expect(records[1]?.[1]).toBe("0.0000001");
    expect(records[2]?.[1]).toBe(String(1 / 3));
    expect(records[2]?.[4]).toBe("a|b");
  });

  it("rounds numbers for French Excel by column format, with a decimal comma", () => {
    expect(roundedNumber(1 / 3, 4)).toBe("0.3333");
    expect(roundedNumber(2 / 3, 4)).toBe("0.6667");
    expect(roundedNumber(0.5, 4)).toBe("0.5");
    expect(roundedNumber(-0.00001, 4)).toBe("0");
    expect(roundedNumber(1234567.891, 2)).toBe("1234567.89");
    expect(roundedNumber(41.5, 0)).toBe("42");
    const records = parseCsv(toCsvText(table(), EXCEL_FR).slice(1), ";");
    // Percent column: at most 4 decimals; 1e-7 is 0 at that precision.
    expect(records[1]?.[1]).toBe("0");
    expect(records[2]?.[1]).toBe("0,3333");
    expect(records[3]?.[1]).toBe("0,6667");
    expect(records[2]?.[4]).toBe("a|b");
    const amounts: ExportTable = {
      columns: [
        { name: "amount", label: "Montant", type: "number", format: "euro" },
        { name: "mean", label: "Moyenne", type: "number", format: "decimal" },
        { name: "count", label: "Nombre", type: "number", format: "integer" },
        { name: "n", label: "N", type: "integer" },
        { name: "raw", label: "Brut", type: "number" },
      ],
      rows: [[1234.5678, 3.14159, 12.0000001, 7, 1 / 7]],
      metadata: [],
    };
    const [, row] = parseCsv(toCsvText(amounts, EXCEL_FR).slice(1), ";");
    expect(row).toEqual(["1234,57", "3,14", "12", "7", String(1 / 7).replace(".", ",")]);
  });

  it("keeps codes as text for French Excel and as plain text in plain CSV", () => {
    const codes = ["01", "2A", "00000000000000", "2019-03", "2014-Q2", "-5", "1,5", "971"];
    const codeTable: ExportTable = {
      columns: [{ name: "departement", label: "Département", type: "string" }],
      rows: codes.map((code) => [code]),
      metadata: [],
    };
    const excel = parseCsv(toCsvText(codeTable, EXCEL_FR).slice(1), ";").slice(1);
    expect(excel.map((r) => r[0])).toEqual([
      '="01"',
      "2A",
      '="00000000000000"',
      '="2019-03"',
      "2014-Q2",
      '="-5"',
      '="1,5"',
      '="971"',
    ]);
    // The writer quotes the field as RFC 4180 asks: `"=""01"""` on disk.
    expect(toCsvText(codeTable, EXCEL_FR)).toContain('\r\n"=""01"""\r\n');
    const plain = parseCsv(toCsvText(codeTable, PLAIN), ",").slice(1);
    expect(plain.map((r) => r[0])).toEqual(codes);
  });

  it("still neutralises user text that a spreadsheet would run as a formula", () => {
    const texts = ["=1+1", "+HYPERLINK(1)", "-A1", "@SUM(A1)", '="01"', "=0"];
    const textTable: ExportTable = {
      columns: [{ name: "acheteur_nom", label: "Acheteur", type: "string" }],
      rows: texts.map((text) => [text]),
      metadata: [],
    };
    const excel = parseCsv(toCsvText(textTable, EXCEL_FR).slice(1), ";").slice(1);
    expect(excel.map((r) => r[0])).toEqual(texts.map((text) => `'${text}`));
  });
});

describe("XLSX writer", () => {
  it("keeps hostile texts as text, with the metadata sheet", async () => {
    const sheets = readXlsx(await toXlsx(table()));
    const data = sheets.get("Données") ?? [];
    expect(data.slice(1).map((r) => r[0])).toEqual(HOSTILE);
    expect(data[0]?.[0]).toBe("Libellé ; étrange");
    const meta = new Map((sheets.get("Métadonnées") ?? []).map((r) => [r[0], r[1]]));
    expect(meta.get("Indicateur")).toBe("L'indicateur « test » ; avec 'apostrophes'");
  });
});

describe("Parquet writer", () => {
  it("stores values through the appender and metadata with quotes intact", async () => {
    const { rows, metadata } = await readParquet(await toParquet(table()));
    expect(rows.map((r) => r.label)).toEqual(HOSTILE);
    expect(rows[0]?.value).toBe(1e-7);
    expect(rows[1]?.flags).toEqual(["a", "b"]);
    expect(rows[2]?.ok).toBe(true);
    expect(metadata.title).toBe("L'indicateur « test » ; avec 'apostrophes'");
    expect(metadata.filters).toBe(HOSTILE.join(" | "));
    expect(JSON.parse(metadata.columns ?? "[]")).toHaveLength(5);
  });
});
