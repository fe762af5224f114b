// The search page in Chromium: contracts found by words of their objet (with their buyer, date
// and amount, linked), buyers and companies grouped by SIREN with their establishments under
// them, and a plain sentence for each part when nothing matches. axe-core on the page.
import { expect, it } from "vitest";
import type { BuyerSearch, ContractSearch, SupplierSearch } from "../../server/api-types.ts";
import { queryFile } from "../server/helpers/test-server.ts";
import { axeViolations } from "./helpers/axe.ts";
import { describeWithBrowser, waitReady } from "./helpers/browser.ts";
import { browserSession } from "./helpers/session.ts";

describeWithBrowser("search page in Chromium", () => {
  const session = browserSession();

  it("lists the contracts whose objet holds the words, each linked to it and to its buyer", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const q = "restauration scolaire";
    const api = await t.json<ContractSearch>(`/api/contracts?q=${encodeURIComponent(q)}&limit=30`);
    expect(api.contracts.length).toBeGreaterThan(0);
    await page.goto(`${t.url}/recherche?q=${encodeURIComponent(q)}`);
    await waitReady(page);
    const table = page.locator("table", { hasText: "Marchés trouvés par leur objet" });
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(api.contracts.length);
    const first = api.contracts[0];
    const cells = rows.first().locator("th, td");
    expect(await cells.nth(0).textContent()).toBe(first?.objet);
    expect(await cells.nth(0).locator("a").getAttribute("href")).toBe(
      `/marche/${encodeURIComponent(String(first?.uid))}`,
    );
    expect(await cells.nth(1).locator("a").getAttribute("href")).toBe(
      `/acheteur/${first?.acheteur_id}`,
    );
    if (first?.acheteur_nom) expect(await cells.nth(1).textContent()).toBe(first.acheteur_nom);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("says plainly, for buyers, companies and contracts, when nothing matches", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.goto(`${t.url}/recherche?q=zzqxw`);
    await waitReady(page);
    const sentences = await page.locator(".no-result").allTextContents();
    expect(sentences).toEqual([
      "Aucun acheteur ne correspond à « zzqxw ».",
      "Aucune entreprise ne correspond à « zzqxw ».",
      "Aucun marché dont l'objet contient « zzqxw ».",
    ]);
  });

  it("places each buyer found in its département, to tell apart buyers of one name", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const api = await t.json<BuyerSearch>("/api/buyers?q=commune&limit=30");
    const placed = api.buyers.filter((b) => b.departement_nom !== null);
    expect(placed.length).toBeGreaterThan(0);
    await page.goto(`${t.url}/recherche?q=commune`);
    await waitReady(page);
    for (const b of placed) {
      const line = page.locator(".company__establishments li", {
        has: page.locator(`a[href="/acheteur/${b.siret}"]`),
      });
      expect(await line.textContent(), b.siret).toMatch(new RegExp(` · ${b.departement_nom}$`));
    }
  });

  it("gives a buyer's amount with its N when some of its amounts are unknown", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const api = await t.json<BuyerSearch>("/api/buyers?q=commune&limit=30");
    const partly = api.buyers.filter((b) => b.amount !== null && b.amount_contracts < b.contracts);
    const whole = api.buyers.filter((b) => b.amount !== null && b.amount_contracts === b.contracts);
    expect(partly.length).toBeGreaterThan(0);
    await page.goto(`${t.url}/recherche?q=commune`);
    await waitReady(page);
    const line = (siret: string) =>
      page
        .locator(".company__establishments li", {
          has: page.locator(`a[href="/acheteur/${siret}"]`),
        })
        .textContent();
    // Counts as a French reader writes them (« 1 234 », a narrow no-break space).
    const count = new Intl.NumberFormat("fr-FR").format;
    for (const b of partly) {
      const known = b.amount_contracts === 1 ? "le seul" : `les ${count(b.amount_contracts)}`;
      expect(await line(b.siret), b.siret).toMatch(
        new RegExp(`: ${count(b.contracts)} marchés, \\d.*€ pour ${known} au montant connu( · |$)`),
      );
    }
    for (const b of whole) expect(await line(b.siret), b.siret).not.toMatch(/montant connu/);
  });

  it("shows a company with its establishments listed under it", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const [company] = await queryFile(
      t.dbPath,
      `SELECT siren FROM titulaires WHERE siren IS NOT NULL GROUP BY 1 HAVING count(*) > 2
        ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const siren = String(company?.siren);
    const api = await t.json<SupplierSearch>(`/api/suppliers?q=${siren}&limit=30`);
    const group = api.companies.find((c) => c.siren === siren);
    expect(group?.establishments.length).toBeGreaterThan(2);
    await page.goto(`${t.url}/recherche?q=${siren}`);
    await waitReady(page);
    const item = page.locator(".company", { hasText: `SIREN ${siren}` });
    expect(await item.count()).toBe(1);
    const links = await item
      .locator(".company__establishments a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(group?.establishments.map((id) => `/fournisseur/${id}`));
    expect(await axeViolations(page)).toEqual([]);
  });
});
