// The benchmark's buyer-page step (bench/steps/buyer-page.ts) on the samples' snapshot: it picks
// the busiest buyer, the one at the 90th percentile of contracts and the median one, and times
// what the buyer's page asks for on the real server (a child process), every answer a success.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buyerPageLines } from "../../bench/buyer-page.ts";
import { measureBuyerPage } from "../../bench/steps/buyer-page.ts";
import { loadCatalogue } from "../../indicators/index.ts";
import { copySamplesSnapshot, tempDir } from "../helpers/samples-db.ts";
import { queryFile } from "../server/helpers/test-server.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bench's buyer page", () => {
  it("times every request of the page for three buyers of the snapshot, chosen by their contracts", async () => {
    const dbPath = join(dir, "observatory.duckdb");
    copySamplesSnapshot(dbPath);
    const figures = await measureBuyerPage(dbPath, () => undefined, { chromium: false });
    // Counted apart: the contracts of each buyer with a SIRET, fewest first.
    const counts = (
      await queryFile(
        dbPath,
        `SELECT count(*) AS n FROM contracts WHERE regexp_full_match(acheteur_id, '[0-9]{14}')
          GROUP BY acheteur_id ORDER BY n`,
      )
    ).map((r) => Number(r.n));
    const at = (p: number) => counts[Math.max(1, Math.floor(counts.length * p)) - 1];
    expect(figures.map((f) => [f.label, f.contracts])).toEqual([
      ["le plus actif", counts[counts.length - 1]],
      ["90e centile", at(0.9)],
      ["médian", at(0.5)],
    ]);
    // The page's six sections and each card of the buyer's page: its figure, and its yearly trend
    // unless it is a partition or has no year.
    const cards = loadCatalogue().definitions.filter((d) => d.pages?.buyer !== undefined).length;
    expect(cards).toBeGreaterThan(3);
    for (const f of figures) {
      expect(f.errors, f.label).toBe(0);
      expect(new Set(f.requests.map((r) => r.part)).size, f.label).toBe(6 + cards);
      expect(f.requests.length, f.label).toBeGreaterThan(6 + cards);
      expect(f.page_seconds, f.label).toBeGreaterThan(0);
      expect(f.chromium_seconds).toBeNull();
    }
    expect(buyerPageLines(figures).join("\n")).toMatch(
      /^\| le plus actif \(\d{14}\) \| [\d,]+ \| \d+ \|/m,
    );
  });
});
