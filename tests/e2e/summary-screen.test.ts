// The buyer's one-page summary on screen: every table whole in its column, from a wide screen to
// a phone, and the page still one A4 page on paper. At 1366 px, the suppliers' table of Région
// Bretagne and of Lyon was 506 px wide in its 369 px column: only « Établissement titulaire » and
// a cut « Marchés au montant conn… » showed, the amounts hidden in a box that slides. And its
// total amount in the words of the buyer page, suspect amounts said as such, not as unknown.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { BuyerSummary } from "../../server/api-types.ts";
import { describeWithBrowser, waitReady } from "./helpers/browser.ts";
import { browserSession } from "./helpers/session.ts";

/** Région Bretagne (its summary has peers) and Commune de Lyon (long supplier names). */
const BUYERS = ["23350001600040", "21690123100011"];
/** A wide screen, a narrow window (two columns became too narrow there) and a phone. */
const WIDTHS = [1366, 700, 390];

/** Each table box of the summary: its caption, and how far its table reaches beyond it. */
function tableOverflows(page: Page): Promise<{ caption: string; beyond: number }[]> {
  return page.$$eval(".one-pager .table-scroll", (boxes) =>
    boxes.map((box) => ({
      caption: box.querySelector("caption")?.textContent ?? "",
      beyond: box.scrollWidth - box.clientWidth,
    })),
  );
}

describeWithBrowser("the one-page summary on screen", () => {
  const session = browserSession();

  it.each(BUYERS)("shows every table of %s whole, at 1366, 700 and 390 px", async (siret) => {
    const { t, browser } = session;
    const { page } = browser;
    try {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${t.url}/acheteur/${siret}/synthese`);
        await waitReady(page);
        const overflows = await tableOverflows(page);
        expect(overflows.length, `${width} px`).toBeGreaterThanOrEqual(3);
        for (const { caption, beyond } of overflows) {
          expect(beyond, `${width} px: ${caption}`).toBeLessThanOrEqual(0);
        }
        // The amounts in view: each supplier's last cell ends inside the column.
        const suppliers = page.locator(".one-pager__columns .table-scroll").nth(1);
        const box = await suppliers.boundingBox();
        const amounts = suppliers.locator("tbody tr > :last-child");
        expect(await amounts.count()).toBeGreaterThan(0);
        for (const cell of await amounts.all()) {
          const at = await cell.boundingBox();
          expect(at && box && at.x + at.width <= box.x + box.width + 0.5, `${width} px`).toBe(true);
        }
      }
      // On paper it keeps to one A4 page.
      await page.setViewportSize({ width: 1280, height: 900 });
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      expect(pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("says the total amount as the buyer page does, suspect amounts as such", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const figure = async (path: string) => {
      await page.goto(`${t.url}${path}`);
      await waitReady(page);
      const box = page.locator(".key-figure", { hasText: "Montant total" });
      return (await box.locator("dd").allTextContents()).map((text) =>
        text.replace(/[\u202f\u00a0]/g, " "),
      );
    };
    // Région Bretagne: 15 of its 194 amounts published but judged suspect (the summary said
    // « N = 179 marchés au montant connu, sur 194 »); Lyon: every amount usable.
    const [bretagne, lyon] = BUYERS;
    const { totals } = await t.json<BuyerSummary>(`/api/buyers/${bretagne}`);
    expect(totals.suspect_amounts).toBe(totals.contracts - totals.amount_contracts);
    const summary = await figure(`/acheteur/${bretagne}/synthese`);
    expect(summary[1]).toBe(
      `N = ${totals.amount_contracts} marchés sur ${totals.contracts}, hors ${totals.suspect_amounts} montants jugés suspects`,
    );
    expect(await figure(`/acheteur/${bretagne}`)).toEqual(summary);
    const whole = await figure(`/acheteur/${lyon}/synthese`);
    expect(whole[1]).toMatch(/^N = \d+ marchés, tous au montant connu$/);
    expect(await figure(`/acheteur/${lyon}`)).toEqual(whole);
  });
});
