// Layout faults found on the shipped data in Chromium, at 1366 × 900 and on a 390 px phone: a
// table cut by a box of fixed height with nothing saying there is more, a phone showing two of
// Mon SPASER's seven columns, a producer's « <br /> » shown as text in a contract's objet, an
// axis title cut (« Part des marchés comportant une considération soci… »), an axis title drawn
// across the names of the bars (« Procédure de passation » over « Marché passé sans publicité… »).
import { expect, it } from "vitest";
import { queryFile } from "../server/helpers/test-server.ts";
import { describeWithBrowser, waitReady } from "./helpers/browser.ts";
import { browserSession } from "./helpers/session.ts";

const BRETAGNE = "23350001600040";
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

describeWithBrowser("layout of the pages in Chromium", () => {
  const session = browserSession();

  it("Mon SPASER shows every row whole, and on a phone each row's result and state", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.setViewportSize(LAPTOP);
    await page.goto(`${t.url}/acheteur/${BRETAGNE}`);
    await waitReady(page);
    const box = page.locator("section.spaser .table-scroll");
    const rows = box.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    // No box to scroll down in: the table is as high as its rows (a 32rem box cut the fifth).
    expect(await box.evaluate((b) => b.scrollHeight - b.clientHeight)).toBeLessThanOrEqual(1);

    await page.setViewportSize(PHONE);
    await page.reload();
    await waitReady(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
    const seen = await box.evaluate((b) => {
      const frame = b.getBoundingClientRect();
      const heads = [...b.querySelectorAll("thead th")].map((th) => th.textContent ?? "");
      const within = (cell: Element | undefined) => {
        if (!cell) return false;
        const r = cell.getBoundingClientRect();
        return (
          r.width > 0 &&
          r.left >= Math.max(frame.left, 0) - 1 &&
          r.right <= Math.min(frame.right, window.innerWidth) + 1
        );
      };
      return [...b.querySelectorAll("tbody tr")].map((tr) => {
        const cells = [...tr.children];
        const shown = (name: string) => within(cells[heads.findIndex((h) => h.startsWith(name))]);
        return { result: shown("Résultat"), state: shown("État") };
      });
    });
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen).toEqual(seen.map(() => ({ result: true, state: true })));
    // Each cell says the name of its column, which the header row above no longer does.
    const state = box.locator("tbody tr").first().locator("td").last();
    expect(await state.evaluate((td) => getComputedStyle(td, "::before").content)).toMatch(/État/);
  });

  it("a long table scrolls in its box and says how many rows it holds", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.setViewportSize(LAPTOP);
    await page.goto(`${t.url}/indicateur/contracts_count?by=departement`);
    await waitReady(page);
    const long = page.locator(".table-long").first();
    const rows = await long.locator("tbody tr").count();
    expect(rows).toBeGreaterThan(25);
    expect(
      await long.locator(".table-scroll").evaluate((b) => b.scrollHeight > b.clientHeight),
    ).toBe(true);
    expect(await long.locator(".table-long__note").textContent()).toMatch(
      new RegExp(`^${rows} lignes : faites défiler le tableau`),
    );
  });

  it("a producer's line-break tags read as line breaks wherever an objet is shown", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.setViewportSize(LAPTOP);
    // COLAS CENTRE OUEST's contract for the Commune d'Orléans, published « …de la rue<br />Notre
    // Dame de Recouvrance… », and the database keeps it so.
    const uid = "214502346000152019V19018S00";
    const [stored] = await queryFile(t.dbPath, "SELECT objet FROM contracts WHERE uid = $1", [uid]);
    expect(String(stored?.objet)).toContain("de la rue<br />Notre Dame");
    for (const [path, where] of [
      ["/fournisseur/32933888300062", "main a.published-text"],
      ["/acheteur/21450234600015", "main a.published-text"],
      [`/marche/${uid}`, "main h1"],
      ["/recherche?q=recouvrance", "main a.published-text"],
    ] as const) {
      await page.goto(`${t.url}${path}`);
      await waitReady(page);
      expect(await page.locator("main").textContent(), path).not.toMatch(/<\/?br/i);
      // Two lines on screen, where the tag was (innerText: what is rendered).
      const lines = await page
        .locator(where, { hasText: "Recouvrance" })
        .first()
        .evaluate((e) => (e as HTMLElement).innerText);
      expect(lines, path).toMatch(/de la rue\nNotre Dame de Recouvrance/);
    }
  });

  it("a chart's axis titles are read whole, in lines, on a laptop and on a phone", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const id = "social_consideration_share";
    const { indicator } = await t.json<{ indicator: { title: string; unit_label: string } }>(
      `/api/indicators/${id}?by=year`,
    );
    const full = `${indicator.title} (${indicator.unit_label})`;
    for (const size of [LAPTOP, PHONE]) {
      await page.setViewportSize(size);
      for (const [path, chart] of [
        [`/indicateur/${id}`, "trend"],
        [`/indicateur/${id}?by=region`, "breakdown"],
      ] as const) {
        await page.goto(`${t.url}${path}`);
        await waitReady(page);
        // Vega draws a title of several lines as one text of one tspan each.
        const titles = await page
          .locator(`[data-chart="${chart}"] .role-axis-title text`)
          .evaluateAll((texts) =>
            texts.map((text) =>
              text.querySelector("tspan")
                ? [...text.querySelectorAll("tspan")].map((s) => s.textContent ?? "").join(" ")
                : (text.textContent ?? ""),
            ),
          );
        expect(titles, `${chart} at ${size.width} px`).toContain(full);
      }
      // The breakdown's value title in lines as wide as its bars allow: one on a laptop (the
      // phone's lines of 24 characters made it four there), several on a phone, none wider
      // than the bars.
      const fit = await page
        .locator(`[data-chart="breakdown"] .role-axis-title text`)
        .evaluateAll((texts, words) => {
          const title = texts.find((text) =>
            (text.textContent ?? "").startsWith(words.slice(0, 10)),
          );
          const bars = document.querySelector(`[data-chart="breakdown"] .role-axis-grid`);
          return {
            lines: Math.max(1, title?.querySelectorAll("tspan").length ?? 0),
            width: title?.getBoundingClientRect().width ?? Infinity,
            bars: bars?.getBoundingClientRect().width ?? 0,
          };
        }, full);
      if (size === LAPTOP) expect(fit.lines, "lines on a laptop").toBe(1);
      else expect(fit.lines, "lines on a phone").toBeGreaterThan(1);
      expect(fit.width, `title at ${size.width} px`).toBeLessThanOrEqual(fit.bars);
    }
  });
  it("a chart's names are never drawn over by an axis title, on a laptop and on a phone", async () => {
    const { t, browser } = session;
    const { page } = browser;
    for (const size of [LAPTOP, PHONE]) {
      await page.setViewportSize(size);
      // Names long enough to be cut at the axis's limit (« Marché passé sans publicité… »), and
      // buyers' names on the two-dimension heatmap.
      for (const [path, kind] of [
        ["/indicateur/social_consideration_share?by=procedure", "breakdown"],
        ["/indicateur/single_offer_rate?by=acheteur_id,year", "heatmap"],
      ] as const) {
        await page.goto(`${t.url}${path}`);
        await waitReady(page);
        const crossed = await page.evaluate((kind) => {
          const chart = document.querySelector(`[data-chart="${kind}"]`);
          const boxes = (selector: string) =>
            [...(chart?.querySelectorAll(selector) ?? [])].map((text) => ({
              text: text.textContent ?? "",
              box: text.getBoundingClientRect(),
            }));
          const names = boxes(".role-axis-label text");
          const titles = boxes(".role-axis-title text");
          const meet = (a: DOMRect, b: DOMRect) =>
            a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          return {
            names: names.length,
            crossed: names.flatMap((n) =>
              titles.filter((ti) => meet(n.box, ti.box)).map((ti) => `${ti.text} × ${n.text}`),
            ),
          };
        }, kind);
        expect(crossed.names, `${kind} names at ${size.width} px`).toBeGreaterThan(5);
        expect(crossed.crossed, `${kind} at ${size.width} px`).toEqual([]);
      }
    }
  });
});
