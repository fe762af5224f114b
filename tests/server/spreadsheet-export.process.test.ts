// The « CSV pour Excel » and XLSX exports opened in a real spreadsheet program (LibreOffice Calc,
// headless, French locale, default import options): codes keep their leading zeros as text,
// numbers stay numbers rounded to what a reader needs, and the header is in French.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { keyLabelText, missingKeyText } from "../../client/src/shared/missing-key.js";
import {
  describeWithSpreadsheet,
  openInCalc,
  readSheet,
  type Sheet,
  type SheetCell,
} from "./helpers/spreadsheet.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

interface Column {
  name: string;
  label: string;
  role: string;
  type: string;
  dimension?: string;
  format?: "percent" | "euro" | "integer" | "decimal";
}
interface Result {
  columns: Column[];
  rows: Record<string, unknown>[];
}

/** At most this many decimals per column format: what the brief asks a reader to get. */
const MAX_DECIMALS = { percent: 4, euro: 2, integer: 0, decimal: 2 } as const;

/** Breakdowns whose keys are codes with leading zeros (or that a spreadsheet reads as dates). */
const CASES = [
  { id: "single_offer_rate", by: "region", mustHold: ["01", "02", "03", "04"] },
  { id: "procedure_mix", by: "departement", mustHold: ["01", "02", "09", "2A", "2B"] },
  { id: "amount_total", by: "cpv_division", mustHold: ["00", "01", "03"] },
  { id: "contracts_count", by: "acheteur_id", mustHold: ["00000000000000"] },
  { id: "offers_mean", by: "month", mustHold: ["2019-03"] },
] as const;

let t: TestServer;
let dir: string;
beforeAll(async () => {
  // Every case's export is asked at once: a queue long enough for all (admission has its tests).
  t = await startTestServer({ limits: { exports: { concurrency: 1, queue: 16 } } });
  dir = mkdtempSync(join(tmpdir(), "observatory-exports-"));
});
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function saveExport(id: string, query: string, format: string, name: string) {
  const response = await t.get(`/api/indicators/${id}/export?format=${format}&${query}`);
  expect(response.status).toBe(200);
  const file = join(dir, name);
  writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
  return file;
}

function fileOf(files: Map<string, Uint8Array>, name: string): Uint8Array {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`${name} was not opened`);
  return bytes;
}

function decimalsOf(raw: string): number {
  const match = /^-?\d+(?:\.(\d+))?$/.exec(raw);
  if (!match) throw new Error(`not a plain decimal number: ${raw}`);
  return match[1]?.length ?? 0;
}

/**
 * The text a person reads in a key's cells, as the dashboard's table shows it (missing-key.js):
 * in the key's label column its label, else its code (CPV division « 00 », which the CPV list
 * does not name), else the words of an unknown group; in the key's own cell those words when it
 * has no label column; null where the cell holds the API's value as it is.
 */
function readerKeyText(json: Result, row: Record<string, unknown>, column: Column) {
  const key = column.dimension;
  if (key === undefined) return null;
  if (column.role === "label") return keyLabelText(key, row[column.name], row[key]);
  const labelled = json.columns.some((c) => c.role === "label" && c.dimension === key);
  if (column.role === "key" && !labelled && row[key] === null) return missingKeyText(key);
  return null;
}

/** One cell read back by Calc against the JSON answer's value for the same row and column. */
function checkCell(cell: SheetCell | undefined, value: unknown, column: Column, where: string) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    expect(cell, where).toBeUndefined();
    return;
  }
  if (typeof value === "number") {
    expect(cell?.kind, where).toBe("number");
    const max = column.format
      ? MAX_DECIMALS[column.format]
      : column.type === "integer"
        ? 0
        : undefined;
    if (max === undefined) return;
    const raw = cell?.raw ?? "";
    expect(decimalsOf(raw), `${where}: ${raw}`).toBeLessThanOrEqual(max);
    expect(Math.abs(Number(raw) - value), `${where}: ${raw} for ${value}`).toBeLessThanOrEqual(
      0.5 * 10 ** -max + 1e-9,
    );
    return;
  }
  expect(cell?.kind, where).toBe("text");
  // Keys and labels arrive exactly as the API gives them; flags and status are put into words.
  if ((column.role === "key" || column.role === "label") && typeof value === "string") {
    expect(cell?.raw, where).toBe(value);
  }
}

