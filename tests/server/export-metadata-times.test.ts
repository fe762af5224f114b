// The « Métadonnées » sheet of the XLSX export says when the file was made and when the data were
// loaded in French and Paris time (« 28 novembre 2026 à 11:00 »), as the dashboard's freshness
// line does, never as an ISO timestamp; Parquet's key-value metadata keep the ISO instant a
// program reads. (The CSV for Excel has no metadata section.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readParquet, readXlsx } from "./helpers/read-files.ts";
import { startTestServer, TEST_NOW, type TestServer } from "./helpers/test-server.ts";

/** A day in French words, then « à » and the hour:minute. */
const FRENCH_INSTANT =
  /^\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4} à \d{2}:\d{2}$/;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

async function file(format: string): Promise<Uint8Array> {
  const response = await t.get(`/api/indicators/single_offer_rate/export?format=${format}`);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

describe("times of the export's metadata", () => {
  it("XLSX: in French, Paris time", async () => {
    const sheet = readXlsx(await file("xlsx")).get("Métadonnées") ?? [];
    const entries = new Map(sheet.map((r) => [r[0], r[1]]));
    // The server's clock in tests is 2026-11-28T10:00:00Z: 11:00 in Paris (winter time).
    expect(TEST_NOW.toISOString()).toBe("2026-11-28T10:00:00.000Z");
    expect(entries.get("Fichier généré le")).toBe("28 novembre 2026 à 11:00");
    expect(entries.get("Données chargées le")).toMatch(FRENCH_INSTANT);
  });

  it("Parquet: ISO instants", async () => {
    const { metadata } = await readParquet(await file("parquet"));
    expect(metadata.generated_at).toBe(TEST_NOW.toISOString());
    expect(metadata.snapshot_loaded_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
  });
});
