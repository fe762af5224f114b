// Every page of the dashboard in Chromium, under the real server's headers: a strict
// Content-Security-Policy (no 'unsafe-eval', no inline script) that nothing on the page breaks,
// every module it runs listed for the browser to fetch at once, every chart drawn, no
// accessibility violation found by axe-core, and on a phone no page wider than the screen nor any
// box narrower than what it holds, tables whose hidden columns can be reached, year labels that do
// not overlap.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { queryFile, startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import { axeViolations, loadAxeInEveryPage } from "./helpers/axe.ts";
import { describeWithBrowser, launchBrowser, waitReady, type Browser } from "./helpers/browser.ts";
import { keepScreenshot } from "./helpers/screenshots.ts";
import { drawEveryChart, everyPage, marksPerChart, type DashboardPage } from "./helpers/pages.ts";

const PHONE = { width: 390, height: 844 };

/**
 * Boxes whose content is wider than they are and shows past their edge (overflow visible):
 * charts' SVG, tables that scroll in their own box and form controls (a select's options) aside.
 */
function outgrownBoxes(page: Browser["page"]): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((box) => {
        if (box.closest("svg, .table-scroll, select, input, textarea")) return false;
        const style = getComputedStyle(box);
        if (!["block", "grid", "flex", "list-item"].includes(style.display)) return false;
        return style.overflowX === "visible" && box.scrollWidth > box.clientWidth + 1;
      })
      .map((box) => `${box.tagName.toLowerCase()}.${[...box.classList].join(".")}`),
  );
}

let t: TestServer;
let browser: Browser;
let pages: DashboardPage[];

