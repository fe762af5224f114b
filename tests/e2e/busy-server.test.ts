// The dashboard in Chromium on a server with room for one computation at a time and none
// waiting: the server refuses the calls beyond it (503 server_busy, Retry-After), and the pages
// still show every figure, the client asking again after the server's delay
// (client/src/api-fetch.js), with never more than MAX_IN_FLIGHT calls of one page at once.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { queryFile } from "../server/helpers/test-server.ts";
import { describeWithBrowser, waitReady } from "./helpers/browser.ts";
import { browserSession } from "./helpers/session.ts";

/** The API calls of a page: how many the server refused as busy, how many were under way at most. */
function watchApiCalls(page: Page) {
  const calls = { underWay: 0, most: 0, busy: 0 };
  const isApi = (url: string) => new URL(url).pathname.startsWith("/api/");
  page.on("request", (request) => {
    if (!isApi(request.url())) return;
    calls.underWay++;
    calls.most = Math.max(calls.most, calls.underWay);
  });
  // A call is under way until its answer begins (the page then reads the body on its own time).
  page.on("response", (response) => {
    if (!isApi(response.url())) return;
    calls.underWay--;
    if (response.status() === 503) calls.busy++;
  });
  page.on("requestfailed", (request) => {
    if (isApi(request.url())) calls.underWay--;
  });
  return calls;
}

/** The client's own bound (a plain module of the browser's, read as the browser reads it). */
const { MAX_IN_FLIGHT } = (await import(
  new URL("../../client/src/api-fetch.js", import.meta.url).href
)) as { MAX_IN_FLIGHT: number };

describeWithBrowser("the dashboard on a busy server", () => {
  const session = browserSession({
    limits: { queries: { concurrency: 1, queue: 0 }, retryAfterSeconds: 1 },
  });

  it("the comparison of five buyers shows every figure: the calls the server refused are made again", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const buyers = await queryFile(
      t.dbPath,
      "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5",
    );
    const calls = watchApiCalls(page);
    await page.goto(`${t.url}/comparer?acheteurs=${buyers.map((b) => b.acheteur_id).join(",")}`);
    await waitReady(page);

    // Each indicator asked for by buyer and for all the data: more than one slot can take at once.
    expect(calls.busy).toBeGreaterThan(0);
    expect(calls.most).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(calls.most).toBeGreaterThan(1);
    expect(await page.locator("main .error").count()).toBe(0);
    const table = page.locator("table", { hasText: "Toutes les données" });
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(2);
    for (const row of await rows.all()) {
      // The indicator, five buyers and all the data, each cell with a figure or « aucun marché ».
      const cells = await row.locator("th, td").allTextContents();
      expect(cells).toHaveLength(7);
      for (const cell of cells.slice(1)) expect(cell).toMatch(/N = |aucun marché/);
    }
    // Chromium reports each refused call in the console; nothing else may be there.
    const errors = browser.takeErrors();
    expect(errors.filter((e) => !/status of 503 \(Service Unavailable\)/.test(e))).toEqual([]);
    expect(errors.length).toBe(calls.busy);
  });
});
