// The « Métadonnées » sheet of the XLSX export writes its numbers (thresholds, target) with a
// decimal comma, as the French file's data do; Parquet's key-value metadata keep the point a
// program reads. (The CSV for Excel has no metadata section: its header is the whole file's.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readParquet, readXlsx } from "./helpers/read-files.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

async function file(id: string, format: string): Promise<Uint8Array> {
  const response = await t.get(`/api/indicators/${id}/export?format=${format}`);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

async function xlsxMetadata(id: string): Promise<Map<string | undefined, string | undefined>> {
  const sheet = readXlsx(await file(id, "xlsx")).get("Métadonnées") ?? [];
  return new Map(sheet.map((r) => [r[0], r[1]]));
}

describe("numbers of the export's metadata", () => {
  it("XLSX: thresholds and target with a decimal comma", async () => {
    // single_offer_rate.yaml: green lte 0.1, red gt 0.2.
    const thresholds = (await xlsxMetadata("single_offer_rate")).get("Seuils");
    expect(thresholds).toMatch(/^vert ≤ 0,1 ; rouge > 0,2 \(Commission européenne/);
    // sme_advance_share.yaml: target 0.5 in 2025.
    const target = (await xlsxMetadata("sme_advance_share")).get("Cible");
    expect(target).toMatch(/ : 0,5 en 2025 \(/);
  });

  it("Parquet: the same metadata keep the decimal point", async () => {
    const { metadata } = await readParquet(await file("single_offer_rate", "parquet"));
    expect(metadata.thresholds).toMatch(/^vert ≤ 0\.1 ; rouge > 0\.2 /);
  });
});
