// A buyer's and a titulaire's pages in Chromium against the real server: who each party is, in
// the words of the API's profile, its chart by year, each amount of its tables beside its N (the
// contracts of known amount), the buyer's one-page summary printed to one A4 page of PDF, a
// buyer with nothing to fix told so plainly, a contract reached from the titulaire, and the page
// of an unknown address.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { BuyerSummary, SupplierSummary } from "../../server/api-types.ts";
import { queryFile } from "../server/helpers/test-server.ts";
import { countMarks, describeWithBrowser, waitReady } from "./helpers/browser.ts";
import { keepScreenshot } from "./helpers/screenshots.ts";
import { browserSession } from "./helpers/session.ts";

const OUTPUT = fileURLToPath(new URL("../output/", import.meta.url));

/** The column of an amount's N in the pages' tables (client/src/components/lookup.js). */
const AMOUNT_N = "Marchés au montant connu (N du montant)";

/**
 * A table's rows as [first cell, cell under `header`], spaces dropped from the second (French
 * numbers have no-break spaces); the second is null when the table has no such column.
 */
function columnOf(page: Page, label: string, header: string): Promise<[string, string | null][]> {
  return page.locator(`.table-scroll[aria-label="${label}"] table`).evaluate((table, wanted) => {
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
    const at = heads.indexOf(wanted);
    return [...table.querySelectorAll("tbody tr")].map((tr): [string, string | null] => [
      tr.children[0]?.textContent ?? "",
      at < 0 ? null : (tr.children[at]?.textContent ?? "").replace(/\s/g, ""),
    ]);
  }, header);
}

