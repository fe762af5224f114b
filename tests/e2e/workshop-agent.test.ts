// The « Atelier » as a buyer's agent meets it in Chromium, on the real server: what each box says
// when it is emptied, left unchosen or given letters (plain French saying what to do there, never
// zod's or the engine's words).
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { WorkshopModel } from "../../server/api-types.ts";
import { startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import { describeWithBrowser, launchBrowser, waitReady, type Browser } from "./helpers/browser.ts";

let t: TestServer;
let browser: Browser;

/** Waits for the live result to settle: computed, or refused with errors. */
async function settled(page: Page, state: "done" | "error"): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.querySelector(".workshop-result")?.getAttribute("data-state") === wanted,
    state,
    { timeout: 45_000 },
  );
}

/** The note under the control of a path, once the live result has been refused. */
async function noteOf(page: Page, path: string): Promise<string> {
  await settled(page, "error");
  const note = page.locator(`[data-error-for="${path}"]`);
  await expect(note.isVisible()).resolves.toBe(true);
  return (await note.textContent()) ?? "";
}

/** Words of zod, of the engine or of a developer that an agent must never read. */
const RAW = /Entrée invalide|attendu|reçu|Trop petit|>=|snake|chiffres et _ ,|null|indéfini/;

async function openBlank(page: Page): Promise<void> {
  await page.goto(`${t.url}/atelier`);
  await waitReady(page);
  await settled(page, "done");
}

/** Every message shown on the page, under a box or in the list at the top. */
const shownMessages = (page: Page) =>
  page.locator(".field-error:visible, .workshop-errors li").allTextContents();

/** The workshop's address for a definition written by hand with this scope (a link, a file):
 * the catalogue's count of contracts, as GET /api/workshop gives it, with that scope. */
async function linkWithScope(scope: Record<string, unknown>): Promise<string> {
  const { definitions } = await t.json<WorkshopModel>("/api/workshop");
  const definition = { ...definitions.find((d) => d.id === "contracts_count"), scope };
  return `${t.url}/atelier?d=${Buffer.from(JSON.stringify(definition)).toString("base64url")}`;
}

