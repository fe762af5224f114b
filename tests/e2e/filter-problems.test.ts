// Addresses whose filters cannot hold together, in Chromium: a département outside the chosen
// région, a period whose first year comes after its last, a région or département code of no
// place (which the API refuses: the pages ask nothing then, and say why). The filter bar shows
// every filter the figures are computed on (its boxes hold the address's values), says why no
// contract answers, and offers the changes that settle it; the figures then follow the filters
// shown.
import type { Page, Request } from "playwright-core";
import { expect, it } from "vitest";
import { queryFile } from "../server/helpers/test-server.ts";
import { axeViolations } from "./helpers/axe.ts";
import { describeWithBrowser, waitReady } from "./helpers/browser.ts";
import { browserSession } from "./helpers/session.ts";

const CARD = '[data-indicator="contracts_count"] [data-value]';

/** The contracts count of the home card, as a number (« Aucun marché… » is 0). */
async function cardCount(page: Page): Promise<number> {
  const text = (await page.locator(CARD).textContent()) ?? "";
  return text.startsWith("Aucun marché") ? 0 : Number(text.replace(/\D/g, ""));
}

/** The text of the option a filter box shows. */
function shownOption(page: Page, key: string): Promise<string> {
  return page
    .locator(`#filtre-${key}`)
    .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
}

/** A région code that names no région of the data (the address of a link written by hand). */
async function noRegion(dbPath: string): Promise<string> {
  const known = new Set(
    (await queryFile(dbPath, "SELECT code FROM ref_regions")).map((r) => String(r.code)),
  );
  const code = ["99", "98", "97", "96"].find((c) => !known.has(c));
  if (!code) throw new Error("every code tried names a région");
  return code;
}

