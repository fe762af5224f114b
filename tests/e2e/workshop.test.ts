// An agent's path through the « Atelier » in Chromium, on the real server: from a blank page to
// the share of contracts with a social clause by région, through a wrong step (a median of a field
// that is not a number) that the page shows in French next to the field. The downloaded YAML is
// valid against the JSON Schema, loads into a copy of the catalogue and gives the rows the page
// showed; the permalink re-opens the workshop with the definition.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { parse } from "yaml";
import { runIndicator, loadCatalogue, DEFAULT_DEFINITIONS_DIR } from "../../indicators/index.ts";
import { openDatabase } from "../../lib/duckdb.ts";
import type { WorkshopPreview } from "../../server/api-types.ts";
import { startTestServer, type TestServer } from "../server/helpers/test-server.ts";
import {
  countMarks,
  describeWithBrowser,
  launchBrowser,
  waitReady,
  type Browser,
} from "./helpers/browser.ts";

let t: TestServer;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "observatory-workshop-"));

/** Waits for the live result to settle: computed, or refused with errors. */
async function settled(page: Page, state: "done" | "error"): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.querySelector(".workshop-result")?.getAttribute("data-state") === wanted,
    state,
    { timeout: 45_000 },
  );
}

/** The condition fieldset of a part of the measure, by its legend. */
const condition = (page: Page, legend: string) =>
  page.locator("fieldset.condition", { has: page.locator("legend", { hasText: legend }) });

