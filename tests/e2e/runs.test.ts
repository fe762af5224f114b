// The « Mises à jour » page in Chromium: the run history with its sources, the rejects browsable
// down to a raw record, the freshness line on the home page, and no console error.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { queryFile, startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import { launchBrowser, waitReady, type Browser } from "./helpers/browser.ts";

const SHOTS = fileURLToPath(new URL("../output/screenshots/", import.meta.url));
let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [t, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});
afterEach(() => {
  expect(browser.takeErrors()).toEqual([]);
});

describe("data updates page", () => {
  it("shows the run with its sources and lets a reader open a rejected record", async () => {
    const { page } = browser;
    await page.goto(`${t.url}/mises-a-jour`);
    await waitReady(page);
    const run = page.locator('[data-testid="run"]').first();
    await expect(run.textContent()).resolves.toMatch(/réussie/);
    await run.locator("summary").click();
    const [sources] = await queryFile(t.dbPath, "SELECT count(*) AS n FROM run_sources");
    expect(await run.locator("tbody tr").count()).toBe(Number(sources.n));
    await page.getByRole("button", { name: "Voir les enregistrements" }).first().click();
    const reject = page.locator("details.reject").first();
    await reject.waitFor();
    await reject.locator("summary").click();
    expect(await reject.locator("pre").textContent()).toMatch(/"acheteur"|"id"/);
    await page.screenshot({ path: join(SHOTS, "runs.png"), fullPage: true });
  });

  it("says on the home page when the data were loaded and checked", async () => {
    const { page } = browser;
    await page.goto(`${t.url}/`);
    await waitReady(page);
    const line = await page.locator('[data-testid="freshness"]').textContent();
    expect(line).toMatch(/Données chargées le \d+ \S+ \d{4}/);
    expect(line).toMatch(/dernière vérification des sources/);
  });
});
