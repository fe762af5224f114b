// Every catalogue indicator exports in the four formats, each file parses, holds every row of the
// JSON answer (no cap) and says what it is (definition, filters, snapshot, time of generation).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readParquet, readXlsx, parseCsv } from "./helpers/read-files.ts";
import { startTestServer, TEST_NOW, type TestServer } from "./helpers/test-server.ts";

interface Result {
  snapshot_id: string;
  definition_version: number;
  indicator: { id: string; title: string; formula: string; breakdowns: { id: string }[] };
  columns: { name: string; label: string; role: string }[];
  rows: Record<string, unknown>[];
}

let t: TestServer;
let indicators: { id: string; breakdowns: { id: string }[] }[];
beforeAll(async () => {
  t = await startTestServer();
  indicators = (await t.json<{ indicators: typeof indicators }>("/api/indicators")).indicators;
});
afterAll(() => t?.close());

/** A request with a breakdown and a filter, so exports show both in their metadata. */
function requestOf(ind: { id: string; breakdowns: { id: string }[] }): string {
  const by = ind.breakdowns.some((b) => b.id === "year") ? "year" : (ind.breakdowns[0]?.id ?? "");
  return `by=${by}&filter=${encodeURIComponent("year>=2018")}`;
}

/**
 * Equal values; numbers up to the last bits, because each request runs the query again and
 * DuckDB's parallel sums of doubles may round the last digit differently from run to run.
 */
function expectSame(actual: unknown, expected: unknown, where: string): void {
  if (typeof actual === "number" && typeof expected === "number") {
    expect(Math.abs(actual - expected), where).toBeLessThanOrEqual(Math.abs(expected) * 1e-12);
  } else {
    expect(actual, where).toEqual(expected);
  }
}

