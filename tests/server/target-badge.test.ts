// The target badge of the dashboard's cards (client/src/components/badges.js) on real answers of
// the API: a figure over several years whose contracts begin before the target's year says why
// it is not judged, with the years it covers, never « non atteinte »; nor is a figure holding
// contracts without a date, whose year is unknown. The years are checked against straight SQL on
// the served snapshot. The client module is loaded as the browser does.
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findDefinition,
  loadCatalogue,
  parseRequest,
  runIndicator,
} from "../../indicators/index.ts";
import { TARGET_NOT_JUDGED } from "../../indicators/result-columns.ts";
import { openDatabase } from "../../lib/duckdb.ts";
import type { IndicatorResult } from "../../server/api-types.ts";
import { parseCsv } from "./helpers/read-files.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

const BADGES = new URL("../../client/src/components/badges.js", import.meta.url);
const NOT_JUDGED = new URL("../../client/src/shared/not-judged-text.js", import.meta.url);

let t: TestServer;
type Row = Record<string, unknown>;
let targetText: (indicator: IndicatorResult["indicator"], row: Row) => string;
let notJudgedText: (code: unknown, row: Row, targetYear: number | null) => string | null;
/** French number formats use narrow and plain no-break spaces: compared as spaces. */
const words = (indicator: IndicatorResult["indicator"], row: Row) =>
  targetText(indicator, row).replace(/[\u202f\u00a0]/g, " ");
beforeAll(async () => {
  t = await startTestServer();
  const module = (await import(pathToFileURL(fileURLToPath(BADGES)).href)) as {
    targetText: typeof targetText;
  };
  targetText = module.targetText;
  const words = (await import(pathToFileURL(fileURLToPath(NOT_JUDGED)).href)) as {
    notJudgedText: typeof notJudgedText;
  };
  notJudgedText = words.notJudgedText;
});
afterAll(() => t?.close());

/** The first and last notification year of the région's contracts in the 2024 format. */
async function yearsOf(region: string): Promise<{ first: number; last: number }> {
  const [row] = await queryFile(
    t.dbPath,
    `SELECT min(year(date_notification))::INTEGER AS first, max(year(date_notification))::INTEGER AS last
       FROM contracts WHERE decp_format IN ('v2', 'v2.0.0') AND region = $1`,
    [region],
  );
  return { first: Number(row?.first), last: Number(row?.last) };
}

/**
 * The engine's answer for a catalogue indicator given a target of 30 % in 2025, on the served
 * snapshot (read-only, through a DuckDB of its own), with the API's description of the indicator
 * given that target too.
 */
async function withTarget(
  id: string,
  filter: string,
): Promise<Pick<IndicatorResult, "indicator" | "rows">> {
  const target = { value: 0.3, year: 2025, label: "30 % (cible d'essai)", source: "test" };
  const served = await t.json<IndicatorResult>(
    `/api/indicators/${id}?filter=${encodeURIComponent(filter)}`,
  );
  const catalogue = loadCatalogue();
  const definition = { ...findDefinition(catalogue, id), target };
  const db = await openDatabase(":memory:");
  try {
    await db.connection.run(`ATTACH '${t.dbPath.replaceAll("'", "''")}' AS snap (READ_ONLY)`);
    await db.connection.run("USE snap");
    const request = parseRequest(definition, { filter }, catalogue.model);
    const result = await runIndicator(db.connection, definition, request, {
      model: catalogue.model,
    });
    return { indicator: { ...served.indicator, target }, rows: result.rows };
  } finally {
    db.close();
  }
}