describeWithBrowser("the workshop as an agent meets it", () => {
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    // A definition half-written is refused with 400, which Chromium logs; nothing else may fail.
    expect(browser.takeErrors().filter((e) => !e.includes("status of 400"))).toEqual([]);
  });

  it("says what to do in a box emptied, left unchosen or given letters", async () => {
    const { page } = browser;
    await openBlank(page);

    // The minimum N emptied: the old page sent null (« nombre attendu, null reçu »).
    await page.fill('input[data-path="min_n"]', "");
    expect(await noteOf(page, "min_n")).toContain("Indiquez un nombre entier de marchés");
    expect(await shownMessages(page)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(RAW)]),
    );
    await page.fill('input[data-path="min_n"]', "10");
    await settled(page, "done");

    // A measured field chosen, then the list put back on « — choisir un champ — ».
    await page.selectOption('select[data-path="measure.kind"]', "sum");
    await settled(page, "done");
    await page.selectOption('select[data-path="measure.field"]', "");
    expect(await noteOf(page, "measure.field")).toBe("Choisissez un champ.");

    // A condition added and its field left unchosen.
    await page.selectOption('select[data-path="measure.field"]', "montant");
    await settled(page, "done");
    const scope = page.locator("fieldset.condition", {
      has: page.locator("legend", { hasText: "Marchés concernés" }),
    });
    await scope.getByRole("button", { name: "Ajouter une condition" }).click();
    expect(await noteOf(page, "scope.field")).toBe("Choisissez un champ.");
    // Its field a number, its value left blank, then letters.
    await scope.locator("select[data-role=field]").selectOption("montant");
    await scope.locator("select[data-role=op]").selectOption("gt");
    await scope.locator(".condition__row input").fill("");
    expect(await noteOf(page, "scope.value")).toContain("Indiquez un nombre");
    await scope.locator(".condition__row input").fill("beaucoup");
    expect(await noteOf(page, "scope.value")).toContain("Indiquez un nombre");
    await scope.getByRole("button", { name: "Retirer" }).click();
    await settled(page, "done");

    // A target only begun: one message, under its first empty box, naming what is left (the old
    // page said three at once, under the year, the sentence and the source).
    await page.fill('input[data-path="target.value"]', "0,3");
    expect(await noteOf(page, "target.year")).toBe(
      "Cible commencée : indiquez aussi son année, sa phrase et sa source, ou videz ses cases pour ne pas fixer de cible.",
    );
    expect(await shownMessages(page)).toHaveLength(1);
    // A whole target on a neutral indicator: said under the target's first box.
    await page.fill('input[data-path="target.year"]', "2026");
    await page.fill('input[data-path="target.label"]', "30 % des marchés");
    await page.fill('input[data-path="target.source"]', "Plan de l'acheteur");
    expect(await noteOf(page, "target.value")).toContain("choisissez un sens de lecture");
    // The sense chosen, the target's year given letters: said at the year.
    await page.selectOption('select[data-path="polarity"]', "higher_is_better");
    await page.fill('input[data-path="target.year"]', "l'an prochain");
    expect(await noteOf(page, "target.year")).toContain("Indiquez l'année de la cible");
    // The value emptied again: the old page dropped it and said « nombre attendu, indéfini reçu ».
    await page.fill('input[data-path="target.value"]', "");
    expect(await noteOf(page, "target.value")).toContain("indiquez aussi sa valeur");
    expect(await noteOf(page, "target.value")).toContain("videz ses cases");
    for (const message of await shownMessages(page)) expect(message).not.toMatch(RAW);
    expect(await page.locator(".workshop-errors li").count()).toBe(0);
  });

  it("offers régions and départements by name, and shows a code it does not know as such", async () => {
    const { page } = browser;
    await openBlank(page);
    const scope = page.locator("fieldset.condition", {
      has: page.locator("legend", { hasText: "Marchés concernés" }),
    });
    await scope.getByRole("button", { name: "Ajouter une condition" }).click();
    await scope.locator("select[data-role=field]").selectOption("region");
    await scope.locator("select[data-role=op]").selectOption("eq");
    // A list of the régions, each code with its name (the old page had a free box: « Bretagne »
    // was accepted and gave N = 0 without a word).
    const value = scope.locator(".condition__row select").nth(2);
    const names = await value.locator("option").allTextContents();
    expect(names).toContain("53 – Bretagne");
    expect(names).toHaveLength(18);
    const sent = page.waitForRequest((r) =>
      (r.postData() ?? "").includes('"field":"region","op":"eq","value":"53"'),
    );
    await value.selectOption("53");
    await sent;
    await settled(page, "done");
    const n = Number(
      ((await page.locator(".workshop-result .headline").textContent()) ?? "")
        .match(/N = ([\d\s\u202f]+)/)?.[1]
        ?.replace(/\D/g, ""),
    );
    expect(n).toBeGreaterThan(0);
    // Départements: a list of checkboxes, each with its name.
    await scope.locator("select[data-role=field]").selectOption("departement");
    await scope.locator("select[data-role=op]").selectOption("in");
    await expect(scope.getByLabel("29 – Finistère").count()).resolves.toBe(1);

    // A link written by hand with a name instead of a code: the list says it is unknown.
    await page.goto(await linkWithScope({ field: "region", op: "eq", value: "Bretagne" }));
    await waitReady(page);
    const held = page.locator("fieldset.condition .condition__row select").nth(2);
    await expect(held.inputValue()).resolves.toBe("Bretagne");
    await expect(held.locator("option:checked").textContent()).resolves.toContain("inconnu");
  });

  it("says under the list's box that a value of a closed list is unknown, instead of N = 0", async () => {
    const { page } = browser;
    // A link naming a procedure no contract can have: the page used to compute it, N = 0.
    await page.goto(await linkWithScope({ field: "procedure", op: "in", values: ["zzz"] }));
    await waitReady(page);
    expect(await noteOf(page, "scope.values")).toBe(
      "Valeur inconnue : « zzz ». Choisissez dans la liste de « Procédure de passation », " +
        "par exemple « procedure_adaptee » (Procédure adaptée) ou « appel_offres_ouvert » " +
        "(Appel d'offres ouvert).",
    );
    expect(await shownMessages(page)).toHaveLength(1);
    // A procedure of the list ticked and the unknown one unticked: computed.
    const scope = page.locator("fieldset.condition", {
      has: page.locator("legend", { hasText: "Marchés concernés" }),
    });
    await scope.getByLabel("Procédure adaptée").check();
    await scope.getByLabel("inconnu").uncheck();
    await settled(page, "done");
    expect(await shownMessages(page)).toEqual([]);
  });

  it("keeps in the address the definition on screen, not the one first started from", async () => {
    const { page } = browser;
    await page.goto(`${t.url}/atelier?depuis=social_consideration_share`);
    await waitReady(page);
    await settled(page, "done");
    const address = () => new URL(page.url()).searchParams;
    // Another start: a blank page (the old address kept depuis=social_consideration_share, and a
    // reload gave back the share, not the blank page on screen).
    await page.selectOption("#atelier-depuis", "");
    await page.getByRole("button", { name: "Commencer" }).click();
    await settled(page, "done");
    expect(address().get("depuis")).toBeNull();
    await page.selectOption("#atelier-depuis", "procedure_mix");
    await page.getByRole("button", { name: "Commencer" }).click();
    await settled(page, "done");
    expect(address().get("depuis")).toBe("procedure_mix");
    // Changed by the agent: the address is the definition itself, as its link.
    await page.fill('input[data-path="title"]', "Procédures de ma collectivité");
    await settled(page, "done");
    expect(address().get("depuis")).toBeNull();
    expect(address().get("d")).toBeTruthy();
    await page.reload();
    await waitReady(page);
    await expect(page.locator('input[data-path="title"]').inputValue()).resolves.toBe(
      "Procédures de ma collectivité",
    );
  });

  it("on a 390 px phone, keeps the result in sight over the form and leads to it", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await openBlank(page);
      const glance = page.locator(".workshop-glance");
      await expect(glance.textContent()).resolves.toMatch(/^Résultat : \d/);
      // Far down the form, a change: its effect is on the screen the agent is looking at (the
      // old page showed the result only after the whole form).
      const minN = page.locator('input[data-path="min_n"]');
      await minN.scrollIntoViewIfNeeded();
      await minN.fill("");
      await settled(page, "error");
      await expect(glance.textContent()).resolves.toContain("Pas encore calculable");
      const inSight = async (selector: string) =>
        page.locator(selector).evaluate((node) => {
          const box = node.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        });
      await expect(inSight(".workshop-glance")).resolves.toBe(true);
      await expect(inSight('input[data-path="min_n"]')).resolves.toBe(true);
      await minN.fill("10");
      await settled(page, "done");
      await expect(glance.textContent()).resolves.toMatch(/^Résultat : \d/);
      // « Voir le résultat » brings the result's heading into view, not under the line.
      await glance.getByRole("link", { name: "Voir le résultat" }).click();
      await page.waitForFunction(() => {
        const heading = document.getElementById("resultat-en-direct")?.getBoundingClientRect();
        const line = document.querySelector(".workshop-glance")?.getBoundingClientRect();
        return heading && line && heading.top >= line.bottom && heading.bottom <= innerHeight;
      });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      // Beside the form on a wide screen, the result is in sight already: no such line.
      await page.setViewportSize({ width: 1366, height: 900 });
      await expect(glance.isVisible()).resolves.toBe(false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