async function download(path: string) {
  const response = await t.get(path);
  expect(response.status, path).toBe(200);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe("exports of every indicator", () => {
  it(
    "CSV for French Excel: BOM, semicolons, decimal commas, French headers, every row",
    { tags: ["slow"] },
    async () => {
      for (const ind of indicators) {
        const query = requestOf(ind);
        const json = await t.json<Result>(`/api/indicators/${ind.id}?${query}`);
        const { response, bytes } = await download(
          `/api/indicators/${ind.id}/export?format=csv_excel&${query}`,
        );
        // Named after what it holds: indicator, breakdown, years, format.
        expect(response.headers.get("content-disposition")).toMatch(
          new RegExp(
            `^attachment; filename="${ind.id.replaceAll("_", "-")}_par-[a-z-]+_depuis-2018_excel\\.csv"$`,
          ),
        );
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const records = parseCsv(new TextDecoder().decode(bytes.slice(3)), ";");
        expect(records[0]).toEqual(json.columns.map((c) => c.label));
        expect(records[0]).toContain("N : marchés sur lesquels porte le calcul");
        expect(records[0]).toContain("Marchés dans le périmètre");
        // Only sums of amounts say how much of the published value they use.
        const valueCoverage = ["amount_total", "social_consideration_amount_share"].includes(
          ind.id,
        );
        if (valueCoverage) expect(records[0]).toContain("Couverture en valeur");
        expect(records.length - 1, ind.id).toBe(json.rows.length);
        for (const record of records.slice(1)) {
          expect(record.length).toBe(json.columns.length);
          // Numbers use a decimal comma (no cell is a dotted decimal), rounded: never more than
          // the 4 decimals of a share.
          for (const cell of record) {
            expect(cell).not.toMatch(/^-?\d+\.\d+$/);
            expect(cell, ind.id).not.toMatch(/^-?\d+,\d{5,}$/);
          }
        }
      }
    },
  );

  it("plain CSV: commas, column ids, values equal to the JSON answer", async () => {
    for (const ind of indicators) {
      const query = requestOf(ind);
      const json = await t.json<Result>(`/api/indicators/${ind.id}?${query}`);
      const { bytes } = await download(`/api/indicators/${ind.id}/export?format=csv&${query}`);
      const records = parseCsv(new TextDecoder().decode(bytes), ",");
      expect(records[0]).toEqual(json.columns.map((c) => c.name));
      expect(records.length - 1).toBe(json.rows.length);
      const valueAt = records[0]?.indexOf("value") ?? -1;
      const keys = json.columns.filter((c) => c.role === "key" && c.name !== "year");
      json.rows.forEach((row, i) => {
        const cell = records[i + 1]?.[valueAt] ?? "";
        expectSame(cell === "" ? null : Number(cell), row.value, `${ind.id} row ${i}`);
        // Codes as plain text, leading zeros included, never wrapped as `="…"`.
        for (const key of keys) {
          const at = records[0]?.indexOf(key.name) ?? -1;
          expect(records[i + 1]?.[at], `${ind.id} ${key.name}`).toBe(row[key.name] ?? "");
        }
      });
    }
  });

  it("XLSX: a data sheet with every row and a metadata sheet", async () => {
    for (const ind of indicators) {
      const query = requestOf(ind);
      const json = await t.json<Result>(`/api/indicators/${ind.id}?${query}`);
      const { bytes } = await download(`/api/indicators/${ind.id}/export?format=xlsx&${query}`);
      const sheets = readXlsx(bytes);
      expect([...sheets.keys()]).toEqual(["Données", "Métadonnées"]);
      const data = sheets.get("Données") ?? [];
      expect(data[0]).toEqual(json.columns.map((c) => c.label));
      expect(data.length - 1, ind.id).toBe(json.rows.length);
      const meta = new Map((sheets.get("Métadonnées") ?? []).map((r) => [r[0], r[1]]));
      expect(meta.get("Indicateur")).toBe(json.indicator.title);
      expect(meta.get("Formule")).toBe(json.indicator.formula);
      expect(meta.get("Instantané des données")).toBe(json.snapshot_id);
      // TEST_NOW, 2026-11-28T10:00:00Z, in French and Paris time (export-metadata-times.test.ts).
      expect(meta.get("Fichier généré le")).toBe("28 novembre 2026 à 11:00");
      expect(meta.get("Filtres")).toContain("≥ 2018");
      expect(meta.get("Version de la définition")).toBe(String(json.definition_version));
    }
  });

  it(
    "Parquet: every row with typed columns, and the metadata as key-value pairs",
    { tags: ["slow"] },
    async () => {
      for (const ind of indicators) {
        const query = requestOf(ind);
        const json = await t.json<Result>(`/api/indicators/${ind.id}?${query}`);
        const { bytes } = await download(
          `/api/indicators/${ind.id}/export?format=parquet&${query}`,
        );
        const { rows, metadata } = await readParquet(bytes);
        expect(rows.length, ind.id).toBe(json.rows.length);
        rows.forEach((row, i) => {
          for (const column of json.columns) {
            expectSame(
              row[column.name],
              json.rows[i]?.[column.name] ?? null,
              `${ind.id} ${column.name}`,
            );
          }
        });
        expect(metadata.indicator_id).toBe(ind.id);
        expect(metadata.formula).toBe(json.indicator.formula);
        expect(metadata.snapshot_id).toBe(json.snapshot_id);
        expect(metadata.generated_at).toBe(TEST_NOW.toISOString());
        expect(metadata.definition_version).toBe(String(json.definition_version));
        expect(metadata.filters).toContain("2018");
      }
    },
  );

  it("has no row cap: a breakdown by buyer exports all its rows", async () => {
    const json = await t.json<Result>("/api/indicators/contracts_count?by=acheteur_id");
    expect(json.rows.length).toBeGreaterThan(1000);
    const { bytes } = await download(
      "/api/indicators/contracts_count/export?format=csv&by=acheteur_id",
    );
    const records = parseCsv(new TextDecoder().decode(bytes), ",");
    expect(records.length - 1).toBe(json.rows.length);
    // The plain CSV keeps SIRETs as they are, leading zeros included.
    const sirets = json.rows.map((r) => r.acheteur_id);
    expect(sirets.some((s) => typeof s === "string" && s.startsWith("0"))).toBe(true);
    expect(records.slice(1).map((r) => r[0])).toEqual(sirets.map((s) => s ?? ""));
  });
});
