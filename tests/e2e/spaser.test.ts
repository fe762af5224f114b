// « Mon SPASER », peers and « Comparer » in Chromium on the samples' snapshot: the figures on
// screen are the API's, each indicator has exactly one status, a buyer is added to the
// comparison by typing its name and choosing with the keyboard, the comparison's CSV holds the
// table shown, and the one-page summary shows the peers on one A4 page. No console error anywhere.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { BuyerPeers, BuyerSpaser } from "../../server/api-types.ts";
import { NO_OTHER_PEER, aloneAmongPeers } from "../../client/src/shared/peer-words.js";
import { shareText } from "../../client/src/shared/share-text.js";
import { queryFile } from "../server/helpers/test-server.ts";
import { describeWithBrowser, waitReady } from "./helpers/browser.ts";
import { browserSession } from "./helpers/session.ts";

const BRETAGNE = "23350001600040";
const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });

describeWithBrowser("Mon SPASER, peers and Comparer in Chromium", () => {
  const session = browserSession();

  it("shows Région Bretagne's targets with one status each, and follows the chosen year", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.goto(`${t.url}/acheteur/${BRETAGNE}`);
    await waitReady(page);
    const section = page.locator("section.spaser");
    const api = await t.json<BuyerSpaser>(`/api/buyers/${BRETAGNE}/spaser`);
    expect(await section.textContent()).toContain(api.plan?.title ?? "no plan");
    const rows = section.locator("tbody tr");
    expect(await rows.count()).toBe(api.indicators.length);
    for (let i = 0; i < api.indicators.length; i++) {
      const row = rows.nth(i);
      expect(await row.locator("[data-status]").count()).toBe(1);
      expect(await row.locator("[data-status]").getAttribute("data-status")).toBe(
        api.indicators[i]?.status,
      );
    }
    await page.selectOption("#spaser-annee", "2021");
    await page.waitForFunction(() =>
      document.querySelector("section.spaser caption")?.textContent?.includes("2021"),
    );
    const in2021 = await t.json<BuyerSpaser>(`/api/buyers/${BRETAGNE}/spaser?year=2021`);
    const statuses = await section
      .locator("[data-status]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
    expect(statuses).toEqual(in2021.indicators.map((i) => i.status));
    expect(await section.textContent()).toContain("pas de donnée au format 2024");
    // The year's results say what the API says: no contract concerned is said in words, not
    // as an unknown coverage (« couverture — »). Bretagne's 2021 has such a figure.
    expect(
      in2021.indicators.some(
        (i) => i.status !== "not_applicable" && i.current !== null && i.current.coverage === null,
      ),
    ).toBe(true);
    const column = (await section.locator("thead th").allTextContents()).indexOf("Résultat 2021");
    expect(column).toBeGreaterThan(0);
    for (const [i, indicator] of in2021.indicators.entries()) {
      const cell = await rows.nth(i).locator("th, td").nth(column).textContent();
      const figure = indicator.current;
      // A figure that does not apply (the Climate law's, whose rule starts on 21 August 2026).
      if (indicator.status === "not_applicable")
        expect(cell, indicator.indicator).toBe("sans objet");
      else if (figure === null) expect(cell, indicator.indicator).toBe("aucun marché");
      else if (figure.coverage === null) {
        expect(cell, indicator.indicator).toMatch(/\(N = 0, aucun marché concerné\)$/);
      } else
        expect(cell, indicator.indicator).toMatch(/\(N = [\d\s\u202f]+, couverture [\d,]+\s%\)$/);
    }
  });

  it("compares the buyer with its peers in the year it follows, kept in the address", async () => {
    const { t, browser } = session;
    const { page } = browser;
    // Bretagne's latest year holds 2 contracts, 2021 holds 191: the peers must follow 2021.
    await page.goto(`${t.url}/acheteur/${BRETAGNE}?annee=2021`);
    await waitReady(page);
    const spaserCaption = page.locator("section.spaser caption");
    const peersCaption = page.locator("section.peers caption").first();
    expect(await spaserCaption.textContent()).toContain("2021");
    expect(await page.inputValue("#spaser-annee")).toBe("2021");
    expect(await peersCaption.textContent()).toBe("Cet acheteur et ses pairs en 2021");
    const peers2021 = await t.json<BuyerPeers>(`/api/buyers/${BRETAGNE}/peers?year=2021`);
    const buyerCells = await page
      .locator("section.peers table")
      .first()
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent ?? ""));
    expect(buyerCells.length).toBe(peers2021.indicators.length);
    expect(buyerCells.some((c) => c.includes("N = 191"))).toBe(true);
    // In 2021 Bretagne is the only Région counted: no quartiles of itself, no « 1 sur 1 ».
    const peersText = (await page.locator("section.peers table").first().textContent()) ?? "";
    expect(peersText).not.toContain("1 sur 1");
    expect(peersText).toContain("seul acheteur du groupe avec assez de marchés");
    // The reader picks another year: both sections follow, and the address keeps it.
    await page.selectOption("#spaser-annee", "2018");
    await page.waitForFunction(() =>
      document.querySelector("section.peers caption")?.textContent?.endsWith("en 2018"),
    );
    expect(new URL(page.url()).searchParams.get("annee")).toBe("2018");
    await page.reload();
    await waitReady(page);
    expect(await spaserCaption.textContent()).toContain("2018");
    expect(await peersCaption.textContent()).toBe("Cet acheteur et ses pairs en 2018");
    expect(browser.takeErrors()).toEqual([]);
  });

  it("shows the peer group and the ranking with names, as the API gives them", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const [lyon] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id FROM contracts c JOIN buyers b USING (acheteur_id)
        WHERE b.type_acheteur LIKE 'commune%' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const siret = String(lyon?.acheteur_id);
    const api = await t.json<BuyerPeers>(`/api/buyers/${siret}/peers`);
    await page.goto(`${t.url}/acheteur/${siret}`);
    await waitReady(page);
    const section = page.locator("section.peers");
    expect(await section.textContent()).toContain(api.group?.label ?? "no group");
    expect(await section.locator("caption").first().textContent()).toContain(String(api.year));
    const ranked = api.indicators.filter((i) => i.ranking.length > 0);
    expect(await section.locator("details").count()).toBe(ranked.length);
    const first = ranked[0];
    if (first) {
      await section.locator("details summary").first().click();
      const names = await section
        .locator("details")
        .first()
        .locator("tbody tr td:nth-child(2)")
        .allTextContents();
      expect(names.length).toBe(first.ranking.length);
    }
  });

  it("compares two buyers from the address and downloads the table shown", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const [a, b] = await queryFile(
      t.dbPath,
      "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2",
    );
    const sirets = [String(a?.acheteur_id), String(b?.acheteur_id)];
    await page.goto(`${t.url}/comparer?acheteurs=${sirets.join(",")}`);
    await waitReady(page);
    const headers = await page.locator("main thead th").allTextContents();
    expect(headers.length).toBe(4);
    for (const [i, s] of sirets.entries()) expect(headers[i + 1]).toContain(s);
    // A buyer's full name heads its column on two lines rather than squeeze the indicators'
    // names into a narrow first column (it had 15 % of the table, its names on four lines).
    const [first, table] = await Promise.all([
      page.locator("main thead th").first().boundingBox(),
      page.locator("main table").boundingBox(),
    ]);
    expect((first?.width ?? 0) / (table?.width ?? 1)).toBeGreaterThan(0.2);
    const shown = await page.locator("main tbody tr").allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    // Each buyer's cell says what the API says: its N, « non calculable » when none of its
    // contracts is counted (N = 0: no value, not a zero), « aucun marché » when it has none.
    const year = await page.locator("#comparer-annee").inputValue();
    const titles = await page.locator("main tbody th").allTextContents();
    const { indicators } = await t.json<{ indicators: { id: string; title: string }[] }>(
      "/api/indicators",
    );
    let uncountable = 0;
    for (const [i, title] of titles.entries()) {
      const id = indicators.find((ind) => ind.title === title)?.id;
      expect(id, title).toBeDefined();
      const { rows } = await t.json<{
        rows: { acheteur_id: string; n: number; coverage: number | null }[];
      }>(
        `/api/indicators/${id}?by=acheteur_id&filter=acheteur_id~${sirets.join(",")}&filter=year=${year}`,
      );
      const cells = await page.locator("main tbody tr").nth(i).locator("td").allTextContents();
      for (const [j, siret] of sirets.entries()) {
        const row = rows.find((r) => r.acheteur_id === siret);
        const cell = (cells[j] ?? "").replace(/\s/g, " ");
        // The coverage beside N: the figure says how much of the contracts it rests on.
        const covered =
          row?.coverage === null || row?.coverage === undefined
            ? "aucun marché concerné"
            : `couverture ${shareText(row.coverage).replace(/\s/g, " ")}`;
        if (!row) expect(cell, title).toBe("aucun marché");
        else if (row.n === 0) expect(cell, title).toBe(`non calculable (N = 0, ${covered})`);
        else
          expect(cell, title).toContain(
            `(N = ${row.n.toLocaleString("fr-FR").replace(/\s/g, " ")}, ${covered})`,
          );
        if (row?.n === 0) uncountable++;
      }
    }
    // The busiest buyers of the samples have indicators none of their contracts feeds.
    expect(uncountable).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Télécharger ce tableau (CSV)" }).click(),
    ]);
    const path = await download.path();
    const csv = readFileSync(path, "utf8");
    expect(
      csv
        .replace(/^\uFEFF/, "")
        .split(/\r?\n/)
        .filter(Boolean).length,
    ).toBe(shown.length + 1);
    expect(download.suggestedFilename()).toMatch(/^comparaison-acheteurs-\d{4}\.csv$/);
  });

  it("opens on the latest year every compared buyer has contracts, and says which years some lack", async () => {
    const { t, browser } = session;
    const { page } = browser;
    // The busiest buyer, and a buyer whose contracts stop before the busiest one's latest year
    // but share one of its years.
    const [pair] = await queryFile(
      t.dbPath,
      `WITH y AS (SELECT DISTINCT acheteur_id, year(date_notification) AS year FROM contracts
                  WHERE date_notification IS NOT NULL),
            a AS (SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
            ay AS (SELECT year FROM y WHERE acheteur_id = (SELECT acheteur_id FROM a)),
            others AS (SELECT acheteur_id, max(year) AS last,
                              max(year) FILTER (WHERE year IN (SELECT year FROM ay)) AS common
                       FROM y WHERE acheteur_id <> (SELECT acheteur_id FROM a) GROUP BY 1)
       SELECT (SELECT acheteur_id FROM a) AS a, acheteur_id AS b, common,
              (SELECT max(year) FROM ay) AS latest
       FROM others WHERE common IS NOT NULL AND last < (SELECT max(year) FROM ay)
       ORDER BY b LIMIT 1`,
    );
    expect(pair, "two buyers whose years differ").toBeDefined();
    await page.goto(`${t.url}/comparer?acheteurs=${String(pair?.a)},${String(pair?.b)}`);
    await waitReady(page);
    expect(await page.locator("#comparer-annee").inputValue()).toBe(String(pair?.common));
    const latest = page.locator(`#comparer-annee option[value="${String(pair?.latest)}"]`);
    expect(await latest.textContent()).toBe(
      `${String(pair?.latest)} (marchés pour 1 acheteur sur 2)`,
    );
    expect(
      await page.locator(`#comparer-annee option[value="${String(pair?.common)}"]`).textContent(),
    ).toBe(String(pair?.common));
  });

  it("adds a buyer to the comparison by its name, with the keyboard, the address keeping SIRETs", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const [a, b] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id, any_value(b.nom) AS nom FROM contracts c JOIN buyers b USING (acheteur_id)
        WHERE b.nom IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2`,
    );
    const first = String(a?.acheteur_id);
    const second = String(b?.acheteur_id);
    const name = String(b?.nom);
    await page.goto(`${t.url}/comparer?acheteurs=${first}`);
    await waitReady(page);
    expect(await page.locator(".chosen-buyers li").count()).toBe(1);
    const field = page.locator("#comparer-acheteur_id");
    expect(await field.getAttribute("role")).toBe("combobox");
    await field.focus();
    await page.keyboard.type(name);
    const options = page.locator("#comparer-acheteurs [role=option]");
    await options.first().waitFor();
    const texts = await options.allTextContents();
    const index = texts.findIndex((text) => text.includes(second));
    expect(index, texts.join(" | ")).toBeGreaterThan(-1);
    for (let i = 0; i <= index; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const chosen = page.locator(".chosen-buyers li");
    await expect.poll(() => chosen.count()).toBe(2);
    expect(await chosen.nth(1).textContent()).toContain(`${name} (SIRET ${second})`);
    expect(await field.inputValue()).toBe("");
    // The keyboard reaches the button that compares: past the field's hidden inputs and notes.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Comparer");
    // The address already names the first buyer: wait for it to change, not for `acheteurs=`.
    const before = page.url();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.href !== before);
    await waitReady(page);
    expect(new URL(page.url()).searchParams.get("acheteurs")).toBe(`${first},${second}`);
    const headers = await page.locator("main thead th").allTextContents();
    expect(headers[2]).toContain(second);
    // A buyer chosen is taken out with its button.
    await page.getByRole("button", { name: `Retirer ${name}` }).click();
    await expect.poll(() => page.locator(".chosen-buyers li").count()).toBe(1);
    expect(await page.locator(".compare-form input[name=acheteurs]").inputValue()).toBe(first);
  });

  it("shows the peers on the one-page summary, on one A4 page", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const api = await t.json<BuyerPeers>(`/api/buyers/${BRETAGNE}/peers`);
    await page.goto(`${t.url}/acheteur/${BRETAGNE}/synthese`);
    await waitReady(page);
    const section = page.locator("[data-part=peers]");
    expect(await section.textContent()).toContain(api.group?.label ?? "no group");
    // The buyer's type, on the kicker's line: the page stays one A4 page (below).
    expect(await page.locator(".one-pager__header .kicker").textContent()).toBe(
      `Synthèse des marchés publics · ${api.group?.label ?? "no group"}`,
    );
    const rows = section.locator("tbody tr");
    // The indicators where the buyer or its peers have a value; the others are counted in words.
    const compared = api.indicators.filter(
      (i) => typeof i.buyer?.value === "number" || i.peers.count > 0,
    );
    expect(compared.length).toBeGreaterThan(0);
    expect(await rows.count()).toBe(compared.length);
    const left = api.indicators.length - compared.length;
    if (left > 1) expect(await section.textContent()).toContain(`${left} indicateurs sans valeur`);
    for (const [i, indicator] of compared.entries()) {
      const cells = await rows.nth(i).locator("th, td").allTextContents();
      expect(cells[0]).toBe(indicator.title);
      const median = indicator.peers.median;
      // The peers' indicators are shares: a median in French, "—" when no peer counts.
      expect(indicator.format).toBe("percent");
      // A buyer counted alone in its group (Bretagne in 2021, its followed year) has no peer median.
      expect(cells[2]).toBe(
        aloneAmongPeers(indicator) ? NO_OTHER_PEER : median === null ? "—" : percent.format(median),
      );
    }
    const pdf = await page.pdf({
      path: "tests/output/summary-peers.pdf",
      format: "A4",
      printBackground: true,
    });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
  });
});
