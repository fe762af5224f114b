// The shipped catalogue: every file loads, says its formula, and compiles and runs on the seed
// for every breakdown, grain and filter it allows.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../lib/duckdb.ts";
import { DEFAULT_DEFINITIONS_DIR } from "../../indicators/compiler/load.ts";
import { runIndicator } from "../../indicators/engine.ts";
import type { IndicatorDefinition } from "../../indicators/compiler/load.ts";
import { shippedCatalogue } from "./helpers/catalogue.ts";
import { readSeed, seededDatabase } from "./helpers/seed-db.ts";

const REQUIRED = [
  "contracts_count",
  "amount_total",
  "amount_median",
  "social_consideration_share",
  "environmental_consideration_share",
  "social_consideration_amount_share",
  "single_offer_rate",
  "offers_mean",
  "no_publicity_share",
  "innovative_share",
  "subcontracting_declared_share",
  "advance_granted_share",
  "joint_award_share",
  "publication_delay_median",
  "published_within_two_months_share",
  "procedure_mix",
  "type_mix",
  "duration_mean",
  "amendment_growth_share",
  "missing_supplier_siret_share",
  "top_supplier_share",
];

/** A value for a filter test, per dimension (filters must compile and run, matches or not). */
const SAMPLE_VALUES: Record<string, string> = {
  year: "2024",
  quarter: "2024-Q1",
  month: "2024-02",
  acheteur_id: "21350000000011",
  acheteur_nom: "L'Haÿ-les-Roses",
  departement: "35",
  region: "53",
  cpv_division: "72",
  type_marche: "services",
  nature: "marche",
  procedure: "procedure_adaptee",
  amount_band: "lt_40k",
  decp_format: "v2",
  source: "seed.yaml",
  acheteur_type: "departement",
  acheteur_departement: "35",
  acheteur_region: "53",
  titulaire_categorie: "PME",
  titulaire_departement: "35",
  titulaire_region: "53",
  titulaire_entreprise: "111111111",
};

/** Where an indicator's scope starts later than the sample values: values inside it. */
const SCOPE_VALUES: Record<string, Record<string, string>> = {
  // The loi Climat et résilience (art. 35) applies from 21 August 2026 (seed contract A-7).
  climate_law_environmental_share: { year: "2026", quarter: "2026-Q3", month: "2026-09" },
};

const catalogue = shippedCatalogue();
let db: Database;
beforeAll(async () => {
  // seed.yaml and a contract notified after 21 August 2026, the scope of the loi Climat indicator.
  const seed = readSeed();
  const later = readSeed(
    fileURLToPath(new URL("../fixtures/indicators/seed-2026.yaml", import.meta.url)),
  );
  db = await seededDatabase({ ...seed, contracts: [...seed.contracts, ...later.contracts] });
});
afterAll(() => db.close());