describeWithBrowser("filters that cannot hold together, in Chromium", () => {
  const session = browserSession();

  it("a département outside the région: the box shows it, the bar says so, a button settles it", async () => {
    const { t, browser } = session;
    const { page } = browser;
    // Paris is in Île-de-France (11), not in Bretagne (53): no contract can be in both.
    await page.goto(`${t.url}/?region=53&departement=75`);
    await waitReady(page);
    expect(await page.inputValue("#filtre-region")).toBe("53");
    expect(await page.inputValue("#filtre-departement")).toBe("75");
    expect(await shownOption(page, "departement")).toBe("75 – Paris (hors de la région choisie)");
    const problem = page.locator('[data-problem="place"]');
    expect(await problem.locator("p").first().textContent()).toBe(
      "Le département 75 – Paris n'est pas dans la région Bretagne : aucun marché ne peut avoir son lieu d'exécution dans les deux à la fois, d'où des chiffres vides.",
    );
    expect(await cardCount(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Another filter changed keeps both: the figures still follow what the boxes show.
    await page.selectOption("#filtre-year_from", "2019");
    await page.waitForURL(/year_from=2019/);
    await waitReady(page);
    expect(new URL(page.url()).searchParams.get("departement")).toBe("75");
    expect(await page.inputValue("#filtre-departement")).toBe("75");
    expect(await problem.count()).toBe(1);

    await problem.getByRole("button", { name: "Retirer le département" }).click();
    await page.waitForURL((url) => !url.searchParams.has("departement"));
    await waitReady(page);
    const params = new URL(page.url()).searchParams;
    expect(params.get("region")).toBe("53");
    expect(await page.inputValue("#filtre-departement")).toBe("");
    expect(await problem.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("filtre-departement");
    const [truth] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE region = $1 AND year(date_notification) >= $2",
      ["53", "2019"],
    );
    expect(Number(truth?.n)).toBeGreaterThan(0);
    expect(await cardCount(page)).toBe(Number(truth?.n));
  });

  it("« Garder Paris » chooses Paris's région instead", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.goto(`${t.url}/indicateur/contracts_count?region=53&departement=75`);
    await waitReady(page);
    await page
      .getByRole("button", { name: "Garder Paris et choisir sa région (Île-de-France)" })
      .click();
    await page.waitForURL(/region=11/);
    await waitReady(page);
    expect(await page.inputValue("#filtre-region")).toBe("11");
    expect(await page.inputValue("#filtre-departement")).toBe("75");
    expect(await shownOption(page, "departement")).toBe("75 – Paris");
    expect(await page.locator("[data-problem]").count()).toBe(0);
  });

  it("an inverted period: both years shown, the bar says it is inverted, a button puts it in order", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.goto(`${t.url}/?year_from=2024&year_to=2019`);
    await waitReady(page);
    expect(await page.inputValue("#filtre-year_from")).toBe("2024");
    expect(await page.inputValue("#filtre-year_to")).toBe("2019");
    const problem = page.locator('[data-problem="years"]');
    expect(await problem.locator("p").first().textContent()).toBe(
      "La période choisie est inversée : « à partir de 2024 » et « jusqu'à 2019 ». Aucun marché ne peut répondre aux deux à la fois : les chiffres ne peuvent pas être calculés sur cette période.",
    );
    // The server refuses the inverted period (a 400): each card says why it has no figure,
    // asking nothing, instead of the refusal repeated in red on every card.
    const cards = await page.locator("[data-indicator]").count();
    expect(cards).toBeGreaterThan(10);
    expect(await page.locator("[data-indicator] [data-not-computed]").allTextContents()).toEqual(
      Array(cards).fill("Non calculé : la période choisie est inversée (de 2024 à 2019)."),
    );
    expect(await page.locator("[data-indicator] .error").count()).toBe(0);
    const refused = await t.get(
      "/api/indicators/contracts_count?filter=year>%3D2024&filter=year<%3D2019",
    );
    expect(refused.status).toBe(400);

    await problem.getByRole("button", { name: "Remettre dans l'ordre : de 2019 à 2024" }).click();
    await page.waitForURL(/year_from=2019/);
    await waitReady(page);
    const params = new URL(page.url()).searchParams;
    expect([params.get("year_from"), params.get("year_to")]).toEqual(["2019", "2024"]);
    expect(await page.inputValue("#filtre-year_from")).toBe("2019");
    expect(await page.inputValue("#filtre-year_to")).toBe("2024");
    expect(await problem.count()).toBe(0);
    const [truth] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE year(date_notification) BETWEEN $1 AND $2",
      ["2019", "2024"],
    );
    expect(Number(truth?.n)).toBeGreaterThan(0);
    expect(await cardCount(page)).toBe(Number(truth?.n));
  });

  it("a year the data do not hold still shows in its box, as the figures use it", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.goto(`${t.url}/?year_from=2010`);
    await waitReady(page);
    expect(await page.inputValue("#filtre-year_from")).toBe("2010");
    expect(await shownOption(page, "year_from")).toBe("2010 (aucun marché cette année)");
    expect(await page.locator("[data-problem]").count()).toBe(0);
  });

  it("a région code of no région: the bar says so, each card says why without asking, « Retirer ce filtre » settles it", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const code = await noRegion(t.dbPath);
    await page.goto(`${t.url}/?region=${code}&year_from=2019`);
    await waitReady(page);
    expect(await shownOption(page, "region")).toBe(`${code} (valeur inconnue)`);
    const problem = page.locator('[data-problem="unknown-region"]');
    expect(await problem.locator("p").first().textContent()).toBe(
      `Le code de région « ${code} » de l'adresse ne correspond à aucune région : les chiffres ne peuvent pas être calculés sur ce filtre.`,
    );
    // Each card says why it has no figure instead of a count of 0, and asks nothing of the
    // server, which would refuse the code.
    const cards = await page.locator("[data-indicator]").count();
    expect(cards).toBeGreaterThan(10);
    expect(await page.locator("[data-indicator] [data-not-computed]").allTextContents()).toEqual(
      Array(cards).fill(
        `Non calculé : le code de région « ${code} » de l'adresse ne correspond à aucune région.`,
      ),
    );
    expect(await page.locator("[data-indicator] .error").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(browser.takeErrors()).toEqual([]);

    await problem.getByRole("button", { name: "Retirer ce filtre" }).click();
    await page.waitForURL((url) => !url.searchParams.has("region"));
    await waitReady(page);
    expect(new URL(page.url()).searchParams.get("year_from")).toBe("2019");
    expect(await problem.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("filtre-region");
    const [truth] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE year(date_notification) >= $1",
      ["2019"],
    );
    expect(await cardCount(page)).toBe(Number(truth?.n));
  });

  it("a région code of no région on an indicator page: the headline says why, nothing is asked, « Retirer ce filtre » brings the figures back", async () => {
    const { t, browser } = session;
    const { page } = browser;
    const code = await noRegion(t.dbPath);
    /** The indicator requests the page sends: the server would refuse each of them. */
    const asked: string[] = [];
    const record = (request: Request) => {
      if (new URL(request.url()).pathname.startsWith("/api/indicators/")) asked.push(request.url());
    };
    page.on("request", record);
    try {
      // Every part of the page: headline, trend, breakdown crossed with the years, map.
      await page.goto(`${t.url}/indicateur/contracts_count?region=${code}&by=region,year`);
      await waitReady(page);
      expect(await page.locator("[data-problem]").getAttribute("data-problem")).toBe(
        "unknown-region",
      );
      // Said once, where the figure would be, instead of a count of 0 or the API's refusal.
      expect(await page.locator("[data-not-computed]").allTextContents()).toEqual([
        `Non calculé : le code de région « ${code} » de l'adresse ne correspond à aucune région.`,
      ]);
      expect(await page.locator("[data-value]").count()).toBe(0);
      expect(await page.locator(".error").count()).toBe(0);
      expect(await page.locator(".chart-block").count()).toBe(0);
      // The breakdown's choices, over nothing, would look broken: the section is hidden.
      expect(await page.locator("section.breakdown").isVisible()).toBe(false);
      expect(asked).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(browser.takeErrors()).toEqual([]);

      await page.getByRole("button", { name: "Retirer ce filtre" }).click();
      await page.waitForURL((url) => !url.searchParams.has("region"));
      await waitReady(page);
      expect(await page.locator("[data-not-computed]").count()).toBe(0);
      const [truth] = await queryFile(t.dbPath, "SELECT count(*) AS n FROM contracts");
      expect(Number((await page.locator("[data-value]").textContent())?.replace(/\D/g, ""))).toBe(
        Number(truth?.n),
      );
      expect(await page.locator("section.breakdown").isVisible()).toBe(true);
      expect(await page.locator(".chart-block").count()).toBeGreaterThanOrEqual(3);
      expect(asked.length).toBeGreaterThan(0);
    } finally {
      page.off("request", record);
    }
  });

  it("a département code of no département on an indicator page: the headline says why", async () => {
    const { t, browser } = session;
    const { page } = browser;
    await page.goto(`${t.url}/indicateur/single_offer_rate?departement=2C`);
    await waitReady(page);
    expect(await page.locator("[data-not-computed]").allTextContents()).toEqual([
      "Non calculé : le code de département « 2C » de l'adresse ne correspond à aucun département.",
    ]);
    expect(await page.locator(".error").count()).toBe(0);
    expect(browser.takeErrors()).toEqual([]);
  });
});
