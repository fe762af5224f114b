// Every page of the dashboard in Chromium, under the real server's headers: a strict
// Content-Security-Policy (no 'unsafe-eval', no inline script) that nothing on the page breaks,
// every chart drawn, and no accessibility violation found by axe-core.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import { axeViolations } from "./helpers/axe.ts";
import { describeWithBrowser, launchBrowser, waitReady, type Browser } from "./helpers/browser.ts";
import { everyPage, marksPerChart, type DashboardPage } from "./helpers/pages.ts";

let t: TestServer;
let browser: Browser;
let pages: DashboardPage[];

describeWithBrowser("every page in Chromium", () => {
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    pages = await everyPage(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    // Console errors, page errors and CSP violations (reported as console errors).
    expect(browser.takeErrors()).toEqual([]);
  });

  describe("strict Content-Security-Policy", () => {
    it("every page is served with script-src 'self' only, and every chart is drawn under it", async () => {
      const { page } = browser;
      for (const { name, path } of pages) {
        const response = await page.goto(`${t.url}${path}`);
        const csp = response?.headers()["content-security-policy"] ?? "";
        expect(csp, name).toMatch(/(^|; )script-src 'self'(;|$)/);
        expect(csp, name).not.toMatch(/unsafe-eval|unsafe-inline/);
        await waitReady(page);
        expect(await page.locator("main .error").count(), name).toBe(0);
        const charts = await marksPerChart(page);
        if (["home", "indicator", "buyer", "buyer-summary", "supplier"].includes(name)) {
          expect(charts.length, name).toBeGreaterThan(0);
        }
        for (const { chart, marks } of charts)
          expect(marks, `${name}: ${chart}`).toBeGreaterThan(0);
        expect(browser.takeErrors(), name).toEqual([]);
      }
    });
  });

  describe("accessibility", () => {
    it("axe-core finds no violation on any page, on a laptop and on a phone", async () => {
      const { page } = browser;
      for (const viewport of [
        { width: 1366, height: 900 },
        { width: 390, height: 844 },
      ]) {
        await page.setViewportSize(viewport);
        for (const { name, path } of pages) {
          await page.goto(`${t.url}${path}`);
          await waitReady(page);
          expect(await axeViolations(page), `${name} at ${viewport.width} px`).toEqual([]);
        }
      }
    });
  });
});