describeWithBrowser("the indicator workshop in Chromium", () => {
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(browser.takeErrors()).toEqual([]);
  });

  it("from blank to a social-clause share by région, a wrong step shown at its field, and the file taken away", async () => {
    const { page } = browser;
    await page.goto(`${t.url}/atelier`);
    await waitReady(page);
    await settled(page, "done");
    await expect(page.locator("h1").textContent()).resolves.toContain("Atelier");
    // Beside the form, the result's table keeps its flags readable: a flagged year's row is at
    // most two lines tall (its flags were a narrow strip that made it three times as tall).
    const heights = await page
      .locator(".workshop-result .data-table tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(2);
    expect(Math.max(...heights) / Math.min(...heights)).toBeLessThan(2.2);
    // A blank page allows no breakdown but the year: « Répartir par » says where to allow one.
    const by = page.locator("#atelier-par");
    await expect(by.isDisabled()).resolves.toBe(true);
    await expect(by.locator("option").allTextContents()).resolves.toEqual([
      "aucune ventilation permise (voir « Ventilations permises »)",
    ]);

    // The wrong step: a median of « Considérations sociales », a list of codes.
    await page.selectOption('select[data-path="measure.kind"]', "median");
    await page.selectOption('select[data-path="measure.field"]', "considerations_sociales");
    await settled(page, "error");
    const note = page.locator('[data-error-for="measure.field"]');
    await expect(note.isVisible()).resolves.toBe(true);
    const said = (await note.textContent()) ?? "";
    expect(said).toContain("Considérations sociales");
    expect(said).toContain("pas un nombre");
    await expect(
      page.locator('select[data-path="measure.field"]').getAttribute("aria-invalid"),
    ).resolves.toBe("true");

    // A share: contracts with a social clause / contracts where the field is filled.
    await page.selectOption('select[data-path="measure.kind"]', "ratio");
    const numerator = condition(page, "Numérateur");
    await numerator.getByRole("button", { name: "Ajouter une condition" }).click();
    await numerator.locator("select[data-role=field]").selectOption("considerations_sociales");
    await numerator.locator("select[data-role=op]").selectOption("contains");
    await numerator.getByLabel("Clause sociale").check();
    const denominator = condition(page, "Dénominateur");
    await denominator.getByRole("button", { name: "Ajouter une condition" }).click();
    await denominator.locator("select[data-role=field]").selectOption("considerations_sociales");
    await denominator.locator("select[data-role=op]").selectOption("not_null");
    await page.selectOption('select[data-path="requires_format"]', "v2");
    const checkIn = async (path: string, value: string) =>
      page.locator(`fieldset[data-path="${path}"] input[value="${value}"]`).check();
    await checkIn("requires_fields", "considerations_sociales");
    await checkIn("breakdowns", "region");
    await expect(by.isDisabled()).resolves.toBe(false);
    await expect(by.inputValue()).resolves.toBe("region");
    await checkIn("filters", "region");
    await page.fill('input[data-path="id"]', "social_clause_share");
    await page.fill('input[data-path="title"]', "Part des marchés avec une clause sociale");
    await page.fill(
      'textarea[data-path="description"]',
      "Part des marchés dont les considérations sociales comprennent une clause sociale.",
    );
    await page.fill(
      'input[data-path="formula"]',
      "marchés avec une clause sociale / marchés dont les considérations sociales sont renseignées",
    );
    await page.fill('input[data-path="source.name"]', "DECP 2024 (champ considerationsSociales)");

    const byRegion = page.waitForResponse(
      (r) =>
        r.url().endsWith("/api/workshop/preview") &&
        (r.request().postData() ?? "").includes('"by":"region"') &&
        (r.request().postData() ?? "").includes("social_clause_share"),
    );
    await page.selectOption("#atelier-par", "region");
    const shown = (await (await byRegion).json()) as WorkshopPreview;
    await settled(page, "done");
    expect(await page.locator("[data-error-for]:visible").count()).toBe(0);
    expect(shown.rows.length).toBeGreaterThan(1);
    expect(shown.rows.some((r) => typeof r.value === "number" && r.value > 0)).toBe(true);
    expect(await countMarks(page, '.workshop-result [data-chart="breakdown"]')).toBeGreaterThan(0);
    expect(await page.locator(".headline__value").textContent()).toMatch(/%/);

    // Take it away.
    await page.fill("#atelier-auteur", "Camille, acheteuse");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Télécharger la définition (YAML)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("social_clause_share.yaml");
    const file = join(dir, "download.yaml");
    await download.saveAs(file);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/schema\/indicator\.schema\.json\n/,
    );
    expect(text).toContain("par Camille, acheteuse");

    const schema = JSON.parse(
      readFileSync(
        new URL("../../indicators/schema/indicator.schema.json", import.meta.url),
        "utf8",
      ),
    ) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const valid = ajv.compile(schema);
    expect(valid(parse(text)), JSON.stringify(valid.errors)).toBe(true);

    // Dropped into a copy of the definitions folder, it loads and gives the rows the page showed.
    const definitions = join(dir, "definitions");
    cpSync(DEFAULT_DEFINITIONS_DIR, definitions, { recursive: true });
    writeFileSync(join(definitions, "social_clause_share.yaml"), text);
    const catalogue = loadCatalogue({ dir: definitions });
    expect(catalogue.errors).toEqual([]);
    const definition = catalogue.definitions.find((d) => d.id === "social_clause_share");
    if (!definition) throw new Error("the downloaded definition did not load");
    const db = await openDatabase(":memory:");
    try {
      await db.connection.run(`ATTACH '${t.dbPath.replaceAll("'", "''")}' AS snap (READ_ONLY)`);
      await db.connection.run("USE snap");
      const result = await runIndicator(db.connection, definition, { by: ["region"] });
      expect(result.rows).toEqual(shown.rows);
    } finally {
      db.close();
    }

    // The permalink re-opens the workshop with the definition.
    const href = await page.locator(".workshop-permalink").getAttribute("href");
    expect(href).toMatch(/^\/atelier\?d=/);
    await page.goto(`${t.url}${href}`);
    await waitReady(page);
    await settled(page, "done");
    await expect(page.locator('input[data-path="title"]').inputValue()).resolves.toBe(
      "Part des marchés avec une clause sociale",
    );
    await expect(page.locator('select[data-path="measure.kind"]').inputValue()).resolves.toBe(
      "ratio",
    );
    // A definition half-written while the agent types (a condition without its field yet) is
    // refused with 400, which Chromium logs; any other error fails the test (afterEach).
    expect(browser.takeErrors().filter((e) => !e.includes("status of 400"))).toEqual([]);
  });

  it("keeps every condition's value when another is added or typed", async () => {
    const { page } = browser;
    await page.goto(`${t.url}/atelier`);
    await waitReady(page);
    await settled(page, "done");
    const scope = condition(page, "Marchés concernés");
    const add = scope.getByRole("button", { name: "Ajouter une condition" });
    await add.click();
    const first = scope.locator(".condition__row").nth(0);
    await first.locator("select[data-role=field]").selectOption("date_notification");
    await first.locator("select[data-role=op]").selectOption("gte");
    // The test changed: the focus stays on it, not on the field before it.
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute("data-role")),
    ).resolves.toBe("op");
    await first.locator("input[type=date]").fill("2024-01-01");
    await add.click();
    await expect(first.locator("input[type=date]").inputValue()).resolves.toBe("2024-01-01");
    const second = scope.locator(".condition__row").nth(1);
    await second.locator("select[data-role=field]").selectOption("montant");
    await second.locator("select[data-role=op]").selectOption("gt");
    // Typing in the second row sends both conditions to the live result.
    const sent = page.waitForRequest(
      (r) =>
        r.url().includes("/api/workshop/") &&
        (r.postData() ?? "").includes('"value":"2024-01-01"') &&
        (r.postData() ?? "").includes('"value":40000'),
    );
    await second.locator("input").fill("40000");
    await sent;
    await expect(first.locator("input[type=date]").inputValue()).resolves.toBe("2024-01-01");
    await settled(page, "done");
    expect(browser.takeErrors().filter((e) => !e.includes("status of 400"))).toEqual([]);
  });
});
