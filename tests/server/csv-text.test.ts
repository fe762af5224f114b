// The CSV text rules shared by the server's exports and the dashboard's on-screen CSV
// (client/src/shared/csv-text.js): formulas neutralised, codes kept as text, RFC 4180 quoting.
// The server's writer is checked on the same texts, so the two downloads cannot differ.
import { describe, expect, it } from "vitest";
import { csvDocument, textField } from "../../client/src/shared/csv-text.js";
import { EXCEL_FR, PLAIN, toCsvText } from "../../server/export/csv.ts";
import type { ExportTable } from "../../server/export/table.ts";
import { parseCsv } from "./helpers/read-files.ts";

const EXCEL_TEXT = { separator: ";", guardFormulas: true, keepCodesAsText: true };
const PLAIN_TEXT = { separator: ",", guardFormulas: false, keepCodesAsText: false };

/** Buyer names a spreadsheet would run as formulas, and what it must show instead. */
const FORMULAS: [string, string][] = [
  [
    '=HYPERLINK("http://exemple.invalid","clic")',
    `"'=HYPERLINK(""http://exemple.invalid"",""clic"")"`,
  ],
  ["@SUM(1)", "'@SUM(1)"],
  ["+1+1", "'+1+1"],
  ["-2+3", "'-2+3"],
  ["\tTAB", "'\tTAB"],
];

describe("CSV text for spreadsheets", () => {
  it("neutralises text a spreadsheet would run as a formula", () => {
    for (const [text, written] of FORMULAS) expect(textField(text, EXCEL_TEXT), text).toBe(written);
    // Read back by a CSV reader, the cell is the name behind an apostrophe.
    const [row] = parseCsv(
      csvDocument([FORMULAS.map(([t]) => textField(t, EXCEL_TEXT))], {
        separator: ";",
        bom: false,
      }),
      ";",
    );
    expect(row).toEqual(FORMULAS.map(([t]) => `'${t}`));
  });

  it("keeps codes and figures shown on screen as text, zeros included", () => {
    expect(textField("01", EXCEL_TEXT)).toBe('"=""01"""');
    expect(textField("26690025700046", EXCEL_TEXT)).toBe('"=""26690025700046"""');
    expect(textField("2019-03", EXCEL_TEXT)).toBe('"=""2019-03"""');
    // A figure formatted for the screen (narrow no-break spaces, comma, percent sign).
    expect(textField("12,3\u202f%", EXCEL_TEXT)).toBe('"=""12,3\u202f%"""');
    expect(textField("-5", EXCEL_TEXT)).toBe('"=""-5"""');
    // Text with letters is left as it is.
    expect(textField("2A", EXCEL_TEXT)).toBe("2A");
    expect(textField("2014-Q2", EXCEL_TEXT)).toBe("2014-Q2");
  });

  it("quotes separators, quotes, line breaks and outer spaces; the plain dialect changes nothing else", () => {
    expect(textField("a;b", EXCEL_TEXT)).toBe('"a;b"');
    expect(textField("a,b", EXCEL_TEXT)).toBe("a,b");
    expect(textField("a,b", PLAIN_TEXT)).toBe('"a,b"');
    expect(textField('dit "oui"', PLAIN_TEXT)).toBe('"dit ""oui"""');
    expect(textField("ligne\nsuivante", PLAIN_TEXT)).toBe('"ligne\nsuivante"');
    expect(textField(" marge ", PLAIN_TEXT)).toBe('" marge "');
    expect(textField("=1+1", PLAIN_TEXT)).toBe("=1+1");
    expect(textField("01", PLAIN_TEXT)).toBe("01");
  });

  it("is what the server's export writer does with the same texts", () => {
    const texts = [...FORMULAS.map(([t]) => t), "01", "2A", "a;b", ""];
    const table: ExportTable = {
      columns: [{ name: "nom", label: "Nom", type: "string" }],
      rows: texts.map((t) => [t]),
      metadata: [],
    };
    const excel = toCsvText(table, EXCEL_FR);
    expect(excel).toBe(
      csvDocument([["Nom"], ...texts.map((t) => [textField(t, EXCEL_TEXT)])], {
        separator: ";",
        bom: true,
      }),
    );
    const plain = toCsvText(table, PLAIN);
    expect(plain).toBe(
      csvDocument([["nom"], ...texts.map((t) => [textField(t, PLAIN_TEXT)])], {
        separator: ",",
        bom: false,
      }),
    );
  });
});
