// The export writers on a hostile table: separators, quotes, line breaks, formula-looking text,
// tiny and huge numbers, lists, and metadata full of quotes (Parquet prints it as SQL literals).
import { describe, expect, it } from "vitest";
import { EXCEL_FR, PLAIN, plainNumber, toCsvText } from "../../server/export/csv.ts";
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

  it("writes numbers without exponent, with a decimal comma for French Excel", () => {
    expect(plainNumber(1e-7)).toBe("0.0000001");
    expect(plainNumber(123456789012)).toBe("123456789012");
    const records = parseCsv(toCsvText(table(), EXCEL_FR).slice(1), ";");
    expect(records[1]?.[1]).toBe("0,0000001");
    expect(records[2]?.[1]).toBe(String(1 / 3).replace(".", ","));
    expect(records[2]?.[4]).toBe("a|b");
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
