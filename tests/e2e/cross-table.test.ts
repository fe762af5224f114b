// Two dimensions on an indicator page, in Chromium: « Répartir par région et par année » gives
// the table rows × columns whose cells are the API's rows for that request (value, N, flags), a
// heatmap with a cell per row, and four downloads of the same request that parse.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseCsv, readParquet, readXlsx } from "../server/helpers/read-files.ts";
import { startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import { axeViolations } from "./helpers/axe.ts";
import { describeWithBrowser, launchBrowser, waitReady, type Browser } from "./helpers/browser.ts";
import { keepScreenshot } from "./helpers/screenshots.ts";

interface Row {
  region: string | null;
  region_label: string | null;
  year: number | null;
  value: number | null;
  n: number;
  n_scope: number;
  coverage: number | null;
  flags: string[];
}
interface Answer {
  columns: { name: string; label: string }[];
  rows: Row[];
}

/** The client's own number formats, loaded as the browser loads them. */
interface Format {
  formatValue(value: unknown, format: string | undefined): string;
  formatInteger(value: unknown): string;
  formatPercent(value: unknown): string;
  FLAG_LABELS: Record<string, string>;
}
const FORMAT = new URL("../../client/src/format.js", import.meta.url);

let t: TestServer;
let browser: Browser;
let format: Format;

describeWithBrowser("two dimensions on an indicator page", () => {
  beforeAll(async () => {
    [t, browser, format] = await Promise.all([
      startTestServer(),
      launchBrowser(),
      import(FORMAT.href) as Promise<Format>,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(browser.takeErrors()).toEqual([]);
  });

  describe("région × année", () => {
    it("the table's cells are the API's rows for by=region,year", async () => {
      const { page } = browser;
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${t.url}/indicateur/single_offer_rate?by=region`);
      await waitReady(page);
      // Chosen on the page: « et par » année.
      await page.selectOption("#ventilation-2", "year");
      await page.waitForURL(/by=region(%2C|,)year/);
      await waitReady(page);
      const api = await t.json<Answer>("/api/indicators/single_offer_rate?by=region,year");
      const block = page.locator('.chart-block:has([data-chart="heatmap"])');
      const table = block.locator("table");
      // Columns: the years, the latest first, « Date inconnue » last.
      const columns = (await table.locator("thead th").allTextContents()).slice(1);
      const years = [...new Set(api.rows.map((r) => r.year))];
      expect(columns).toHaveLength(years.length);
      const dated = years.filter((y): y is number => y !== null).sort((a, b) => b - a);
      expect(columns).toEqual([
        ...dated.map(String),
        ...(years.includes(null) ? ["Date inconnue"] : []),
      ]);
      // Rows: the régions, one each.
      const regions = await table.locator("tbody th").allTextContents();
      const labels = [...new Set(api.rows.map((r) => r.region_label ?? "Non renseigné"))];
      expect([...regions].sort()).toEqual([...labels].sort());
      // Every API row is the cell at its région and its year: value, N, flags.
      const cells = await table.locator("tbody tr").evaluateAll((trs) =>
        trs.map((tr) => ({
          region: tr.querySelector("th")?.textContent ?? "",
          cells: [...tr.querySelectorAll("td")].map((td) => ({
            value: td.querySelector(".cross__value")?.firstChild?.textContent ?? td.textContent,
            n: td.querySelector(".cross__n")?.textContent ?? null,
            coverage: td.querySelector(".cross__coverage")?.textContent ?? null,
            notes: td.querySelector("sup")?.textContent ?? "",
            said: td.querySelector(".visually-hidden")?.textContent ?? "",
          })),
        })),
      );
      const notes = await block.locator(".cross__notes li").allTextContents();
      let compared = 0;
      for (const row of api.rows) {
        const region = row.region_label ?? "Non renseigné";
        const column = columns.indexOf(row.year === null ? "Date inconnue" : String(row.year));
        const cell = cells.find((c) => c.region === region)?.cells[column];
        const where = `${region} ${row.year}`;
        expect(cell?.value, where).toBe(format.formatValue(row.value, "percent"));
        expect(cell?.n, where).toBe(`N = ${format.formatInteger(row.n)}`);
        // Its coverage beside its N (« sans objet » when no contract is in the scope).
        expect(cell?.coverage, where).toBe(
          row.coverage === null
            ? row.n_scope === 0
              ? "couverture sans objet"
              : "couverture inconnue"
            : `couverture ${format.formatPercent(row.coverage)}`,
        );
        // Flags: their note numbers on screen, their words for screen readers.
        const numbers = cell?.notes ? cell.notes.split(",").map(Number) : [];
        expect(numbers.map((i) => notes[i - 1]).sort(), where).toEqual(
          row.flags.map((f) => format.FLAG_LABELS[f]).sort(),
        );
        for (const flag of row.flags) expect(cell?.said, where).toContain(format.FLAG_LABELS[flag]);
        compared++;
      }
      expect(compared).toBe(api.rows.length);
      // A pair without any row is an empty cell, said as such.
      const empty = cells.flatMap((c) => c.cells).filter((c) => c.n === null).length;
      expect(empty).toBe(regions.length * columns.length - api.rows.length);

      // The heatmap: a grey cell per row, coloured when it has a value.
      const heatmap = page.locator('[data-chart="heatmap"] svg');
      const rects = await heatmap
        .locator(".mark-rect.role-mark")
        .evaluateAll((groups) => groups.map((g) => g.querySelectorAll("path").length));
      const withValue = api.rows.filter((r) => r.value !== null).length;
      expect(rects).toEqual([api.rows.length, withValue]);
      // Rings on the cells computed on few contracts.
      const small = api.rows.filter((r) => r.flags.includes("below_min_n")).length;
      expect(await heatmap.locator(".mark-symbol path").count()).toBe(small);
      expect(await axeViolations(page)).toEqual([]);
      await keepScreenshot(block, "cross-table");
    });

    it("the four downloads hold that request, every row, and parse", async () => {
      const { page } = browser;
      const api = await t.json<Answer>("/api/indicators/single_offer_rate?by=region,year");
      const block = page.locator('.chart-block:has([data-chart="heatmap"])');
      const save = async (selector: string) => {
        const [file] = await Promise.all([
          page.waitForEvent("download"),
          block.locator(selector).click(),
        ]);
        return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
      };
      const base = "single-offer-rate_par-region-annee";

      const excel = await save('a[data-format="csv_excel"]');
      expect(excel.name).toBe(`${base}_excel.csv`);
      expect([...excel.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = parseCsv(excel.bytes.subarray(3).toString("utf8"), ";");
      expect(records[0]).toEqual(api.columns.map((c) => c.label));
      expect(records.length - 1).toBe(api.rows.length);
      // Région codes kept as text, as for one dimension.
      expect(records.slice(1).map((r) => r[0])).toContain('="01"');

      const plain = await save('a[data-format="csv"]');
      expect(plain.name).toBe(`${base}.csv`);
      const lines = parseCsv(plain.bytes.toString("utf8"), ",");
      expect(lines[0]?.slice(0, 3)).toEqual(["region", "region_label", "year"]);
      expect(lines.length - 1).toBe(api.rows.length);

      const xlsx = await save('a[data-format="xlsx"]');
      expect(xlsx.name).toBe(`${base}.xlsx`);
      const sheets = readXlsx(xlsx.bytes);
      expect(sheets.get("Données")?.length).toBe(api.rows.length + 1);

      const parquet = await save('a[data-format="parquet"]');
      expect(parquet.name).toBe(`${base}.parquet`);
      const { rows } = await readParquet(parquet.bytes);
      expect(rows.length).toBe(api.rows.length);
      expect(new Set(rows.map((r) => `${r.region}|${r.year}`)).size).toBe(api.rows.length);

      // The table on screen: each year's value, N and flags side by side.
      const onScreen = await save('button[data-format="table"]');
      expect(onScreen.name).toBe(`${base}_tableau.csv`);
      const shown = parseCsv(onScreen.bytes.toString("utf8").replace(/^\uFEFF/, ""), ";");
      const years = await block.locator("thead th").count();
      expect(shown[0]?.length).toBe(1 + 4 * (years - 1));
      // The latest year's columns, the share said as a number from 0 to 1.
      const latest = await block.locator("thead th").nth(1).textContent();
      expect(shown[0]?.slice(1, 5)).toEqual([
        `${latest} – valeur (part, 1 = 100 %)`,
        `${latest} – N`,
        `${latest} – couverture (part, 1 = 100 %)`,
        `${latest} – signalements`,
      ]);
      expect(shown.length - 1).toBe(await block.locator("tbody tr").count());
      // Figures as numbers a French spreadsheet reads (decimal comma), never the screen's words:
      // Bretagne's latest year is the API's value rounded to 4 decimals, and its N.
      const bretagne = api.rows.find((r) => r.region === "53" && String(r.year) === latest);
      const line = shown.find((r) => r[0] === "Bretagne");
      expect(line?.[1]).toBe(
        bretagne?.value === null || bretagne === undefined
          ? ""
          : String(Number(bretagne.value.toFixed(4))).replace(".", ","),
      );
      expect(line?.[2]).toBe(String(bretagne?.n ?? ""));
      expect(line?.[3]).toBe(
        bretagne?.coverage === null || bretagne === undefined
          ? ""
          : String(Number(bretagne.coverage.toFixed(4))).replace(".", ","),
      );
    });
  });

  it("buyers sharing a name keep a row each, told apart by their SIRET", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${t.url}/indicateur/single_offer_rate?by=acheteur_id,year`);
    await waitReady(page);
    const api = await t.json<{ rows: { acheteur_id: string }[] }>(
      "/api/indicators/single_offer_rate?by=acheteur_id,year",
    );
    const buyers = new Set(api.rows.map((r) => r.acheteur_id)).size;
    const block = page.locator('.chart-block:has([data-chart="heatmap"])');
    // The label's first letter only is lower-cased in the title: SIRET stays an acronym.
    expect(await block.locator("h2").textContent()).toBe(
      "Répartition par acheteur (SIRET) et par année de notification",
    );
    const names = await block.locator("tbody th").allTextContents();
    expect(names).toHaveLength(buyers);
    expect(new Set(names).size).toBe(buyers);
    expect(names.filter((n) => n.startsWith("CA Mauges Communauté")).sort()).toEqual([
      "CA Mauges Communauté (20006001000010)",
      "CA Mauges Communauté (20006001000044)",
      "CA Mauges Communauté (20006001000085)",
    ]);
    // The count the note gives is the table's.
    const note = await block.locator("figcaption .note").textContent();
    expect(note?.replace(/\s/gu, "")).toContain(`letableaulesmontretoutes(${buyers})`);
    // So many rows scroll in a box of their own, said under it, as a long one-dimension table
    // does: the page itself stays a page (it was about 150 000 px long).
    const box = block.locator(".table-scroll--long");
    expect(await box.count()).toBe(1);
    expect(await box.evaluate((b) => b.scrollHeight > b.clientHeight)).toBe(true);
    expect((await block.locator(".table-long__note").textContent())?.replace(/\s/gu, "")).toMatch(
      new RegExp(`^${buyers}lignes:`),
    );
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(20_000);
  });

  it("an indicator with categories (a mix) offers one dimension only", async () => {
    const { page } = browser;
    await page.goto(`${t.url}/indicateur/procedure_mix`);
    await waitReady(page);
    expect(await page.locator("#ventilation").count()).toBe(1);
    expect(await page.locator("#ventilation-2").count()).toBe(0);
    // Asked for in the address anyway, the second dimension is left out.
    await page.goto(`${t.url}/indicateur/procedure_mix?by=region,year`);
    await waitReady(page);
    expect(await page.locator('[data-chart="breakdown"]').count()).toBe(1);
    expect(await page.locator('[data-chart="heatmap"]').count()).toBe(0);
  });
});
