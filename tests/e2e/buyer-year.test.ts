// The year a buyer's page follows and the period each of its blocks covers, in Chromium on the
// samples' snapshot: Région Bretagne (191 contracts in 2021, 2 in 2024) opens on 2021 and says
// why, the peers, the annual report's year and the one-page summary follow it, and every block
// says whether it counts all the contracts or one year. No console error.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeWithBrowser, waitReady } from "./helpers/browser.ts";
import { browserSession } from "./helpers/session.ts";

const BRETAGNE = "23350001600040";
// The peers of a picked year come after Mon SPASER's answer, on a shared 2-core machine.
const WAIT = { timeout: 20_000 };

describeWithBrowser("a buyer page's year and periods in Chromium", () => {
  const session = browserSession();

  it("opens on the latest year with enough contracts to judge, says why, and every block follows it", async () => {
    const { t, browser } = session;
    const { page } = browser;
    // Bretagne: 191 contracts in 2021, 2 in 2024. With no year in the address, the page opens on
    // 2021 and says why 2024 is not shown; the peers, the report's year and the summary follow.
    await page.goto(`${t.url}/acheteur/${BRETAGNE}`);
    await waitReady(page);
    expect(await page.inputValue("#spaser-annee")).toBe("2021");
    expect(await page.locator("section.spaser caption").textContent()).toBe(
      "Objectifs et résultats en 2021",
    );
    expect(await page.locator("section.spaser [data-part=year-choice]").textContent()).toBe(
      "2021 : dernière année comptant au moins 10 marchés ; 2024 : 2 marchés.",
    );
    await expect
      .poll(() => page.locator("section.peers caption").first().textContent(), WAIT)
      .toBe("Cet acheteur et ses pairs en 2021");
    expect(await page.inputValue("#report-year")).toBe("2021");
    expect(await page.getByRole("link", { name: "Rapport annuel" }).getAttribute("href")).toBe(
      `/api/buyers/${BRETAGNE}/report?year=2021&format=html`,
    );
    // A year the reader picks still wins, and the report's year and the summary's link follow it.
    await page.selectOption("#spaser-annee", "2024");
    await expect
      .poll(() => page.locator("section.peers caption").first().textContent(), WAIT)
      .toBe("Cet acheteur et ses pairs en 2024");
    expect(await page.inputValue("#report-year")).toBe("2024");
    expect(
      await page
        .getByRole("link", { name: "Synthèse imprimable pour les élus" })
        .getAttribute("href"),
    ).toBe(`/acheteur/${BRETAGNE}/synthese?annee=2024`);
    await page.goto(`${t.url}/acheteur/${BRETAGNE}/synthese`);
    await waitReady(page);
    const summaryPeers = page.locator("[data-part=peers]");
    expect(await summaryPeers.locator("caption").textContent()).toBe(
      "Cet acheteur et ses pairs en 2021",
    );
    expect(await summaryPeers.locator("p").first().textContent()).toContain(
      "en 2021 (dernière année comptant au moins 10 marchés ; 2024 : 2 marchés).",
    );
    await page.goto(`${t.url}/acheteur/${BRETAGNE}/synthese?annee=2024`);
    await waitReady(page);
    expect(await summaryPeers.locator("caption").textContent()).toBe(
      "Cet acheteur et ses pairs en 2024",
    );
    expect(browser.takeErrors()).toEqual([]);
  });

  it("offers no annual report for a year of the address without contracts, and says why", async () => {
    const { t, browser } = session;
    const { page } = browser;
    // Bretagne has no contract in 2020: its report is refused (404), so the page's « Rapport
    // annuel » keeps a year that has one, where it used to offer 2020 and link to the refusal.
    await page.goto(`${t.url}/acheteur/${BRETAGNE}?annee=2020`);
    await waitReady(page);
    expect(await page.inputValue("#spaser-annee")).toBe("2020");
    const offered = await page.locator("#report-year option").allTextContents();
    expect(offered).toEqual(["2024", "2021", "2018"]);
    const href = await page.getByRole("link", { name: "Rapport annuel" }).getAttribute("href");
    expect(href).toBe(`/api/buyers/${BRETAGNE}/report?year=2024&format=html`);
    expect((await t.get(href ?? "")).status).toBe(200);
    expect(await page.locator("[data-part=report-year-note]").textContent()).toBe(
      " (pas de rapport pour 2020 : aucun marché de cet acheteur notifié cette année-là)",
    );
    expect(browser.takeErrors()).toEqual([]);
  });

  it("says the period of every block: all the contracts, or the one year followed", async () => {
    const { t, browser } = session;
    const { page } = browser;
    // Bretagne's indicators count its 194 contracts of 2018 to 2024, its SPASER and peers 2021:
    // an official must not set one beside the other unknowingly.
    const all = "tous les marchés publiés, de 2018 à 2024";
    await page.goto(`${t.url}/acheteur/${BRETAGNE}`);
    await waitReady(page);
    await expect
      .poll(() => page.locator("section.peers caption").first().textContent(), WAIT)
      .toBe("Cet acheteur et ses pairs en 2021");
    expect(await periodsByHeading(page)).toEqual({
      "Région Bretagne": `Période des chiffres clés : ${all}.`,
      "Marchés notifiés par année": null,
      "Mon SPASER : objectifs d'achats responsables": "Période : en 2021 seulement.",
      "Comparaison avec des acheteurs comparables":
        "Période : en 2021 seulement, quand les indicateurs de cet acheteur portent sur tous ses marchés.",
      "Procédures utilisées": `Période : ${all}.`,
      "Principaux fournisseurs": `Période : ${all}.`,
      "Indicateurs de cet acheteur": `Période : ${all} ; chaque carte donne aussi ses chiffres par année.`,
      "Qualité de publication des données": `Période : ${all}.`,
      "Ses marchés": null,
    });
    await page.goto(`${t.url}/acheteur/${BRETAGNE}/synthese`);
    await waitReady(page);
    expect(await page.locator("main h2").allTextContents()).toEqual([
      `En bref · ${all}`,
      "Marchés par année",
      "Principaux fournisseurs · de 2018 à 2024",
      "Procédures · de 2018 à 2024",
      "Comparaison avec des acheteurs comparables · en 2021 seulement",
    ]);
    expect(browser.takeErrors()).toEqual([]);
  });
});

/**
 * Each heading of the page's main part (h1, h2) with the period said under it before the next
 * heading (`[data-period]`), or null when none is.
 * @param page the page, ready
 */
async function periodsByHeading(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() => {
    const headings = [...document.querySelectorAll("main h1, main h2")];
    const periods = [...document.querySelectorAll("main [data-period]")];
    const result: Record<string, string | null> = {};
    headings.forEach((heading, i) => {
      const next = headings[i + 1];
      const mine = periods.find(
        (p) =>
          heading.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING &&
          (!next || next.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_PRECEDING),
      );
      result[heading.textContent ?? ""] = mine?.textContent ?? null;
    });
    return result;
  });
}
