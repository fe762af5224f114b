// The format flags in words: one wording on the dashboard and in the exports, and a reason that
// holds for every row, the row of contracts without a notification date included.
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAG_LABELS as EXPORT_LABELS } from "../../server/export/table.ts";
import { UNKNOWN_DATE } from "../../client/src/shared/missing-key.js";
import { parseCsv } from "./helpers/read-files.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const FORMAT = new URL("../../client/src/format.js", import.meta.url);
const FORMAT_FLAGS = ["format_not_available", "format_partial"];

let t: TestServer;
let clientLabels: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  const module = (await import(pathToFileURL(fileURLToPath(FORMAT)).href)) as {
    FLAG_LABELS: Record<string, string>;
  };
  clientLabels = module.FLAG_LABELS;
});
afterAll(() => t?.close());

describe("format flags", () => {
  it("read the same on the dashboard and in the exports", () => {
    for (const flag of FORMAT_FLAGS) {
      expect(clientLabels[flag], flag).toBeTruthy();
      expect(clientLabels[flag], flag).toBe(EXPORT_LABELS[flag]);
    }
  });

  it("give no date as the reason, so that they hold on the undated row", () => {
    for (const flag of FORMAT_FLAGS) {
      // « avant 2024 », « depuis 2024 »: a date-based reason, false for contracts without a date.
      expect(EXPORT_LABELS[flag], flag).not.toMatch(/avant|depuis|jusqu/i);
      expect(EXPORT_LABELS[flag], flag).toContain("format 2024");
    }
  });

  it("are what a spreadsheet shows on the row of contracts without a date", async () => {
    // In the samples, every 2024-format contract has a notification date: the undated row of
    // a 2024-format indicator holds 2019-format contracts only.
    const json = await t.json<{ rows: { year: number | null; flags: string[] }[] }>(
      "/api/indicators/single_offer_rate?by=year",
    );
    const undated = json.rows.find((r) => r.year === null);
    expect(undated?.flags).toContain("format_not_available");
    const response = await t.get(
      "/api/indicators/single_offer_rate/export?format=csv_excel&by=year",
    );
    const records = parseCsv(
      new TextDecoder().decode(new Uint8Array(await response.arrayBuffer())).slice(1),
      ";",
    );
    const flagsAt = records[0]?.indexOf("Signalements") ?? -1;
    const last = records[records.length - 1];
    // The undated row says so in its year cell (client/src/shared/missing-key.js).
    expect(last?.[0]).toBe(UNKNOWN_DATE);
    expect(last?.[flagsAt]).toContain(EXPORT_LABELS.format_not_available);
  });
});