describeWithBrowser("buyer and titulaire pages in Chromium", () => {
  const session = browserSession();

  it("buyer pages: the detail page, and a one-page summary that prints to PDF", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const [top] = await queryFile(
      t.dbPath,
      `SELECT acheteur_id FROM contracts GROUP BY 1
       HAVING count(*) FILTER (WHERE date_notification IS NULL) > 0
       ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const siret = String(top?.acheteur_id);
    await page.goto(`${t.url}/acheteur/${siret}`);
    await waitReady(page);
    expect(await countMarks(page, '[data-chart="buyer-years"]')).toBeGreaterThan(0);
    // Who the buyer is, in the words of the API's profile; a type no file gives, as unknown.
    const { profile } = await t.json<{
      profile: { type_acheteur_label: string | null; region_nom: string | null };
    }>(`/api/buyers/${siret}`);
    const lead = (await page.locator("main p.lead").first().textContent()) ?? "";
    expect(lead).toContain(profile.type_acheteur_label ?? "Acheteur public de type inconnu");
    if (profile.region_nom) expect(lead).toContain(profile.region_nom);
    expect(lead).toMatch(new RegExp(`SIRET ${siret}\\.$`));
    // Its records to fix: the latest twenty of more, said to be so.
    const { records_to_fix: toFix } = await t.json<{ records_to_fix: { total: number } }>(
      `/api/buyers/${siret}/quality`,
    );
    expect(toFix.total).toBeGreaterThan(20);
    const toFixCaption = page.locator(".publication-quality table caption").last();
    expect((await toFixCaption.textContent())?.replace(/[\u202f\u00a0]/g, "")).toBe(
      `Les 20 marchés les plus récents à corriger, sur ${toFix.total}`,
    );
    // All of them a download away.
    const csv = page.getByRole("link", { name: "Liste complète (CSV pour Excel)" });
    const list = await t.get((await csv.getAttribute("href")) ?? "");
    expect(list.headers.get("content-type")).toMatch(/^text\/csv/);
    // The share of its first supplier, one row of a partition by buyer, carries its N as every
    // other figure does, on the card and in the summary's sentence (spaces aside: French
    // numbers are written with no-break spaces).
    const share = await t.json<{ rows: { n: number }[] }>(
      `/api/indicators/top_supplier_share?acheteur_id=${siret}`,
    );
    const n = share.rows[0]?.n ?? 0;
    expect(n).toBeGreaterThan(0);
    const squeezed = (text: string | null) => (text ?? "").replace(/\s/g, "");
    const meta = page.locator('[data-indicator="top_supplier_share"] .card__meta');
    expect(squeezed(await meta.textContent())).toMatch(new RegExp(`^N=${n}marchés`));
    await page.getByRole("link", { name: "Synthèse imprimable pour les élus" }).click();
    await page.waitForURL(/\/synthese/);
    await waitReady(page);
    expect(await countMarks(page, '[data-chart="summary"]')).toBeGreaterThan(0);
    // A buyer of unknown type: the kicker says nothing of its type, rather than guess.
    if (profile.type_acheteur_label === null) {
      expect(await page.locator(".one-pager__header .kicker").textContent()).toBe(
        "Synthèse des marchés publics",
      );
    }
    // Most of this buyer's contracts have no notification date: the chart shows them apart,
    // and the table lists the latest year first and them last.
    const [undated] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE acheteur_id = $1 AND date_notification IS NULL",
      [siret],
    );
    expect(Number(undated?.n)).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="summary"] svg').textContent()).toContain(
      "Date inconnue",
    );
    const yearCells = page.locator(".one-pager__columns table").first().locator("tbody tr th");
    expect(await yearCells.last().textContent()).toBe("Date inconnue");
    expect(await page.locator("h2", { hasText: "En bref" }).count()).toBe(1);
    const sentence = page.locator("li", { hasText: "Part du premier fournisseur" });
    expect(squeezed(await sentence.textContent())).toContain(`(calculésur${n}marchés`);
    await keepScreenshot(page, "buyer-summary", { fullPage: true });
    const pdf = await page.pdf({
      path: join(OUTPUT, "buyer-summary.pdf"),
      format: "A4",
      printBackground: true,
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBe(1);
  });

  it("every amount of a party's tables stands beside its N, the contracts of known amount", async () => {
    const { t, browser } = session;
    const { page } = browser;
    // The busiest buyer some of whose amounts are unknown, and its busiest such titulaire.
    const [chosen] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id FROM contracts c GROUP BY 1
       HAVING count(*) FILTER (WHERE c.montant IS NOT NULL AND NOT c.montant_suspect) < count(*)
       ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const siret = String(chosen?.acheteur_id);
    const buyer = await t.json<BuyerSummary>(`/api/buyers/${siret}`);
    const n = (value: number) => String(value);
    await page.goto(`${t.url}/acheteur/${siret}`);
    await waitReady(page);
    const procedures = await columnOf(page, "Marchés par procédure", AMOUNT_N);
    expect(procedures.map(([, cell]) => cell)).toEqual(
      buyer.procedures.map((r) => n(r.amount_contracts)),
    );
    // One procedure at least rests on fewer contracts than it counts.
    expect(buyer.procedures.some((r) => r.amount_contracts < r.contracts)).toBe(true);
    const suppliers = await columnOf(
      page,
      "Principaux fournisseurs de l'acheteur, par établissement",
      AMOUNT_N,
    );
    expect(suppliers.map(([, cell]) => cell)).toEqual(
      buyer.top_suppliers.map((r) => n(r.amount_contracts)),
    );
    const name = (await page.locator("h1").textContent()) ?? "";
    const years = await columnOf(page, `Marchés par année — ${name}`, AMOUNT_N);
    expect(new Map(years)).toEqual(
      new Map(
        buyer.by_year.map((r) => [
          r.year === null ? "Date inconnue" : String(r.year),
          n(r.amount_contracts),
        ]),
      ),
    );
    await page.goto(`${t.url}/acheteur/${siret}/synthese`);
    await waitReady(page);
    const summary = await columnOf(
      page,
      "Cinq premiers fournisseurs (le montant d'un marché attribué à plusieurs entreprises est partagé à parts égales entre elles)",
      "Marchés au montant connu (N)",
    );
    expect(summary.map(([, cell]) => cell)).toEqual(
      buyer.top_suppliers.slice(0, 5).map((r) => n(r.amount_contracts)),
    );
    // The titulaire's page: its main buyers and its years.
    const top = buyer.top_suppliers[0]?.titulaire_id ?? "";
    const supplier = await t.json<SupplierSummary>(`/api/suppliers/${encodeURIComponent(top)}`);
    await page.goto(`${t.url}/fournisseur/${encodeURIComponent(top)}`);
    await waitReady(page);
    const buyers = await columnOf(page, "Acheteurs de l'entreprise", AMOUNT_N);
    expect(buyers.map(([, cell]) => cell)).toEqual(
      supplier.top_buyers.map((r) => n(r.amount_contracts)),
    );
    const its = (await page.locator("h1").textContent()) ?? "";
    const itsYears = await columnOf(page, `Marchés par année — ${its}`, AMOUNT_N);
    expect(itsYears.map(([, cell]) => cell).sort()).toEqual(
      supplier.by_year.map((r) => n(r.amount_contracts)).sort(),
    );
  });

  it("a buyer with no record to fix says so, with neither an empty table nor a list to download", async () => {
    const { t, browser } = session;
    const { page } = browser;
    // The busiest buyer whose records have nothing to fix, as the API judges them.
    const busiest = await queryFile(
      t.dbPath,
      "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 30",
    );
    let siret: string | undefined;
    for (const { acheteur_id: id } of busiest) {
      const { records_to_fix: toFix } = await t.json<{ records_to_fix: { total: number } }>(
        `/api/buyers/${String(id)}/quality`,
      );
      if (toFix.total === 0) {
        siret = String(id);
        break;
      }
    }
    expect(siret).toBeDefined();
    await page.goto(`${t.url}/acheteur/${siret}`);
    await waitReady(page);
    const quality = page.locator(".publication-quality");
    expect(await quality.getByText("Aucun marché n'a de champ à corriger.").count()).toBe(1);
    expect(await quality.locator("a", { hasText: "Liste complète" }).count()).toBe(0);
    // The rules' table only: none of records.
    expect(await quality.locator("table caption").allTextContents()).not.toContainEqual(
      expect.stringMatching(/à corriger/),
    );
  });

  it("supplier, contract and search pages render", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.goto(`${t.url}/recherche?q=ville`);
    await waitReady(page);
    const firstBuyer = page.locator('a[href^="/acheteur/"]').first();
    expect(await firstBuyer.count()).toBe(1);
    const [supplier] = await queryFile(
      t.dbPath,
      "SELECT titulaire_id FROM contract_suppliers WHERE titulaire_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    );
    await page.goto(`${t.url}/fournisseur/${encodeURIComponent(String(supplier?.titulaire_id))}`);
    await waitReady(page);
    expect(await countMarks(page, '[data-chart="supplier-years"]')).toBeGreaterThan(0);
    // Who the titulaire is, in the words of the API's profile; a size no file gives, unknown.
    const { profile } = await t.json<{
      profile: { categorie_entreprise_label: string | null; departement_nom: string | null };
    }>(`/api/suppliers/${encodeURIComponent(String(supplier?.titulaire_id))}`);
    const lead = (await page.locator("main p.lead").first().textContent()) ?? "";
    expect(lead).toMatch(
      new RegExp(`^${profile.categorie_entreprise_label ?? "Entreprise de taille inconnue"}\\b`),
    );
    if (profile.departement_nom) expect(lead).toContain(`, ${profile.departement_nom}`);
    // The list of contracts says whether it holds them all: the busiest titulaire has more.
    const listCaption = async () =>
      ((await page.locator("table caption").last().textContent()) ?? "").replace(
        /[\u202f\u00a0]/g,
        "",
      );
    const [counted] = await queryFile(
      t.dbPath,
      "SELECT count(DISTINCT uid) AS n FROM contract_suppliers WHERE titulaire_id = $1",
      [String(supplier?.titulaire_id)],
    );
    const busiest = Number(counted?.n);
    expect(busiest).toBeGreaterThan(50);
    expect(await listCaption()).toBe(`Les 50 marchés les plus récents, sur ${busiest}`);
    const [few] = await queryFile(
      t.dbPath,
      "SELECT titulaire_id FROM contract_suppliers WHERE titulaire_id IS NOT NULL GROUP BY 1 HAVING count(DISTINCT uid) = 3 ORDER BY 1 LIMIT 1",
    );
    await page.goto(`${t.url}/fournisseur/${encodeURIComponent(String(few?.titulaire_id))}`);
    await waitReady(page);
    expect(await listCaption()).toBe("Ses 3 marchés, du plus récent au plus ancien");
    // An amount the ETL found suspect (left out of the totals above) is said so in the list.
    const [doubtful] = await queryFile(
      t.dbPath,
      `SELECT s.titulaire_id, any_value(c.uid) AS uid FROM contract_suppliers s JOIN contracts c USING (uid)
        WHERE c.montant_suspect AND c.montant IS NOT NULL AND s.titulaire_id IN
          (SELECT titulaire_id FROM contract_suppliers GROUP BY 1 HAVING count(DISTINCT uid) <= 50)
        GROUP BY 1 ORDER BY 1 LIMIT 1`,
    );
    await page.goto(`${t.url}/fournisseur/${encodeURIComponent(String(doubtful?.titulaire_id))}`);
    await waitReady(page);
    const doubtfulRow = page.locator("tr", {
      has: page.locator(`a[href="/marche/${encodeURIComponent(String(doubtful?.uid))}"]`),
    });
    expect(await doubtfulRow.locator("td").last().textContent()).toMatch(/\d\s€\s\(suspect\)$/);
    await page.goBack();
    await waitReady(page);
    await page.goBack();
    await waitReady(page);
    await page.locator('a[href^="/marche/"]').first().click();
    await page.waitForURL(/\/marche\//);
    await waitReady(page);
    expect(await page.locator("h2", { hasText: "Titulaires" }).count()).toBe(1);
    // A contract published without its objet is named by its identifier, the objet said missing.
    const [untitled] = await queryFile(
      t.dbPath,
      "SELECT uid, id FROM contracts WHERE objet IS NULL AND id IS NOT NULL AND date_publication_donnees IS NULL ORDER BY uid LIMIT 1",
    );
    await page.goto(`${t.url}/marche/${encodeURIComponent(String(untitled?.uid))}`);
    await waitReady(page);
    expect(await page.locator("h1").textContent()).toBe(
      `Marché ${String(untitled?.id)} (objet non renseigné)`,
    );
    // A missing date is said missing in the same words as every other field.
    const published = page.locator(".fields div", { hasText: "Données publiées le" }).locator("dd");
    expect(await published.textContent()).toBe("Non renseigné");
    await page.goto(`${t.url}/page-inconnue`);
    await waitReady(page);
    expect(await page.locator("h1").textContent()).toBe("Page introuvable");
    // The 404 of the unknown page is expected here, not a defect.
    browser.takeErrors();
  });
});