describe("the shipped catalogue", () => {
  it("loads every file without error", () => {
    const files = readdirSync(DEFAULT_DEFINITIONS_DIR).filter((f) => f.endsWith(".yaml"));
    expect(catalogue.errors).toEqual([]);
    expect(catalogue.definitions).toHaveLength(files.length);
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it("has the required indicators", () => {
    const ids = catalogue.definitions.map((d) => d.id);
    for (const id of REQUIRED) expect(ids).toContain(id);
  });

  it.each(catalogue.definitions.map((d) => [d.id, d] as const))(
    "%s states its formula in its description",
    (_id, d) => {
      expect(d.description).toContain(`Formule : ${d.formula}`);
      expect(d.source.name.length).toBeGreaterThan(0);
    },
  );

  it("keeps v2-only indicators away from the 2019-only buyer name", () => {
    for (const d of catalogue.definitions.filter((x) => x.requires_format === "v2")) {
      expect(d.breakdowns, d.id).not.toContain("acheteur_nom");
    }
  });
});

describe.each(catalogue.definitions.map((d) => [d.id, d] as const))("%s runs", (_id, d) => {
  it("with no request", async () => {
    const result = await runIndicator(db.connection, d, {});
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) checkRow(row);
  });

  it("with every breakdown and a time grain", { tags: ["slow"] }, async () => {
    for (const by of d.breakdowns) {
      const grain = d.breakdowns.includes("year") && by !== "year" ? "year" : null;
      const result = await runIndicator(db.connection, d, { by: [by], grain });
      expect(result.columns).toContain(by);
      for (const row of result.rows) {
        checkRow(row);
        expect(Object.keys(row)).toEqual(result.columns);
      }
    }
  });

  it(
    "with every filter, each keeping exactly the contracts of its value",
    { tags: ["slow"] },
    async () => {
      for (const dimension of d.filters) {
        const value = SCOPE_VALUES[d.id]?.[dimension] ?? SAMPLE_VALUES[dimension];
        if (value === undefined) throw new Error(`no sample value for ${dimension}`);
        const filtered = await runIndicator(db.connection, d, {
          filters: [{ dimension, op: "eq", values: [value] }],
        });
        for (const row of filtered.rows) checkRow(row);
        // Filtering on a value keeps the contracts that the breakdown by the same dimension puts
        // under that value: the same base, counted the same way.
        const canBreakDown = d.breakdowns.includes(dimension) && !isMixCategory(d, dimension);
        if (!canBreakDown) continue;
        const broken = await runIndicator(db.connection, d, { by: [dimension] });
        const under = broken.rows.filter((row) => String(row[dimension]) === value);
        expect(scopeOf(d, filtered.rows), `${d.id} filtered on ${dimension}=${value}`).toBe(
          scopeOf(d, under),
        );
        expect(
          scopeOf(d, under),
          `${d.id}: no seed contract has ${dimension}=${value}`,
        ).toBeGreaterThan(0);
      }
    },
  );
});

/** The contracts in scope of a set of rows: a mix repeats its group's count on every category. */
function scopeOf(d: IndicatorDefinition, rows: { n_scope: number }[]): number {
  if (d.measure.kind === "mix") return rows[0]?.n_scope ?? 0;
  return rows.reduce((sum, row) => sum + row.n_scope, 0);
}

const isMixCategory = (d: IndicatorDefinition, dimension: string) =>
  d.measure.kind === "mix" && d.measure.dimension === dimension;

/** What every row promises, whatever the indicator. */
function checkRow(row: {
  value: number | null;
  n: number;
  n_scope: number;
  coverage: number | null;
  coverage_value?: number | null;
  flags: string[];
  numerator?: number | null;
  denominator?: number | null;
}): void {
  expect(Number.isInteger(row.n) && row.n >= 0).toBe(true);
  expect(Number.isInteger(row.n_scope) && row.n_scope >= 0).toBe(true);
  // The figure rests on contracts of the base, never more.
  expect(row.n).toBeLessThanOrEqual(row.n_scope);
  if (row.coverage !== null) expect(row.coverage).toBeGreaterThanOrEqual(0);
  if (row.coverage !== null) expect(row.coverage).toBeLessThanOrEqual(1);
  if (row.n_scope === 0) expect(row.coverage).toBeNull();
  if (typeof row.coverage_value === "number") {
    expect(row.coverage_value).toBeGreaterThanOrEqual(0);
    expect(row.coverage_value).toBeLessThanOrEqual(1 + 1e-12);
  }
  if (row.numerator != null && row.denominator != null && row.denominator > 0) {
    expect(row.numerator).toBeLessThanOrEqual(row.denominator + 1e-6);
    expect(row.value).toBeCloseTo(row.numerator / row.denominator, 9);
  }
  // « Few contracts » and « little known » are said of a figure: a row without one (N = 0, or
  // no value) carries neither, whatever its scope (its N and coverage say why it is empty).
  if (row.n === 0 || row.value === null) {
    expect(row.flags).not.toContain("below_min_n");
    expect(row.flags).not.toContain("low_coverage");
  }
  expect(Array.isArray(row.flags)).toBe(true);
}