describeWithBrowser("every page in Chromium", () => {
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await loadAxeInEveryPage(browser.context);
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

  // Each page is visited once per screen size, every check of that size made on that visit.
  describe("on a laptop (1366 × 900)", () => {
    it(
      "every page is served with script-src 'self' only, draws and describes every chart under it, and axe-core finds no violation",
      { timeout: 240_000 },
      async () => {
        const { page } = browser;
        await page.setViewportSize({ width: 1366, height: 900 });
        for (const { name, path } of pages) {
          const response = await page.goto(`${t.url}${path}`);
          const csp = response?.headers()["content-security-policy"] ?? "";
          expect(csp, name).toMatch(/(^|; )script-src 'self'(;|$)/);
          expect(csp, name).not.toMatch(/unsafe-eval|unsafe-inline/);
          await waitReady(page);
          expect(await page.locator("main .error").count(), name).toBe(0);
          // Every module the page ran was listed for the browser to fetch at once.
          const { fetched, preloaded } = await page.evaluate(() => ({
            fetched: performance
              .getEntriesByType("resource")
              .map((entry) => new URL(entry.name).pathname)
              .filter((path) => path.startsWith("/src/") && path !== "/src/main.js"),
            preloaded: [...document.querySelectorAll("link[rel=modulepreload]")].map(
              (link) => new URL((link as HTMLLinkElement).href).pathname,
            ),
          }));
          expect(fetched.length, name).toBeGreaterThan(0);
          expect(
            fetched.filter((path) => !preloaded.includes(path)),
            name,
          ).toEqual([]);
          await drawEveryChart(page);
          const charts = await marksPerChart(page);
          if (!["contract", "search", "runs", "about", "compare", "compare-empty"].includes(name)) {
            expect(charts.length, name).toBeGreaterThan(0);
          }
          for (const { chart, marks } of charts)
            expect(marks, `${name}: ${chart}`).toBeGreaterThan(0);
          // Each chart is announced once, by its description; its marks are hidden from the
          // accessibility tree (its numbers are in the table under it).
          const described = await page.locator("[data-chart]").evaluateAll((all) =>
            all.map((chart) => ({
              label: chart.getAttribute("aria-label") ?? "",
              exposed: chart.querySelectorAll(".role-mark:not([aria-hidden='true'])").length,
            })),
          );
          for (const { label, exposed } of described) {
            expect(label.length, name).toBeGreaterThan(10);
            expect(exposed, `${name}: ${label}`).toBe(0);
          }
          expect(await axeViolations(page), `${name} at 1366 px`).toEqual([]);
          expect(browser.takeErrors(), name).toEqual([]);
        }
      },
    );
  });

  describe("time axes under the interpreter", () => {
    it("a card names its first and last year, a buyer's chart each of its years", async () => {
      const { page } = browser;
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${t.url}/`);
      await waitReady(page);
      const years = (selector: string) =>
        page
          .locator(`${selector} .role-axis-label text`)
          .evaluateAll((texts) =>
            texts.map((text) => text.textContent ?? "").filter((text) => /^\d{4}$/.test(text)),
          );
      const [span] = await queryFile(
        t.dbPath,
        "SELECT min(year(date_notification)) AS first, max(year(date_notification)) AS last FROM contracts",
      );
      expect(await years('[data-indicator="contracts_count"]')).toEqual([
        String(span?.first),
        String(span?.last),
      ]);
      const buyer = pages.find((p) => p.name === "buyer");
      await page.goto(`${t.url}${buyer?.path}`);
      await waitReady(page);
      const siret = buyer?.path.split("/").pop() ?? "";
      const dated = await queryFile(
        t.dbPath,
        "SELECT DISTINCT year(date_notification) AS y FROM contracts WHERE acheteur_id = $1 AND date_notification IS NOT NULL ORDER BY 1",
        [siret],
      );
      expect(dated.length).toBeGreaterThan(0);
      // A time axis: every year from the first to the last, those without a contract included
      // (at most eight labels: every step-th year, counted back from the latest).
      const [first, last] = [Number(dated[0]?.y), Number(dated[dated.length - 1]?.y)];
      const step = Math.ceil((last - first + 1) / 8);
      const expected = [];
      for (let y = last; y >= first; y -= step) expected.unshift(String(y));
      expect(await years('[data-chart="buyer-years"]')).toEqual(expected);
    });
  });

  describe("on a phone (390 × 844)", () => {
    it(
      "no page scrolls sideways, nothing sticks out of its box, and axe-core finds no violation",
      { timeout: 240_000 },
      async () => {
        const { page } = browser;
        await page.setViewportSize(PHONE);
        const widths: Record<string, number> = {};
        const outgrown: Record<string, string[]> = {};
        for (const { name, path } of pages) {
          await page.goto(`${t.url}${path}`);
          await waitReady(page);
          // Every chart drawn, those a reader reaches by scrolling too: none may be too wide.
          await drawEveryChart(page);
          widths[name] = await page.evaluate(() => document.documentElement.scrollWidth);
          outgrown[name] = await outgrownBoxes(page);
          await keepScreenshot(page, `phone-${name}`, { fullPage: true });
          expect(await axeViolations(page), `${name} at ${PHONE.width} px`).toEqual([]);
          expect(browser.takeErrors(), name).toEqual([]);
        }
        expect(widths).toEqual(Object.fromEntries(pages.map((p) => [p.name, PHONE.width])));
        // Nor does anything stick out of its own box inside the screen (a field's rule past the
        // card's edge on the contract page, before its grid's columns were bounded by the box).
        expect(outgrown).toEqual(Object.fromEntries(pages.map((p) => [p.name, []])));
      },
    );

    it("a table wider than the screen scrolls in its box, its first column kept in view", async () => {
      const { page } = browser;
      await page.setViewportSize(PHONE);
      await page.goto(`${t.url}/indicateur/single_offer_rate`);
      await waitReady(page);
      const box = page.locator('.chart-block:has([data-chart="trend"]) .table-scroll');
      await box.scrollIntoViewIfNeeded();
      const header = (text: string) => box.locator("thead th", { hasText: text }).first();
      // In view: inside the box, right of the first column that stays over the others.
      const inView = async (text: string) => {
        const [cell, frame, first] = await Promise.all([
          header(text).boundingBox(),
          box.boundingBox(),
          box.locator("thead th").first().boundingBox(),
        ]);
        if (!cell || !frame || !first) throw new Error(`no header ${text}`);
        return (
          cell.x >= first.x + first.width - 1 && cell.x + cell.width <= frame.x + frame.width + 1
        );
      };
      expect(await box.evaluate((b) => b.scrollWidth > b.clientWidth)).toBe(true);
      // N and coverage are beyond the right edge at first…
      expect(await inView("Couverture")).toBe(false);
      // …and reached by scrolling the table's own box (a finger's swipe, a keyboard's arrows).
      for (const text of ["N (marchés du calcul)", "Couverture"]) {
        await header(text).evaluate((th) => th.scrollIntoView({ block: "nearest", inline: "end" }));
        expect(await inView(text), text).toBe(true);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
      // The row headers (the years) stay at the left edge of the box.
      const [year, frame] = await Promise.all([
        box.locator("tbody th").first().boundingBox(),
        box.boundingBox(),
      ]);
      expect(await box.evaluate((b) => b.scrollLeft)).toBeGreaterThan(0);
      expect(Math.abs((year?.x ?? -1) - (frame?.x ?? 0))).toBeLessThanOrEqual(1);
      await keepScreenshot(box, "phone-table-scrolled");
    });

    it("the years of a trend are labelled without overlapping, the latest among them", async () => {
      const { page } = browser;
      await page.setViewportSize(PHONE);
      await page.goto(`${t.url}/indicateur/contracts_count`);
      await waitReady(page);
      const labels = await page
        .locator('[data-chart="trend"] .role-axis-label text')
        .evaluateAll((texts) =>
          texts
            .filter((text) => /^\d{4}$/.test(text.textContent ?? ""))
            .map((text) => {
              const box = text.getBoundingClientRect();
              return { text: text.textContent ?? "", left: box.left, right: box.right };
            })
            .sort((a, b) => a.left - b.left),
        );
      const api = await t.json<{ rows: { year: number | null }[] }>(
        "/api/indicators/contracts_count?by=year",
      );
      const latest = Math.max(...api.rows.map((r) => r.year ?? 0));
      expect(labels.map((l) => l.text)).toContain(String(latest));
      expect(labels.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < labels.length; i++) {
        expect(labels[i]!.left, `${labels[i - 1]!.text} / ${labels[i]!.text}`).toBeGreaterThan(
          labels[i - 1]!.right,
        );
      }
    });
  });
});