describe("the target badge", () => {
  it("says a région's figure over all years is not judged, and why", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/social_consideration_share?by=region",
    );
    const target = result.indicator.target;
    expect(target?.year).toBe(2025);
    // Île-de-France: enough contracts, every one with the field filled, and the first of them
    // notified before 2025 (the old answer said « Cible (30 % en 2025) non atteinte »).
    const row = result.rows.find((r) => r.region === "11");
    expect(row?.flags.filter((f) => f !== "format_partial")).toEqual([]);
    const { first, last } = await yearsOf("11");
    expect(first).toBeLessThan(2025);
    expect(row).toMatchObject({ first_year: first, last_year: last, target_met: null });
    expect(words(result.indicator, row ?? {})).toBe(
      `Cible (30 % en 2025) : non évaluée (chiffre de ${first} à ${last}, objectif fixé pour 2025)`,
    );
  });

  it("says a total of the target's year holding undated contracts is not judged, and why", async () => {
    // Every year before 2025 left out by « year ∉ … », which keeps the contracts without a date
    // (a blank is none of the years): the contracts of 2025 and the undated ones, all in the
    // scope of first_time_supplier_share (any format, no scope). Their dated ones are of the
    // target's year, but the undated ones may be of any year: no verdict, and the badge says why.
    // The catalogue's targets are national ones, all on indicators of the 2024 format, whose
    // samples have no undated contract: the test gives this indicator a target of its own.
    const before = await queryFile(
      t.dbPath,
      `SELECT DISTINCT year(date_notification)::INTEGER AS y FROM contracts
        WHERE year(date_notification) < 2025 ORDER BY 1`,
    );
    const filter = `year!~${before.map((r) => String(r.y)).join(",")}`;
    const result = await withTarget("first_time_supplier_share", filter);
    expect(result.indicator.target?.year).toBe(2025);
    const [sql] = await queryFile(
      t.dbPath,
      `SELECT count(*)::INTEGER AS scope,
              count(*) FILTER (WHERE date_notification IS NULL)::INTEGER AS undated,
              min(year(date_notification))::INTEGER AS first
         FROM contracts WHERE date_notification IS NULL OR year(date_notification) >= 2025`,
    );
    const undated = Number(sql?.undated);
    expect(undated).toBeGreaterThan(0);
    const [row] = result.rows;
    expect(row).toMatchObject({
      n_scope: Number(sql?.scope),
      first_year: 2025,
      last_year: 2025,
      n_undated: undated,
      target_met: null,
    });
    // In the samples none of these contracts says whether its supplier is new (N = 0): no value
    // at all, the more basic reason, is said before the undated contracts (the badge said them
    // first). Had the figure a value, they would be its reason.
    expect(row).toMatchObject({ value: null, n: 0, target_not_judged: "no_value" });
    expect(words(result.indicator, row ?? {})).toBe(
      "Cible (30 % en 2025) : non évaluée (pas de valeur)",
    );
    const count = new Intl.NumberFormat("fr-FR").format(undated).replace(/[\u202f\u00a0]/g, " ");
    const valued = { ...row, value: 0.4, target_not_judged: "undated_contracts" };
    expect(words(result.indicator, valued)).toBe(
      `Cible (30 % en 2025) : non évaluée (${count} marchés du chiffre sans date de notification, année inconnue)`,
    );
  });

  it("keeps the words of a verdict and of a year before the target's", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/social_consideration_share?by=region",
    );
    const row = result.rows.find((r) => r.region === "11") ?? {};
    expect(words(result.indicator, { ...row, target_met: false })).toBe(
      "Cible (30 % en 2025) non atteinte",
    );
    expect(words(result.indicator, { ...row, first_year: 2025, target_met: true })).toBe(
      "Cible (30 % en 2025) atteinte",
    );
    // One undated contract beside those of 2025: said in the singular.
    const oneUndated = {
      ...row,
      first_year: 2025,
      last_year: 2025,
      n_undated: 1,
      target_met: null,
      target_not_judged: "undated_contracts",
    };
    expect(words(result.indicator, oneUndated)).toBe(
      "Cible (30 % en 2025) : non évaluée (1 marché du chiffre sans date de notification, année inconnue)",
    );
    // A row of one year says so, without the years of a total.
    const years = await t.json<IndicatorResult>(
      "/api/indicators/social_consideration_share?grain=year&region=11",
    );
    const of2024 = years.rows.find((r) => r.year === 2024) ?? {};
    expect(of2024).toMatchObject({ target_not_judged: "period_before_target" });
    expect(words(years.indicator, of2024)).toBe(
      "Cible (30 % en 2025) : non évaluée (fixée pour 2025)",
    );
    // The row of the contracts without a date, on enough of them to be judged but for that.
    const undatedRow = years.rows.find((r) => r.year === null);
    expect(undatedRow).toBeDefined();
    const judgeable = {
      ...undatedRow,
      value: 0.4,
      flags: [],
      target_met: null,
      target_not_judged: "none_dated",
    };
    expect(words(years.indicator, judgeable)).toBe(
      "Cible (30 % en 2025) : non évaluée (aucun marché daté)",
    );
  });

  it("says a small buyer's earlier years before its few contracts", async () => {
    // A buyer of few contracts whose figure begins before 2025: no figure of those years is held
    // to the target, however many contracts it has; said first, with its years.
    const result = await t.json<IndicatorResult>(
      "/api/indicators/social_consideration_share?by=acheteur_id",
    );
    const small = result.rows.find(
      (r) =>
        r.flags.includes("below_min_n") &&
        typeof r.value === "number" &&
        typeof r.first_year === "number" &&
        r.first_year < 2025 &&
        r.last_year === 2024,
    );
    expect(small).toMatchObject({ target_met: null, target_not_judged: "years_before_target" });
    const first = String(small?.first_year);
    const years = first === "2024" ? "de 2024" : `de ${first} à 2024`;
    expect(words(result.indicator, small ?? {})).toBe(
      `Cible (30 % en 2025) : non évaluée (chiffre ${years}, objectif fixé pour 2025)`,
    );
  });

  it("words the engine's code and works out no reason of its own", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/social_consideration_share?by=region",
    );
    const row = result.rows.find((r) => r.region === "11") ?? {};
    const said = (code: string) =>
      words(result.indicator, { ...row, target_met: null, target_not_judged: code });
    // The same row, whatever its years and flags, says the reason it is given.
    expect(said("low_coverage")).toBe(
      "Cible (30 % en 2025) : non évaluée (information trop peu renseignée)",
    );
    expect(said("no_value")).toBe("Cible (30 % en 2025) : non évaluée (pas de valeur)");
    expect(said("format_not_available")).toBe(
      "Cible (30 % en 2025) : non évaluée (aucun marché au format 2024)",
    );
    expect(said("no_contract")).toBe("Cible (30 % en 2025) : non évaluée (aucun marché concerné)");
    expect(said("none_dated")).toBe("Cible (30 % en 2025) : non évaluée (aucun marché daté)");
    // Every code of the engine has words of its own.
    for (const code of TARGET_NOT_JUDGED)
      expect(notJudgedText(code, row, 2025), code).not.toBe(null);
  });

  it("says an unknown reason once, and leaves its wording to the page", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/social_consideration_share?by=region",
    );
    const row = result.rows.find((r) => r.region === "11") ?? {};
    // A code newer than the page, or none: the module says it does not know (it said « non
    // évalué », which the table recognised by its words and the badge repeated in brackets).
    expect(notJudgedText("a_newer_rule", row, 2025)).toBe(null);
    expect(notJudgedText(undefined, row, null)).toBe(null);
    for (const code of ["a_newer_rule", null]) {
      expect(words(result.indicator, { ...row, target_met: null, target_not_judged: code })).toBe(
        "Cible (30 % en 2025) : non évaluée",
      );
    }
  });

  it("reads the same in a spreadsheet, and as the code in plain CSV", async () => {
    const path = "/api/indicators/social_consideration_share/export?by=region&format=";
    const { first, last } = await yearsOf("11");
    const cells = async (format: string, separator: string) => {
      const response = await t.get(`${path}${format}`);
      const text = new TextDecoder().decode(new Uint8Array(await response.arrayBuffer()));
      const records = parseCsv(text.replace(/^\ufeff/, ""), separator);
      const header = records[0] ?? [];
      // A code is kept as text for Excel (« ="11" »).
      const row = records.find((r) => r[0] === "11" || r[0] === '="11"') ?? [];
      return (name: string) => row[header.indexOf(name)];
    };
    const excel = await cells("csv_excel", ";");
    expect(excel("Cible non évaluée : raison")).toBe(
      `chiffre de ${first} à ${last}, objectif fixé pour 2025`,
    );
    const plain = await cells("csv", ",");
    expect(plain("target_not_judged")).toBe("years_before_target");
  });
});
