// Downloads in Chromium: every file is named after what it holds, the same by the page's link
// and by the server; and « Ce tableau (CSV) » neutralises buyer names a spreadsheet would run as
// formulas, with the rules of the server's CSV (one module for both). The database holds the
// shipped samples and a file of buyers named like formulas, loaded by the real ETL.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultInputs } from "../../etl/pipeline.ts";
import { writeTestInput } from "../helpers/etl-cache.ts";
import { parseCsv } from "../server/helpers/read-files.ts";
import { describeWithSpreadsheet, openInCalc, readSheet } from "../server/helpers/spreadsheet.ts";
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
      // Counts as numbers a spreadsheet adds up, as the server's CSV writes them (never `="1"`).
      const hyperlink = records.find((r) => r[0] === `'${HOSTILE[0]}`);
      expect(records[0]?.slice(1, 3)).toEqual(["Valeur (marchés)", "N (marchés du calcul)"]);
      expect(hyperlink?.slice(1, 3)).toEqual(["1", "1"]);
      // The server's CSV pour Excel of the same request writes the same names the same way.
      const href = String(await block.locator('a[data-format="csv_excel"]').getAttribute("href"));
      const server = parseCsv((await (await t.get(href)).text()).replace(/^\uFEFF/, ""), ";");
      const serverNames = server.map((r) => r[0]);
      for (const name of HOSTILE) expect(serverNames).toContain(`'${name}`);
    });

    describeWithSpreadsheet("opened in LibreOffice Calc (French locale)", () => {
      it("figures are numbers, shares from 0 to 1, and a name like a formula stays text", async () => {
        const { page } = browser;
        const dir = mkdtempSync(join(tmpdir(), "observatory-table-csv-"));
        try {
          const save = async (address: string, kind: string, name: string) => {
            await page.goto(`${t.url}${address}`);
            await waitReady(page);
            const [file] = await Promise.all([
              page.waitForEvent("download"),
              page
                .locator(`.chart-block:has([data-chart="${kind}"])`)
                .getByRole("button", { name: "Ce tableau (CSV)" })
                .click(),
            ]);
            await file.saveAs(join(dir, name));
            return join(dir, name);
          };
          const counts = await save(
            "/indicateur/contracts_count?by=acheteur_nom&year_from=2024&year_to=2024",
            "breakdown",
            "counts.csv",
          );
          const shares = await save(
            "/indicateur/single_offer_rate?by=region",
            "breakdown",
            "shares.csv",
          );
          const read = await openInCalc([counts, shares]);

          const names = readSheet(read.get("counts.csv") ?? new Uint8Array());
          expect(names[0]?.get(1)).toMatchObject({ kind: "text", raw: "Valeur (marchés)" });
          for (const name of HOSTILE) {
            const row = names.find((cells) => cells.get(0)?.raw.endsWith(name));
            // Shown as the name, never run: text, not a formula's result.
            expect(row?.get(0)?.kind, name).toBe("text");
            expect(row?.get(1), name).toMatchObject({ kind: "number", raw: "1" });
            expect(row?.get(2), name).toMatchObject({ kind: "number", raw: "1" });
          }

          const api = await t.json<{
            rows: {
              region_label: string | null;
              value: number | null;
              n: number;
              coverage: number | null;
            }[];
          }>("/api/indicators/single_offer_rate?by=region");
          const sheet = readSheet(read.get("shares.csv") ?? new Uint8Array());
          const header = [...(sheet[0]?.values() ?? [])].map((c) => c.raw);
          expect(header).toContain("Valeur (part, 1 = 100 %)");
          expect(header).toContain("Couverture (part, 1 = 100 %)");
          const value = header.indexOf("Valeur (part, 1 = 100 %)");
          const n = header.indexOf("N (marchés du calcul)");
          let numbers = 0;
          for (const row of api.rows) {
            const line = sheet.find(
              (cells) => cells.get(0)?.raw === (row.region_label ?? "Non renseigné"),
            );
            expect(line?.get(n), String(row.region_label)).toMatchObject({
              kind: "number",
              raw: String(row.n),
            });
            if (row.value === null) {
              expect(line?.get(value), String(row.region_label)).toBeUndefined();
              continue;
            }
            expect(line?.get(value)?.kind, String(row.region_label)).toBe("number");
            expect(Number(line?.get(value)?.raw)).toBeCloseTo(row.value, 4);
            numbers++;
          }
          expect(numbers).toBeGreaterThan(0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });
  });
});