function checkSheet(sheet: Sheet, json: Result, where: string) {
  const header = [...(sheet[0]?.values() ?? [])];
  expect(header.map((c) => c.kind)).toEqual(json.columns.map(() => "text"));
  expect(header.map((c) => c.raw)).toEqual(json.columns.map((c) => c.label));
  expect(sheet.length - 1, where).toBe(json.rows.length);
  json.rows.forEach((row, i) => {
    json.columns.forEach((column, j) => {
      const value = readerKeyText(json, row, column) ?? row[column.name];
      checkCell(sheet[i + 1]?.get(j), value, column, `${where} row ${i} ${column.name}`);
    });
  });
}

describeWithSpreadsheet("exports opened in LibreOffice Calc", () => {
  it("CSV pour Excel: codes are text with their zeros, numbers rounded, French header", async () => {
    const files = await Promise.all(
      CASES.map((c) => saveExport(c.id, `by=${c.by}`, "csv_excel", `${c.id}-${c.by}.csv`)),
    );
    const opened = await openInCalc(files);
    for (const c of CASES) {
      const json = await t.json<Result>(`/api/indicators/${c.id}?by=${c.by}`);
      const keys = json.rows.map((r) => r[c.by]);
      // The data hold the codes this test is about; without them it would prove nothing.
      expect(keys).toEqual(expect.arrayContaining([...c.mustHold]));
      // CPV division « 00 » has no label: its label cell reads « 00 », as on the dashboard.
      if (c.by === "cpv_division") {
        expect(json.rows.find((r) => r.cpv_division === "00")?.cpv_division_label).toBeNull();
      }
      const sheet = readSheet(fileOf(opened, `${c.id}-${c.by}.csv`));
      checkSheet(sheet, json, `${c.id} by ${c.by}`);
      // The header is in French words, never the column ids of the plain CSV.
      expect(sheet[0]?.get(0)?.raw).not.toBe(c.by);
    }
    const region = readSheet(fileOf(opened, "single_offer_rate-region.csv"));
    expect(region[0]?.get(0)?.raw).toBe("Région (lieu d'exécution)");
    // Shares with more than 4 decimals in the answer exist, so the rounding above was exercised.
    const json = await t.json<Result>("/api/indicators/single_offer_rate?by=region");
    const unrounded = (v: unknown) =>
      typeof v === "number" && Math.abs(v * 1e4 - Math.round(v * 1e4)) > 1e-6;
    expect(json.rows.some((r) => unrounded(r.value))).toBe(true);
  }, 180_000);

  it("XLSX: codes are text cells and shares carry a percent format, also once Calc saved it", async () => {
    const json = await t.json<Result>("/api/indicators/single_offer_rate?by=region");
    const file = await saveExport("single_offer_rate", "by=region", "xlsx", "region-shares.xlsx");
    const written = readSheet(new Uint8Array(readFileSync(file)));
    const resaved = readSheet(
      (await openInCalc([file])).get("region-shares.xlsx") ?? new Uint8Array(),
    );
    const shares = json.columns.flatMap((c, j) => (c.format === "percent" ? [j] : []));
    expect(shares.length).toBeGreaterThanOrEqual(2);
    for (const [where, sheet] of [
      ["as written", written],
      ["as saved by Calc", resaved],
    ] as const) {
      expect([...(sheet[0]?.values() ?? [])].map((c) => c.raw)).toEqual(
        json.columns.map((c) => c.label),
      );
      json.rows.forEach((row, i) => {
        // The contracts without a known région come last, with an empty key and the label
        // « Non renseigné » beside it.
        if (row.region === null) {
          expect(sheet[i + 1]?.get(0), where).toBeUndefined();
          expect(sheet[i + 1]?.get(1), where).toMatchObject({ kind: "text", raw: "Non renseigné" });
        } else expect(sheet[i + 1]?.get(0), where).toMatchObject({ kind: "text", raw: row.region });
        for (const j of shares) {
          const value = row[json.columns[j]?.name ?? ""];
          if (value === null) continue;
          expect(sheet[i + 1]?.get(j)?.kind, where).toBe("number");
          expect(sheet[i + 1]?.get(j)?.format, where).toMatch(/%/);
          expect(Number(sheet[i + 1]?.get(j)?.raw)).toBeCloseTo(Number(value), 12);
        }
      });
    }
  }, 180_000);
});
