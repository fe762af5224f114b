// The « Mises à jour des données » page in Chromium, on a database built from the samples: the
// refresh status, the run history with each run's sources (also in print), the rejects browsable
// down to a raw record, the field issues, and the home page's freshness line — which says so
// plainly when the last check failed. No console error anywhere.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appendRun } from "../../etl/load/run-history.ts";
import { queryFile, startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import { describeWithBrowser, launchBrowser, waitReady, type Browser } from "./helpers/browser.ts";
import { keepScreenshot } from "./helpers/screenshots.ts";

const URL_2024 = "https://www.data.gouv.fr/fr/datasets/r/decp-2024.json";
let t: TestServer;
let browser: Browser;

// Refresh records as etl/refresh/refresh.ts writes them, after the run that built the database.
const refreshRun = (status: "unchanged" | "failed", minutesLater: number) => {
  const started = new Date(Date.now() + minutesLater * 60_000);
  const fetch =
    status === "unchanged"
      ? {
          id: "decp-national-v2",
          status,
          duration_ms: 850,
          files: [
            { name: URL_2024, path: "/x", sha256: "ab".repeat(32), bytes: 812e6, http_status: 304 },
          ],
        }
      : { id: "decp-national-v2", status, duration_ms: 30_000, files: [], error: "HTTP 503" };
  return {
    status,
    trigger: "schedule",
    started_at: started.toISOString(),
    finished_at: new Date(started.getTime() + 2_000).toISOString(),
    fetches: [fetch],
    ...(status === "failed"
      ? { error: { source: "decp-national-v2", message: "decp-national-v2: HTTP 503" } }
      : {}),
  };
};

describeWithBrowser("data updates pages in Chromium", () => {
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await appendRun(t.dbPath, refreshRun("unchanged", 1));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(browser.takeErrors()).toEqual([]);
  });

  describe("data updates page", () => {
    it("shows the refresh status and every run, each with its sources", async () => {
      const { page } = browser;
      await page.goto(`${t.url}/mises-a-jour`);
      await waitReady(page);
      expect(await page.locator("h1").textContent()).toBe("Mises à jour des données");
      const status = await page.getByTestId("refresh-status").textContent();
      expect(status).toMatch(/Mise à jour en cours\s*non/);
      expect(status).toMatch(
        /tous les jours à 6 h 00, expression cron 0 6 \* \* \*, fuseau Europe\/Paris/,
      );

      const runs = page.getByTestId("run");
      expect(await runs.count()).toBe(2);
      // Newest first: the scheduled check that found nothing new, with its download.
      const unchanged = runs.nth(0);
      expect(await unchanged.textContent()).toMatch(/planifiée.*inchangée : aucune source/);
      await unchanged.getByRole("button", { name: "Voir la source" }).click();
      const download = page.locator("#run-sources-0 tbody tr");
      expect(await download.textContent()).toMatch(/304 \(non modifié\)/);
      expect(await download.textContent()).toContain("812 Mo");

      // The run that built the data: one row per source, as the snapshot's run_sources.
      const built = runs.nth(1);
      expect(await built.textContent()).toMatch(/manuelle.*réussie : [\d\s ]+ marchés/);
      await built.getByRole("button", { name: /Voir les \d+ sources/ }).click();
      const [sources] = await queryFile(t.dbPath, "SELECT count(*) AS n FROM run_sources");
      const rows = page.locator("#run-sources-1 tbody tr");
      expect(await rows.count()).toBe(Number(sources.n));
      const cells = await rows.first().locator("th, td").allTextContents();
      expect(cells).toHaveLength(11);
      expect(cells[0]).toMatch(/^data\/samples\//);
      expect(await rows.first().locator("code").getAttribute("title")).toMatch(/^[0-9a-f]{64}$/);
      // Contracts kept under a derived key, per source, as the snapshot's run log counts them.
      const [lots] = await queryFile(
        t.dbPath,
        `SELECT source, derived_placeholder_id + derived_shared_id AS n FROM run_sources
          WHERE derived_shared_id > 0 ORDER BY derived_shared_id DESC LIMIT 1`,
      );
      const lotRow = rows.filter({ hasText: String(lots.source) });
      const lotCells = await lotRow.locator("th, td").allTextContents();
      expect(lotCells[9]).toBe(String(lots.n));
      // A tabular source: its encoding, separator and rows (read = used + rejected), as recorded.
      const [flat] = await queryFile(
        t.dbPath,
        `SELECT source, encoding, separator, rows_read FROM run_sources
          WHERE rows_read IS NOT NULL ORDER BY rows_read DESC LIMIT 1`,
      );
      const flatText = await rows.filter({ hasText: String(flat.source) }).textContent();
      expect(flatText).toContain(
        `${String(flat.encoding)}, séparateur « ${String(flat.separator)} »`,
      );
      expect(flatText?.replace(/\s/g, "")).toContain(`${String(flat.rows_read)}ligneslues`);
      const checks = await page.locator("#run-sources-1 .run-checks").textContent();
      expect(checks).toMatch(/lots? gardés? chacun comme un marché/);
      expect(checks).toMatch(/notifiés après la publication de leurs données/);
    });

    it("browses the rejects of a reason down to a raw record, and lists the field issues", async () => {
      const { page } = browser;
      const [top] = await queryFile(
        t.dbPath,
        "SELECT reason, count(*) AS n FROM rejects GROUP BY reason ORDER BY n DESC, reason LIMIT 1",
      );
      const groups = page.getByTestId("reject-group");
      expect(await groups.first().locator("td").first().textContent()).toBe(String(top.n));
      await groups.first().getByRole("button", { name: "Parcourir" }).click();
      const panel = page.locator(".browse-panel").first();
      await panel.locator("details.reject").first().waitFor();
      expect(await panel.textContent()).toContain(`Lignes 1 à 20 sur ${top.n}`);
      await panel.getByRole("button", { name: "Suivants →" }).click();
      await panel.getByText(/Lignes 21 à 40/).waitFor();
      const reject = panel.locator("details.reject").first();
      await reject.locator("summary").click();
      const raw = reject.locator("pre");
      await expect.poll(() => raw.textContent()).toMatch(/"acheteur"/);
      expect(await raw.isVisible()).toBe(true);

      const [issues] = await queryFile(
        t.dbPath,
        `SELECT count(*) AS n FROM (SELECT DISTINCT regexp_replace(field, '\\[[0-9]+\\]', '[]', 'g'),
           problem, action FROM field_issues)`,
      );
      expect(await page.locator("#valeurs ~ div tbody tr").count()).toBe(Number(issues.n));
      await keepScreenshot(page, "runs", { fullPage: true });
    });

    it("prints every run's sources, without the buttons", async () => {
      const { page } = browser;
      await page.reload();
      await waitReady(page);
      await page.emulateMedia({ media: "print" });
      try {
        expect(await page.locator("#run-sources-1 tbody tr").first().isVisible()).toBe(true);
        expect(
          await page
            .getByRole("button", { name: /Voir les/ })
            .first()
            .isVisible(),
        ).toBe(false);
      } finally {
        await page.emulateMedia({ media: "screen" });
      }
    });
  });

  describe("home page freshness", () => {
    it("says when the data were loaded and the sources last checked", async () => {
      const { page } = browser;
      await page.goto(`${t.url}/`);
      await waitReady(page);
      const line = await page.getByTestId("freshness").textContent();
      // Loaded by this run, minutes ago: « aujourd'hui », or « il y a 1 jour » once midnight in
      // Paris has passed since (calendar days, runs-format.js), as a CI run at 23:57 saw at 00:02.
      expect(line).toMatch(
        /^Données chargées le \d+ \S+ \d{4} à \d\d:\d\d \((aujourd'hui|il y a 1 jour)\) — dernière vérification des sources : \d+ \S+ \d{4} à \d\d:\d\d\. /,
      );
      // The footer line stays.
      expect(await page.locator("#snapshot-id").textContent()).toMatch(/données chargées le/);
    });

    it("says plainly that the last check failed, with a link to the details", async () => {
      const { page } = browser;
      await appendRun(t.dbPath, refreshRun("failed", 2));
      await page.goto(`${t.url}/`);
      await waitReady(page);
      const freshness = page.getByTestId("freshness");
      expect(await freshness.textContent()).toMatch(
        /la dernière vérification des sources, le .+, a échoué : decp-national-v2: HTTP 503\./,
      );
      await freshness.getByRole("link", { name: "Détails de l'échec" }).click();
      await page.waitForURL(/\/mises-a-jour/);
      await waitReady(page);
      const first = page.getByTestId("run").first();
      expect(await first.textContent()).toMatch(/échouée : decp-national-v2: HTTP 503/);
    });
  });
});
