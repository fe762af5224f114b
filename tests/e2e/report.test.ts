// The annual report in Chromium: the HTML page opens under its own policy with no error, its
// charts drawn and its figures the API's; the PDF the server prints has at least two pages,
// each rendered by pdftoppm, and its charts are there (their axis titles are in the PDF's text);
// a small buyer's indicators share pages, every block whole with its chart. On a phone the page never scrolls sideways (a wide table scrolls in its own box). The pages of
// the placeholder id 00000000000000 say that no buyer or titulaire is named by it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BuyerQuality, IndicatorResult } from "../../server/api-types.ts";
import { queryFile, startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import { axeViolations } from "./helpers/axe.ts";
import { describeWithBrowser, launchBrowser, waitReady, type Browser } from "./helpers/browser.ts";
import { itWithPdfTools } from "./helpers/pdf-tools.ts";

describeWithBrowser("the annual report in a browser and as PDF", () => {
  let t: TestServer;
  let browser: Browser;
  let dir: string;
  let siret = "";
  let year = 0;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), "observatory-report-e2e-"));
    // The buyer and year with most contracts in the 2024 format with considerations filled.
    const [row] = await queryFile(
      t.dbPath,
      `SELECT acheteur_id, year(date_notification) AS y FROM contracts
        WHERE decp_format <> 'v1' AND considerations_sociales IS NOT NULL
        GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
    );
    siret = String(row?.acheteur_id);
    year = Number(row?.y);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens with no error, charts drawn, figures equal to the API's", async () => {
    const { page } = browser;
    await page.goto(`${t.url}/api/buyers/${siret}/report?year=${year}`);
    await page.waitForSelector("figure.chart svg");
    expect(browser.takeErrors()).toEqual([]);
    const charts = await page.locator("figure.chart svg").evaluateAll((svgs) =>
      svgs.map((s) => {
        const box = s.getBoundingClientRect();
        return { width: box.width, height: box.height, marks: s.querySelectorAll("path").length };
      }),
    );
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(100);
      expect(c.height).toBeGreaterThan(50);
      expect(c.marks).toBeGreaterThan(0);
    }
    const shown = await page.locator("article.indicator").evaluateAll((articles) =>
      articles.map((a) => ({
        id: a.getAttribute("data-indicator") ?? "",
        text: a.querySelector("dd.value")?.textContent?.trim() ?? "",
      })),
    );
    const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
    let compared = 0;
    for (const s of shown) {
      const api = await t.json<IndicatorResult>(
        `/api/indicators/${s.id}?acheteur_id=${siret}&grain=year`,
      );
      const value = api.rows.find((r) => r.year === year)?.value;
      if (typeof value !== "number") continue;
      expect(s.text, s.id).toBe(percent.format(value));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it("on a phone, never scrolls sideways (a wider table scrolls in its own box); axe-core finds no violation", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${t.url}/api/buyers/${siret}/report?year=${year}`);
      await page.waitForSelector("figure.chart svg");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
      // The peers' table has more columns than a phone shows: its box scrolls, the page does not.
      const boxes = await page.locator(".table-box").evaluateAll((all) =>
        all.map((box) => ({
          scrolls: box.scrollWidth > box.clientWidth,
          focusable: box.getAttribute("tabindex") === "0",
        })),
      );
      expect(boxes.some((b) => b.scrolls)).toBe(true);
      expect(boxes.every((b) => b.focusable)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect(browser.takeErrors()).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("on a phone, the annex's list of the other indicators' pages keeps to the screen", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      // Région Bretagne's 2024 in the samples: 13 indicators without value, their pages listed
      // in one sentence of long unbreakable paths (the page was 404 px wide).
      await page.goto(`${t.url}/api/buyers/23350001600040/report?year=2024`);
      const others = await page.locator("p.other-methods").textContent();
      expect(others?.match(/\/indicateur\//g)?.length ?? 0).toBeGreaterThan(5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  itWithPdfTools("prints as a PDF of at least two pages with its charts", async () => {
    const response = await t.get(`/api/buyers/${siret}/report?year=${year}&format=pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pdf = join(dir, "rapport.pdf");
    writeFileSync(pdf, new Uint8Array(await response.arrayBuffer()));
    execFileSync("pdftoppm", ["-r", "40", "-png", pdf, join(dir, "page")]);
    const pages = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(statSync(join(dir, p)).size).toBeGreaterThan(1000);
    const html = await (await t.get(`/api/buyers/${siret}/report?year=${year}`)).text();
    const charts = html.match(/<figure\b[^>]*class="chart"/g)?.length ?? 0;
    expect(charts).toBeGreaterThan(0);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    // Each chart's x-axis title « Année » is drawn as text into the PDF, beside the page's own.
    const outsideCharts = html
      .replace(/<svg[\s\S]*?<\/svg>/g, "")
      .replace(/<style[\s\S]*?<\/style>/g, "")
      .replace(/<title>[\s\S]*?<\/title>/g, "")
      .replace(/<[^>]+>/g, " ");
    const words = (t: string) => t.match(/Année/g)?.length ?? 0;
    expect(words(text)).toBe(words(outsideCharts) + charts);
    expect(text).toContain(siret);
  });

  /**
   * Per page of the report's PDF: its indicator blocks (each has one « Valeur YEAR »), and the
   * evolutions drawn (« Évolution par année », a chart's caption) or said not to be.
   */
  async function pdfPages(buyer: string, forYear: number, name: string) {
    const response = await t.get(`/api/buyers/${buyer}/report?year=${forYear}&format=pdf`);
    expect(response.status).toBe(200);
    const pdf = join(dir, `${name}.pdf`);
    writeFileSync(pdf, new Uint8Array(await response.arrayBuffer()));
    // pdftotext ends each page with a form feed.
    const texts = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).split("\f");
    const pages = texts.slice(0, -1).map((page) => {
      const text = page.replace(/\s+/g, " ");
      const times = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
      return {
        blocks: times(new RegExp(`Valeur ${forYear}`, "g")),
        evolutions: times(/Évolution par année|pour tracer l.évolution|pas d.évolution à tracer/g),
      };
    });
    const html = await (await t.get(`/api/buyers/${buyer}/report?year=${forYear}`)).text();
    return { pages, blocks: html.match(/<article\b/g)?.length ?? 0 };
  }

  itWithPdfTools(
    "prints a small buyer's indicators two or more to a page, and keeps each block whole",
    async () => {
      // A buyer with two contracts in the 2024 format: each indicator took a page of its own
      // (23 pages for the commune of Ensuès-la-Redonne, 21130033000019), most of it empty.
      const [small] = await queryFile(
        t.dbPath,
        `SELECT acheteur_id, year(date_notification) AS y FROM contracts
          WHERE decp_format <> 'v1' AND date_notification IS NOT NULL
          GROUP BY ALL HAVING count(*) = 2 ORDER BY 1, 2 LIMIT 1`,
      );
      const found = await pdfPages(String(small?.acheteur_id), Number(small?.y), "small");
      expect(found.blocks).toBeGreaterThan(5);
      // Every block whole on one page, its evolution (or why there is none) with it.
      const shown = found.pages.filter((p) => p.blocks > 0);
      expect(shown.reduce((sum, p) => sum + p.blocks, 0)).toBe(found.blocks);
      for (const p of shown) expect(p.evolutions).toBe(p.blocks);
      expect(shown.length).toBeLessThanOrEqual(Math.ceil(found.blocks / 2));
      // The method annex details only the indicators shown, without their N again, and follows
      // the last section on its page: this buyer's PDF (13002682600011's 2024 in the samples)
      // had 13 pages, its annex 4 and a half with the methods of all 17 indicators on pages of
      // their own; 11 since. Ensuès-la-Redonne's 2024: 13 → 10.
      expect(found.pages.length).toBeLessThanOrEqual(11);
      // Région Bretagne's 2021, with its charts, stays readable: whole blocks, charts on their page.
      const bretagne = await pdfPages("23350001600040", 2021, "bretagne");
      const its = bretagne.pages.filter((p) => p.blocks > 0);
      expect(its.reduce((sum, p) => sum + p.blocks, 0)).toBe(bretagne.blocks);
      for (const p of its) expect(p.evolutions).toBe(p.blocks);
      // Its annex took 5 of its 13 pages; 2 and a half of its 10 since.
      expect(bretagne.pages.length).toBeLessThanOrEqual(10);
    },
  );

  it("the buyer page shows the quality grade, the records to fix and the « Rapport annuel » link", async () => {
    const { page } = browser;
    await page.goto(`${t.url}/acheteur/${siret}`);
    await waitReady(page);
    await page.waitForSelector("section.publication-quality");
    expect(browser.takeErrors()).toEqual([]);
    const api = await t.json<BuyerQuality>(`/api/buyers/${siret}/quality`);
    const grade = await page.locator("section.publication-quality").getAttribute("data-grade");
    expect(grade).toBe(api.grade ?? "");
    const rules = await page
      .locator("section.publication-quality table")
      .first()
      .locator("tbody tr")
      .count();
    expect(rules).toBe(api.components.length);
    // A rule that could not check some fields says which, under the table.
    const notes = await page
      .locator("section.publication-quality ul.unverifiable li")
      .allTextContents();
    const unchecked = api.components.filter((c) => c.unverifiable.length > 0);
    expect(notes.map((n) => n.split(" : ")[0])).toEqual(unchecked.map((c) => c.title));
    const report = page.getByRole("link", { name: "Rapport annuel", exact: true });
    const href = (await report.getAttribute("href")) ?? "";
    expect(href).toMatch(new RegExp(`^/api/buyers/${siret}/report\\?year=\\d{4}&format=html$`));
    expect((await t.get(href)).status).toBe(200);
    await page.selectOption("#report-year", String(year));
    expect(await report.getAttribute("href")).toBe(
      `/api/buyers/${siret}/report?year=${year}&format=html`,
    );
    // Its records to fix as the API counts them: a sentence for each case, a list to download
    // only when there are some (the busiest buyer's are in party-pages.test.ts).
    const toFix = page.locator("section.publication-quality p", { hasText: "à corriger" });
    const csv = page.getByRole("link", { name: "Liste complète (CSV pour Excel)" });
    if (api.records_to_fix.total === 0) {
      expect(await toFix.textContent()).toBe("Aucun marché n'a de champ à corriger.");
      expect(await csv.count()).toBe(0);
    } else {
      const response = await t.get((await csv.getAttribute("href")) ?? "");
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    }
  });

  it("the pages of the placeholder id say their contracts name no buyer, no titulaire", async () => {
    const { page } = browser;
    const pages = [
      ["/acheteur/00000000000000", "Acheteur non identifié", "sans identifier leur acheteur"],
      ["/fournisseur/00000000000000", "Titulaire non identifié", "sans identifier leur titulaire"],
    ];
    for (const [path, name, sentence] of pages) {
      await page.goto(`${t.url}${path}`);
      await waitReady(page);
      expect(await page.locator("h1").textContent(), path).toBe(name);
      const lead = (await page.locator("p.lead").first().textContent()) ?? "";
      expect(lead, path).toContain(sentence);
      expect(await page.title(), path).toMatch(new RegExp(`^${name} – `));
    }
    expect(browser.takeErrors()).toEqual([]);
  });
});
