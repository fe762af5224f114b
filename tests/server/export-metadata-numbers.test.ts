// The « Métadonnées » sheet of the XLSX export writes its thresholds and target as the dashboard's
// badges say them, in the indicator's format: a share as a percentage (« ≤ 10 % »), as the data
// sheet shows its values, never « 0,1 »; Parquet's key-value metadata keep the plain number a
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
  it("XLSX: a share's thresholds and target as percentages, as the dashboard says them", async () => {
    // Intl's French percent: a no-break space before « % » (narrow or not, by ICU version).
    const pct = (n: number) => `${n}[\u00a0\u202f]%`;
    // single_offer_rate.yaml: green lte 0.1, red gt 0.2 (format percent).
    const thresholds = (await xlsxMetadata("single_offer_rate")).get("Seuils");
    expect(thresholds).toMatch(
      new RegExp(`^vert ≤ ${pct(10)} ; rouge > ${pct(20)} \\(Commission européenne`),
    );
    // social_consideration_share.yaml: target 0.3 in 2025 (a national target: PNAD).
    const target = (await xlsxMetadata("social_consideration_share")).get("Cible");
    expect(target).toMatch(new RegExp(` : ${pct(30)} en 2025 \\(`));
  });

  it("Parquet: the same metadata keep the decimal point", async () => {
    const { metadata } = await readParquet(await file("single_offer_rate", "parquet"));
    expect(metadata.thresholds).toMatch(/^vert ≤ 0\.1 ; rouge > 0\.2 /);
  });
});
