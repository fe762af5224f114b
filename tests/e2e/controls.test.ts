// The controls of the dashboard, driven by keyboard in Chromium: a change redraws only what
// depends on it, the control keeps the focus, the address stays the state (back and forward
// work); and the buyer filter, an accessible combobox taking a name or a SIRET.
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { queryFile, startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import { axeViolations } from "./helpers/axe.ts";
import { describeWithBrowser, launchBrowser, waitReady, type Browser } from "./helpers/browser.ts";
import { keepScreenshot } from "./helpers/screenshots.ts";

let t: TestServer;
let browser: Browser;

/** Marks the SVG of each chart, to tell afterwards which ones were drawn again. */
function markCharts(page: Page): Promise<void> {
  return page.evaluate(() => {
    for (const svg of document.querySelectorAll<SVGElement>("[data-chart] svg")) {
      svg.dataset.before = "1";
    }
  });
}

/** For each kind of chart on the page, whether its SVG is still the one marked before. */
function unchanged(page: Page): Promise<Record<string, boolean>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>("[data-chart]")].map((chart) => [
        chart.dataset.chart,
        chart.querySelector<SVGElement>("svg")?.dataset.before === "1",
      ]),
    ),
  );
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

describeWithBrowser("controls in Chromium", () => {
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await browser.page.setViewportSize({ width: 1366, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(browser.takeErrors()).toEqual([]);
  });

  describe("update only what changed", () => {
    it("« Répartir par » by keyboard: the breakdown is redrawn, the trend and the map are not, the focus stays", async () => {
      const { page } = browser;
      await page.goto(`${t.url}/indicateur/single_offer_rate`);
      await waitReady(page);
      const definition = await page.locator(".definition").elementHandle();
      await markCharts(page);
      const before = await page.inputValue("#ventilation");
      await page.focus("#ventilation");
      await page.keyboard.press("ArrowDown");
      await page.waitForURL((url) => url.searchParams.get("by") !== null);
      await waitReady(page);
      const by = new URL(page.url()).searchParams.get("by");
      expect(by).not.toBe(before);
      expect(await page.inputValue("#ventilation")).toBe(by);
      expect(await focused(page)).toBe("ventilation");
      expect(await unchanged(page)).toEqual({ trend: true, breakdown: false, map: true });
      // The breakdown now says the new dimension, in its title and its table.
      const label = await page.locator(`#ventilation option[value="${by}"]`).textContent();
      const block = page.locator('.chart-block:has([data-chart="breakdown"])');
      // In the sentence, the label's first letter only is lower-cased: « division CPV ».
      expect(await block.locator("h2").textContent()).toBe(
        `Répartition par ${label?.charAt(0).toLowerCase()}${label?.slice(1)}`,
      );
      expect(await block.locator("thead th").first().textContent()).toBe(label);
      expect(await definition?.evaluate((d) => d.isConnected)).toBe(true);
      // A second arrow key goes on from there: no Tab needed to come back.
      await page.keyboard.press("ArrowDown");
      await page.waitForURL((url) => url.searchParams.get("by") !== by);
      await waitReady(page);
      expect(await focused(page)).toBe("ventilation");
    });

    it("a filter by keyboard: every figure follows it, the filter keeps the focus", async () => {
      const { page } = browser;
      await page.goto(`${t.url}/indicateur/contracts_count`);
      await waitReady(page);
      const bar = await page.locator(".filter-bar").elementHandle();
      const before = await page.locator("[data-value]").textContent();
      await markCharts(page);
      await page.focus("#filtre-region");
      await page.keyboard.press("ArrowDown");
      await page.waitForURL(/region=/);
      await waitReady(page);
      const region = new URL(page.url()).searchParams.get("region");
      expect(await focused(page)).toBe("filtre-region");
      expect(await page.inputValue("#filtre-region")).toBe(region);
      // Everything that reads the filters was drawn again, the filter bar itself was not.
      expect(await unchanged(page)).toEqual({ trend: false, breakdown: false, map: false });
      expect(await bar?.evaluate((b) => b.isConnected)).toBe(true);
      const [truth] = await queryFile(
        t.dbPath,
        "SELECT count(*) AS n FROM contracts WHERE region = $1",
        [String(region)],
      );
      const after = await page.locator("[data-value]").textContent();
      expect(after).not.toBe(before);
      expect(Number(after?.replace(/\D/g, ""))).toBe(truth?.n);
      // The départements offered are the région's.
      const departements = await page
        .locator("#filtre-departement option")
        .evaluateAll((o) => o.map((option) => (option as HTMLOptionElement).value).filter(Boolean));
      const [{ n } = { n: 0 }] = await queryFile(
        t.dbPath,
        "SELECT count(DISTINCT departement) AS n FROM contracts WHERE region = $1",
        [String(region)],
      );
      expect(departements.length).toBeGreaterThanOrEqual(Number(n));
    });

    it("home: a filter by keyboard redraws the cards, the filter keeps the focus", async () => {
      const { page } = browser;
      await page.goto(`${t.url}/`);
      await waitReady(page);
      const card = '[data-indicator="contracts_count"] [data-value]';
      const before = await page.locator(card).textContent();
      await page.focus("#filtre-year_from");
      await page.keyboard.press("End");
      await page.waitForURL(/year_from=/);
      await waitReady(page);
      expect(await focused(page)).toBe("filtre-year_from");
      const year = new URL(page.url()).searchParams.get("year_from");
      const [truth] = await queryFile(
        t.dbPath,
        "SELECT count(*) AS n FROM contracts WHERE year(date_notification) >= $1",
        [String(year)],
      );
      const after = await page.locator(card).textContent();
      expect(after).not.toBe(before);
      expect(Number(after?.replace(/\D/g, ""))).toBe(truth?.n);
    });

    it("the address stays the state: back and forward redraw the breakdown and set the controls", async () => {
      const { page } = browser;
      await page.goto(`${t.url}/indicateur/single_offer_rate?by=region`);
      await waitReady(page);
      await page.selectOption("#ventilation", "procedure");
      await page.waitForURL(/by=procedure/);
      await waitReady(page);
      await page.selectOption("#ventilation-2", "year");
      await page.waitForURL(/by=procedure(%2C|,)year/);
      await waitReady(page);
      await markCharts(page);
      await page.goBack();
      await waitReady(page);
      expect(new URL(page.url()).searchParams.get("by")).toBe("procedure");
      expect(await page.inputValue("#ventilation-2")).toBe("");
      expect(await unchanged(page)).toEqual({ trend: true, breakdown: false, map: true });
      await page.goBack();
      await waitReady(page);
      expect(await page.inputValue("#ventilation")).toBe("region");
      expect(
        await page.locator('.chart-block:has([data-chart="breakdown"]) h2').textContent(),
      ).toBe("Répartition par région (lieu d'exécution)");
      await page.goForward();
      await page.goForward();
      await waitReady(page);
      expect(await page.inputValue("#ventilation-2")).toBe("year");
      expect(await page.locator('[data-chart="heatmap"]').count()).toBe(1);
    });
  });

  describe("the buyer filter", () => {
    it("counts each suggestion's contracts in French: « 1 marché », « 3 marchés »", async () => {
      const { page } = browser;
      await page.goto(`${t.url}/`);
      await waitReady(page);
      await page.locator("#filtre-acheteur_id").focus();
      await page.keyboard.type("mauges");
      const options = page.locator("#filtre-acheteurs [role=option]");
      await options.first().waitFor();
      const { buyers } = await t.json<{ buyers: { siret: string; contracts: number }[] }>(
        "/api/buyers?q=mauges&limit=10",
      );
      expect(buyers.map((b) => b.contracts)).toContain(1);
      const details = await options.locator(".combobox__detail").allTextContents();
      for (const [i, b] of buyers.entries()) {
        const count = b.contracts === 1 ? "1 marché" : `${b.contracts} marchés`;
        expect(details[i], b.siret).toMatch(new RegExp(` · ${count}$`, "u"));
      }
      await page.keyboard.press("Escape");
    });

    it("takes a name: suggestions by keyboard, then the buyer's name stays shown", async () => {
      const { page } = browser;
      await page.goto(`${t.url}/`);
      await waitReady(page);
      const field = page.locator("#filtre-acheteur_id");
      // No browser check that would refuse a name: no pattern, no numeric keyboard.
      expect(await field.getAttribute("pattern")).toBeNull();
      expect(await field.getAttribute("inputmode")).toBeNull();
      expect(await field.getAttribute("role")).toBe("combobox");
      await field.focus();
      await page.keyboard.type("ville de ly");
      const options = page.locator("#filtre-acheteurs [role=option]");
      await options.first().waitFor();
      expect(await field.getAttribute("aria-expanded")).toBe("true");
      const { buyers } = await t.json<{
        buyers: { siret: string; nom: string; departement_nom: string | null }[];
      }>("/api/buyers?q=ville%20de%20ly&limit=10");
      expect(await options.count()).toBe(buyers.length);
      // Each names its département when it is known, to tell apart buyers of one name.
      expect(buyers.some((b) => b.departement_nom !== null)).toBe(true);
      const details = await options.locator(".combobox__detail").allTextContents();
      for (const [i, b] of buyers.entries()) {
        expect(details[i], b.siret).toContain(`SIRET ${b.siret}`);
        if (b.departement_nom) expect(details[i], b.siret).toContain(` · ${b.departement_nom} · `);
      }
      expect(await page.locator(".buyer-picker [role=status]").textContent()).toMatch(
        /acheteurs? proposés?/,
      );
      await page.keyboard.press("ArrowDown");
      const first = await options.first().getAttribute("id");
      expect(await field.getAttribute("aria-activedescendant")).toBe(first);
      expect(await options.first().getAttribute("aria-selected")).toBe("true");
      expect(await axeViolations(page)).toEqual([]);
      await keepScreenshot(page.locator(".filter-bar"), "buyer-suggestions");
      await page.keyboard.press("Enter");
      await page.waitForURL(/acheteur_id=/);
      await waitReady(page);
      const chosen = buyers[0];
      expect(new URL(page.url()).searchParams.get("acheteur_id")).toBe(chosen?.siret);
      expect(await focused(page)).toBe("filtre-acheteur_id");
      expect(await field.inputValue()).toBe(chosen?.nom);
      expect(await page.locator("#filtre-acheteur-choisi").textContent()).toBe(
        `Filtré sur : ${chosen?.nom} (SIRET ${chosen?.siret}).`,
      );
      const [truth] = await queryFile(
        t.dbPath,
        "SELECT count(*) AS n FROM contracts WHERE acheteur_id = $1",
        [String(chosen?.siret)],
      );
      expect(
        Number(
          (
            await page.locator('[data-indicator="contracts_count"] [data-value]').textContent()
          )?.replace(/\D/g, ""),
        ),
      ).toBe(truth?.n);
      // The address alone brings the name back.
      await page.reload();
      await waitReady(page);
      await expect.poll(() => field.inputValue()).toBe(chosen?.nom);
    });

    it("says why a search could not be made instead of « Aucun acheteur trouvé »", async () => {
      const { page } = browser;
      await page.goto(`${t.url}/`);
      await waitReady(page);
      const field = page.locator("#filtre-acheteur_id");
      await field.focus();
      // Eleven words of three letters or more (« un » does not count): the API refuses the name
      // search (server/lookups/name-search.ts).
      const text = "un deux trois quatre cinq six sept huit neuf dix onze douze";
      await page.keyboard.type(text);
      const status = page.locator(".buyer-picker [role=status]");
      await expect.poll(() => status.textContent()).toMatch(/^Recherche impossible : /);
      const refused = await t.get(`/api/buyers?q=${encodeURIComponent(text)}&limit=10`);
      expect(refused.status).toBe(400);
      const { error } = (await refused.json()) as { error: { message: string } };
      expect(await status.textContent()).toBe(`Recherche impossible : ${error.message}`);
      expect(await field.getAttribute("aria-expanded")).toBe("false");
      // The browser logs the refused request; nothing else went wrong.
      expect(browser.takeErrors()).toEqual([
        expect.stringMatching(/^console: Failed to load resource: .* 400/),
      ]);
    });

    it("takes a SIRET, says when a name is not chosen, and is emptied to remove the filter", async () => {
      const { page } = browser;
      const [top] = await queryFile(
        t.dbPath,
        // The name the who's who gives the buyer (etl/sql/enrich.sql), as the API does.
        "SELECT c.acheteur_id, b.nom FROM contracts c JOIN buyers b USING (acheteur_id) GROUP BY 1, 2 ORDER BY count(*) DESC, 1 LIMIT 1",
      );
      await page.goto(`${t.url}/indicateur/contracts_count`);
      await waitReady(page);
      const field = page.locator("#filtre-acheteur_id");
      await field.focus();
      await page.keyboard.type(String(top?.acheteur_id));
      await page.waitForURL(/acheteur_id=/);
      await waitReady(page);
      expect(new URL(page.url()).searchParams.get("acheteur_id")).toBe(top?.acheteur_id);
      await expect
        .poll(() => page.locator("#filtre-acheteur-choisi").textContent())
        .toBe(`Filtré sur : ${top?.nom} (SIRET ${top?.acheteur_id}).`);
      expect(await focused(page)).toBe("filtre-acheteur_id");
      // Once the reader leaves the field, it shows the buyer's name rather than the digits.
      await page.keyboard.press("Tab");
      expect(await field.inputValue()).toBe(top?.nom);
      await field.focus();
      // A name typed but not chosen: the page says what to do; the filter is not changed.
      await field.fill("");
      await page.keyboard.type("zzz introuvable");
      await page.keyboard.press("Enter");
      expect(await page.locator(".buyer-picker [role=status]").textContent()).toBe(
        "Choisissez un acheteur dans la liste, ou tapez un SIRET de 14 chiffres.",
      );
      expect(new URL(page.url()).searchParams.get("acheteur_id")).toBe(top?.acheteur_id);
      // Escape gives the field back the chosen buyer.
      await page.keyboard.press("Escape");
      expect(await field.inputValue()).toBe(top?.nom);
      // Emptied, the filter goes.
      await field.fill("");
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => !url.searchParams.has("acheteur_id"));
      await waitReady(page);
      expect(await page.locator("#filtre-acheteur-choisi").textContent()).toBe("");
      expect(await focused(page)).toBe("filtre-acheteur_id");
    });
  });
});
