// Downloads in Chromium: every file is named after what it holds, the same by the page's link
// and by the server; and « Ce tableau (CSV) » neutralises buyer names a spreadsheet would run as
// formulas, with the rules of the server's CSV (one module for both). The database holds the
// shipped samples and a file of buyers named like formulas, loaded by the real ETL.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultInputs } from "../../etl/pipeline.ts";
import { writeTestInput } from "../helpers/etl-cache.ts";
import { parseCsv } from "../server/helpers/read-files.ts";
import { startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import { describeWithBrowser, launchBrowser, waitReady, type Browser } from "./helpers/browser.ts";

/** Buyer names that Excel would run as formulas if written as they are. */
const HOSTILE = ['=HYPERLINK("http://exemple.invalid","clic")', "@SUM(1)", "+1+1", "-2+3"];

/** A valid SIRET (Luhn key) starting with the 13 digits given. */
function siret(first13: string): string {
  for (let key = 0; key <= 9; key++) {
    const digits = `${first13}${key}`;
    const sum = [...digits].reverse().reduce((total, d, i) => {
      const n = Number(d) * (i % 2 === 1 ? 2 : 1);
      return total + (n > 9 ? n - 9 : n);
    }, 0);
    if (sum % 10 === 0) return digits;
  }
  throw new Error("no key");
}

/**
 * A 2019-format file: one contract per hostile buyer, in Rennes in 2024. Written at a fixed path
 * (writeTestInput), so that the ETL's snapshot of it is built once, not on every run.
 */
function hostileFile(): string {
  const marches = HOSTILE.map((nom, i) => ({
    id: `2024HOST${i}`,
    acheteur: { id: siret(`2135023880${i}01`), nom },
    nature: "Marché",
    objet: "Fournitures de bureau",
    codeCPV: "30192000-1",
    procedure: "Procédure adaptée",
    lieuExecution: { code: "35238", typeCode: "Code commune", nom: "Rennes" },
    dureeMois: 12,
    dateNotification: "2024-03-0" + (i + 1),
    datePublicationDonnees: "2024-03-15",
    montant: 20000 + i,
    formePrix: "Ferme",
    titulaires: [
      { typeIdentifiant: "SIRET", id: "81223113200026", denominationSociale: "Garami SARL" },
    ],
    modifications: [],
  }));
  return writeTestInput("downloads/hostile-buyers.json", JSON.stringify({ marches }));
}

let t: TestServer;
let browser: Browser;

describeWithBrowser("downloads in Chromium", () => {
  beforeAll(async () => {
    [t, browser] = await Promise.all([
      startTestServer({ inputs: [...defaultInputs(), hostileFile()] }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(browser.takeErrors()).toEqual([]);
  });

  describe("file names", () => {
    it("each download is named after what it holds, by the link and by the server alike", async () => {
      const { page } = browser;
      await page.goto(
        `${t.url}/indicateur/contracts_count?year_from=2019&year_to=2019&region=84&by=procedure`,
      );
      await waitReady(page);
      const expected: Record<string, string> = {
        trend: "contracts-count_par-annee_2019_region-84",
        breakdown: "contracts-count_par-procedure_2019_region-84",
        map: "contracts-count_par-departement_2019_region-84",
      };
      const endings = { csv_excel: "_excel.csv", xlsx: ".xlsx", csv: ".csv", parquet: ".parquet" };
      for (const [kind, base] of Object.entries(expected)) {
        const block = page.locator(`.chart-block:has([data-chart="${kind}"])`);
        for (const [format, ending] of Object.entries(endings)) {
          const link = block.locator(`a[data-format="${format}"]`);
          const name = `${base}${ending}`;
          expect(await link.getAttribute("download"), `${kind} ${format}`).toBe(name);
          const response = await t.get(String(await link.getAttribute("href")));
          expect(response.headers.get("content-disposition")).toBe(
            `attachment; filename="${name}"`,
          );
          const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
          expect(file.suggestedFilename()).toBe(name);
        }
        const [table] = await Promise.all([
          page.waitForEvent("download"),
          block.getByRole("button", { name: "Ce tableau (CSV)" }).click(),
        ]);
        expect(table.suggestedFilename()).toBe(`${base}_tableau.csv`);
      }
      // Every name of the page is different.
      const names = await page
        .locator(".exports a[download]")
        .evaluateAll((links) => links.map((a) => a.getAttribute("download")));
      expect(new Set(names).size).toBe(names.length);
    });
  });

  describe("« Ce tableau (CSV) »", () => {
    it("writes buyer names that look like formulas as text, as the server's CSV does", async () => {
      const { page } = browser;
      await page.goto(
        `${t.url}/indicateur/contracts_count?by=acheteur_nom&year_from=2024&year_to=2024`,
      );
      await waitReady(page);
      const block = page.locator('.chart-block:has([data-chart="breakdown"])');
      const shown = await block.locator("tbody th").allTextContents();
      for (const name of HOSTILE) expect(shown).toContain(name);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        block.getByRole("button", { name: "Ce tableau (CSV)" }).click(),
      ]);
      const bytes = readFileSync(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString("utf8");
      const records = parseCsv(text, ";");
      const firstCells = records.map((r) => r[0]);
      // A spreadsheet reads each as text: an apostrophe first, never a formula.
      for (const name of HOSTILE) expect(firstCells).toContain(`'${name}`);
      expect(firstCells.filter((cell) => /^[=+\-@]/.test(cell ?? ""))).toEqual([]);
      // Counts as on screen, kept as text (`="1"`), like codes in the server's CSV.
      const hyperlink = records.find((r) => r[0] === `'${HOSTILE[0]}`);
      expect(hyperlink?.[2]).toBe('="1"');
      // The server's CSV pour Excel of the same request writes the same names the same way.
      const href = String(await block.locator('a[data-format="csv_excel"]').getAttribute("href"));
      const server = parseCsv((await (await t.get(href)).text()).replace(/^\uFEFF/, ""), ";");
      const serverNames = server.map((r) => r[0]);
      for (const name of HOSTILE) expect(serverNames).toContain(`'${name}`);
    });
  });
});
