// The dashboard in a real Chromium against the real server: charts with marks, filters in the
// address, downloads that parse, and no console error. A buyer's and a titulaire's pages are in
// party-pages.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shareText } from "../../client/src/shared/share-text.js";
import { parseCsv } from "../server/helpers/read-files.ts";
import { queryFile } from "../server/helpers/test-server.ts";
import { countMarks, describeWithBrowser, waitReady } from "./helpers/browser.ts";
import { drawEveryChart } from "./helpers/pages.ts";
import { keepScreenshot } from "./helpers/screenshots.ts";
import { browserSession } from "./helpers/session.ts";

describeWithBrowser("dashboard in Chromium", () => {
  const session = browserSession();

  const cardValue = (id: string) =>
    session.browser.page.locator(`[data-indicator="${id}"] [data-value]`).textContent();

  describe("dashboard", () => {
    it("home: a card per indicator with a value and a chart with marks; the snapshot in the address", async () => {
      const { t, browser } = session;
      const { page } = browser;
      await page.goto(`${t.url}/`);
      await waitReady(page);
      const health = await t.json<{ snapshot_id: string }>("/api/health");
      expect(new URL(page.url()).searchParams.get("snapshot")).toBe(health.snapshot_id);
      expect(await page.getAttribute("html", "lang")).toBe("fr");
      const { indicators } = await t.json<{ indicators: { id: string }[] }>("/api/indicators");
      for (const { id } of indicators) {
        // Every catalogue indicator is reachable from the home page.
        expect(await page.locator(`a[href^="/indicateur/${id}"]`).count(), id).toBeGreaterThan(0);
      }
      expect(await cardValue("contracts_count")).toMatch(/\d/);
      // N is what the figure rests on, with the contracts in scope and the coverage beside it.
      const amountShare = page.locator(
        '[data-indicator="social_consideration_amount_share"] .card__meta',
      );
      expect(await amountShare.textContent()).toMatch(
        /^N = [\d\s]+ marchés \(sur [\d\s]+ dans le périmètre\) · couverture [\d,]+\s% · couverture en valeur [\d,]+\s%$/,
      );
      // The card's yearly table starts with the latest year and ends with the undated row.
      const years = page.locator('[data-indicator="contracts_count"] details tbody tr th');
      const [newest] = await queryFile(
        t.dbPath,
        "SELECT max(year(date_notification)) AS y FROM contracts",
      );
      expect(await years.first().textContent()).toBe(String(newest?.y));
      expect(await years.last().textContent()).toBe("Date inconnue");
      expect(await countMarks(page, '[data-indicator="contracts_count"]')).toBeGreaterThan(0);
      await drawEveryChart(page);
      expect(await countMarks(page, ".cards")).toBeGreaterThan(50);
      // A partition's card gives its median without a per-buyer-per-year trend or table.
      // Its median is over the buyers with a value on enough contracts (a buyer of one contract
      // has 100 % by construction); the others are counted aside.
      const partitionRows = (
        await t.json<{ rows: { value: number | null; flags: string[] }[] }>(
          "/api/indicators/top_supplier_share",
        )
      ).rows;
      const counted = partitionRows.filter(
        (r) => r.value !== null && !r.flags.includes("below_min_n"),
      );
      expect(counted.length).toBeGreaterThan(0);
      expect(counted.length).toBeLessThan(partitionRows.length);
      const values = counted.map((r) => Number(r.value)).sort((a, b) => a - b);
      const median = values[Math.floor((values.length - 1) / 2)] ?? NaN;
      const integer = (n: number) => new Intl.NumberFormat("fr-FR").format(n);
      const others = partitionRows.length - counted.length;
      const spaces = (text: string | null) => text?.replace(/[\u202f\u00a0]/g, " ");
      expect(spaces(await cardValue("top_supplier_share"))).toBe(
        spaces(
          `Médiane : ${shareText(median)} (${integer(counted.length)} acheteurs ; ${integer(others)} autres écartés : trop peu de marchés ou aucune valeur)`,
        ),
      );
      const partition = page.locator('[data-indicator="top_supplier_share"]');
      expect(await partition.locator('[data-chart="spark"], details').count()).toBe(0);
      // The card's figure is over every year of the 2024-format contracts: set for 2025, the
      // target does not judge it, and the badge says over which years it is computed.
      const [span] = await queryFile(
        t.dbPath,
        `SELECT min(year(date_notification)) AS first, max(year(date_notification)) AS last
           FROM contracts WHERE decp_format IN ('v2', 'v2.0.0')`,
      );
      expect(Number(span?.first)).toBeLessThan(2025);
      const targetBadge = page.locator(
        '[data-indicator="social_consideration_share"] .badge[title^="30 %"]',
      );
      expect(spaces(await targetBadge.textContent())).toBe(
        `Cible (30 % en 2025) : non évaluée (chiffre de ${String(span?.first)} à ${String(span?.last)}, objectif fixé pour 2025)`,
      );
      await keepScreenshot(page, "home", { fullPage: true });
    });

    it("home on a phone: the charts near the screen are drawn first, the others as the reader scrolls or prints", async () => {
      const { t, browser } = session;
      const { page } = browser;
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await page.goto(`${t.url}/`);
        await waitReady(page);
        const state = () =>
          page.locator('[data-chart="spark"]').evaluateAll((charts) =>
            charts.map((chart) => ({
              drawn: chart.querySelector("svg") !== null,
              near: chart.getBoundingClientRect().top < 2 * window.innerHeight,
            })),
          );
        const first = await state();
        // Every card has its figure and table already; only the charts more than a screen below
        // wait (on a phone the filters alone fill the first screen).
        expect(await page.locator(".card .loading").count()).toBe(0);
        expect(first.filter((c) => c.near).every((c) => c.drawn)).toBe(true);
        const far = first.filter((c) => !c.near);
        expect(far.length).toBeGreaterThan(10);
        expect(far.some((c) => c.drawn)).toBe(false);
        // The chart library itself is only fetched for a chart to draw.
        const libraryLoaded = () =>
          page.evaluate(() =>
            performance
              .getEntriesByType("resource")
              .some((entry) => entry.name.endsWith("/vendor/vega.js")),
          );
        expect(await libraryLoaded()).toBe(first.some((c) => c.drawn));
        // Scrolled to, the last chart is drawn.
        const last = page.locator('[data-chart="spark"]').last();
        await last.scrollIntoViewIfNeeded();
        await expect.poll(libraryLoaded).toBe(true);
        await expect
          .poll(() => last.locator("svg .mark-line path, svg .mark-symbol path").count())
          .toBeGreaterThan(0);
        // Before printing, every chart still waiting is drawn (paper does not scroll).
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
        await expect
          .poll(async () => (await state()).every((c) => c.drawn), { timeout: 20_000 })
          .toBe(true);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });

    it("a filter change updates the address and the charts", async () => {
      const { t, browser } = session;
      const { page } = browser;
      const before = await cardValue("contracts_count");
      const spark = '[data-indicator="contracts_count"] [data-chart="spark"] svg .mark-line';
      const marksBefore = await page.locator(`${spark} path`).first().getAttribute("d");
      await page.selectOption("#filtre-region", "84");
      await page.waitForURL(/region=84/);
      await waitReady(page);
      expect(new URL(page.url()).searchParams.get("region")).toBe("84");
      const [truth] = await queryFile(
        t.dbPath,
        "SELECT count(*) AS n FROM contracts WHERE region = '84'",
      );
      const after = await cardValue("contracts_count");
      expect(after).not.toBe(before);
      expect(Number(after?.replace(/\D/g, ""))).toBe(truth?.n);
      expect(await page.locator(`${spark} path`).first().getAttribute("d")).not.toBe(marksBefore);
      // The address alone restores the view: reload and get the same figure.
      await page.reload();
      await waitReady(page);
      expect(await cardValue("contracts_count")).toBe(after);
      expect(await page.inputValue("#filtre-region")).toBe("84");
    });

    it("home and « À propos » say the data are the shipped samples, naming their producers", async () => {
      const { t, browser } = session;
      const { page } = browser;
      const sources = await t.json<{
        samples_only: boolean;
        producers: {
          producer: string;
          platform: string;
          files: number;
          contracts: number;
          publication_dates: { last: string } | null;
        }[];
        sources: { publication_dates: { last: string } | null }[];
      }>("/api/data-sources");
      expect(sources.samples_only).toBe(true);
      await page.goto(`${t.url}/`);
      await waitReady(page);
      const notice = page.locator('#notice [data-testid="samples-notice"]');
      const text = (await notice.textContent()) ?? "";
      expect(text).toMatch(/^Données d'exemple : /);
      expect(text).toContain("et non sur l'ensemble de la France");
      const platforms = new Set(sources.producers.map((p) => p.platform));
      expect(text).toContain(`${platforms.size} plateformes`);
      for (const platform of platforms) expect(text).toContain(platform);
      // Every year the files were published in is named (a year of one month, by its month).
      const years = new Set(
        sources.sources.flatMap((s) => s.publication_dates?.last.slice(0, 4) ?? []),
      );
      expect(years.size).toBeGreaterThan(1);
      for (const year of years) expect(text).toContain(year);
      // …as a French list: commas, and one « et » before the last.
      const periods = text.match(/— (en .*), et non sur/)?.[1] ?? "";
      expect(periods.split(" et ").length, periods).toBe(2);
      expect(periods.split(", ").length, periods).toBe(years.size - 1);
      await keepScreenshot(page, "home-samples-notice");

      await notice.getByRole("link", { name: "Le détail des fichiers" }).click();
      await page.waitForURL(/\/a-propos/);
      await waitReady(page);
      const rows = page.locator('[data-testid="data-sources"] tbody tr');
      expect(await rows.count()).toBe(sources.producers.length);
      for (const [i, producer] of sources.producers.entries()) {
        const row = rows.nth(i);
        expect(await row.locator("th").textContent()).toContain(producer.producer);
        const cells = await row.locator("td").allTextContents();
        const digits = (cell: string | undefined) => Number(cell?.replace(/\D/g, ""));
        expect(digits(cells[0]), producer.producer).toBe(producer.files);
        expect(digits(cells[1]), producer.producer).toBe(producer.contracts);
        // Notification and publication dates, written in French; unknown shown as unknown
        // (decp.info's extract publishes no publication date).
        expect(cells[3]).toMatch(/\d{4}/);
        if (producer.publication_dates === null) expect(cells[4]).toBe("—");
        else
          expect(cells[4]).toMatch(
            /(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/,
          );
      }
      await keepScreenshot(page, "about", { fullPage: true });
    });

    it("indicator page: trend, breakdown and map charts, each with its table", async () => {
      const { t, browser } = session;
      const { page } = browser;
      await page.goto(`${t.url}/indicateur/single_offer_rate`);
      await waitReady(page);
      for (const kind of ["trend", "breakdown", "map"]) {
        expect(await countMarks(page, `[data-chart="${kind}"]`), kind).toBeGreaterThan(0);
        const block = page.locator(`.chart-block:has([data-chart="${kind}"])`);
        expect(await block.locator("table caption").count(), kind).toBe(1);
        expect(await block.locator("tbody tr").count(), kind).toBeGreaterThan(0);
      }
      // Tooltips work under the CSP (the libraries' inline styles are replaced by our stylesheet).
      const bar = page.locator('[data-chart="breakdown"] svg .mark-rect path').first();
      await bar.scrollIntoViewIfNeeded();
      await bar.hover();
      await page.waitForSelector("#vg-tooltip-element.visible");
      const tooltip = await page.locator("#vg-tooltip-element").textContent();
      expect(tooltip).toContain("N (marchés du calcul)");
      expect(tooltip).toContain("Marchés dans le périmètre");
      // The trend table: the latest year first, the contracts without a date last.
      const api = await t.json<{ rows: { year: number | null }[] }>(
        "/api/indicators/single_offer_rate?by=year",
      );
      const latest = Math.max(...api.rows.map((r) => r.year ?? 0));
      const trendRows = page.locator('.chart-block:has([data-chart="trend"]) tbody tr th');
      expect(await trendRows.first().textContent()).toBe(String(latest));
      expect(await trendRows.last().textContent()).toBe("Date inconnue");
      expect(await trendRows.count()).toBe(api.rows.length);
      // A coverage short of all never reads « 100 % » (2024: a few contracts without the field).
      const trendTable = page.locator('.chart-block:has([data-chart="trend"]) table');
      const headers = await trendTable.locator("thead th").allTextContents();
      const coverageColumn = headers.indexOf("Couverture");
      const nearlyAll = (api.rows as { year: number | null; coverage: number }[]).filter(
        (r) => r.year !== null && r.coverage > 0.9995 && r.coverage < 1,
      );
      expect(nearlyAll.length).toBeGreaterThan(0);
      for (const { year } of nearlyAll) {
        const cells = await trendTable
          .locator("tbody tr", { has: page.locator("th", { hasText: String(year) }) })
          .locator("th, td")
          .allTextContents();
        expect(cells[coverageColumn]?.replace(/[\u00a0\u202f]/g, " "), String(year)).toBe(
          "> 99,9 %",
        );
      }
      // The undated contracts have their own labelled place beside the time axis.
      expect(await page.locator('[data-chart="trend"] svg').textContent()).toContain(
        "Date inconnue",
      );
      // It needs the 2024 format: the page says why early years are empty.
      expect(await page.locator(".notice--info").textContent()).toContain(
        "format de publication de 2024",
      );
      await keepScreenshot(page, "indicator", { fullPage: true });
      // The breakdown is chosen on the page and kept in the address.
      await page.selectOption("#ventilation", "procedure");
      await page.waitForURL(/by=procedure/);
      await waitReady(page);
      expect(await countMarks(page, '[data-chart="breakdown"]')).toBeGreaterThan(0);
    });

    it("exports download files that parse: from the API and of the table on screen", async () => {
      const { t, browser } = session;
      const { page } = browser;
      await page.goto(`${t.url}/indicateur/contracts_count?by=region`);
      await waitReady(page);
      const block = page.locator('.chart-block:has([data-chart="breakdown"])');
      const api = await t.json<{ rows: unknown[]; columns: { label: string }[] }>(
        "/api/indicators/contracts_count?by=region",
      );

      const [excel] = await Promise.all([
        page.waitForEvent("download"),
        block.locator('a[data-format="csv_excel"]').click(),
      ]);
      const bytes = readFileSync(await excel.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = parseCsv(bytes.subarray(3).toString("utf8"), ";");
      expect(records[0]).toEqual(api.columns.map((c) => c.label));
      expect(records.length - 1).toBe(api.rows.length);

      const [xlsx] = await Promise.all([
        page.waitForEvent("download"),
        block.locator('a[data-format="xlsx"]').click(),
      ]);
      expect(
        readFileSync(await xlsx.path())
          .subarray(0, 2)
          .toString(),
      ).toBe("PK");

      const [onScreen] = await Promise.all([
        page.waitForEvent("download"),
        block.getByRole("button", { name: "Ce tableau (CSV)" }).click(),
      ]);
      const table = parseCsv(
        readFileSync(await onScreen.path())
          .toString("utf8")
          .replace(/^\uFEFF/, ""),
        ";",
      );
      const shown = await block.locator("table tbody tr").count();
      expect(table.length - 1).toBe(shown);
      expect(table[0]?.[0]).toBe(await block.locator("table thead th").first().textContent());
    });
  });
});
