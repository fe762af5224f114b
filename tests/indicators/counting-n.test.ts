// The N of each kind of figure, and the labels joined to a breakdown, on hand-written contracts
// (tests/fixtures/indicators/seed.yaml; the other counting rules: counting-rules.test.ts). Every
// expected figure is worked out by hand from the seed, in the comment beside it.
import { describe, expect, it } from "vitest";
import { runIndicator } from "../../indicators/engine.ts";
import { inlineDefinition } from "./helpers/catalogue.ts";
import { useSeed } from "./helpers/seed-runs.ts";

const { db, run } = useSeed();

describe("N is the number of contracts the figure is computed on", () => {
  const buyerA2024 = {
    filters: [
      { dimension: "year", op: "eq", values: [2024] },
      { dimension: "acheteur_id", op: "eq", values: ["21350000000011"] },
    ],
  };

  it("a median: the contracts whose value enters it, not the contracts in scope", async () => {
    // Amounts of the 12 contracts but A-4 (suspect) and B-2 (none): 5 000, 15 000, 30 000,
    // 40 000, 50 000, 60 000, 90 000, 100 000, 200 000, 221 000 → N = 10, median
    // (50 000 + 60 000) / 2 = 55 000. A median sums nothing: no coverage in value.
    const result = await run("amount_median");
    expect(result.columns).not.toContain("coverage_value");
    expect(result.rows).toEqual([
      { value: 55000, n: 10, n_scope: 12, coverage: 10 / 12, flags: [] },
    ]);
  });

  it("a mix weighted by amount: contracts with a category and an amount", async () => {
    // Buyer A in 2024: A-1 appel d'offres ouvert 100 000, A-2 adaptée 50 000, A-3 sans
    // publicité 30 000, A-4 appel d'offres ouvert but suspect, A-6 adaptée 60 000.
    // Total 240 000 on N = 4 of the 5 in scope; adaptée 110 000, ouvert 100 000, sans
    // publicité 30 000. Published: 240 000 + 999 999 999.
    const mix = inlineDefinition({
      unit: "share",
      format: "percent",
      requires_fields: ["procedure", "amount"],
      measure: { kind: "mix", dimension: "procedure", of: { kind: "sum", field: "amount" } },
    });
    const result = await runIndicator(db().connection, mix, buyerA2024);
    expect(result.rows.map((r) => [r.procedure, r.numerator])).toEqual([
      ["procedure_adaptee", 110000],
      ["appel_offres_ouvert", 100000],
      ["sans_publicite", 30000],
    ]);
    for (const row of result.rows) {
      expect(row).toMatchObject({
        n: 4,
        n_scope: 5,
        denominator: 240000,
        coverage: 0.8,
        coverage_value: 240000 / 1000239999,
      });
    }
  });

  it("a top share: the contracts split among suppliers", async () => {
    // Buyer B in 2024: B-1 200 000 split between 333333333 (SIREN of a valid SIRET) and the
    // malformed 4444444440001, 100 000 each; B-2 has no amount and no supplier. N = 1 of 2;
    // the published amounts in scope are B-1's 200 000 alone, all used.
    const result = await run("top_supplier_share", {
      filters: [
        { dimension: "year", op: "eq", values: [2024] },
        { dimension: "acheteur_id", op: "eq", values: ["75000000000012"] },
      ],
    });
    expect(result.rows).toEqual([
      {
        acheteur_id: "75000000000012",
        // The buyer's name, from the who's who of the seed (buyers table).
        acheteur_id_label: "Paris",
        value: 0.5,
        n: 1,
        n_scope: 2,
        numerator: 100000,
        denominator: 200000,
        coverage: 0.5,
        coverage_value: 1,
        flags: ["below_min_n"],
      },
    ]);
  });

  it("a ratio with no condition on its denominator: every contract in scope", async () => {
    // A share of all contracts: N = n_scope = 12.
    const share = inlineDefinition({
      unit: "share",
      format: "percent",
      min_n: 1,
      measure: {
        kind: "ratio",
        numerator: {
          kind: "count_distinct",
          where: { field: "procedure", op: "eq", value: "sans_publicite" },
        },
        denominator: { kind: "count_distinct" },
      },
      breakdowns: ["year"],
      filters: ["year"],
    });
    const result = await runIndicator(db().connection, share, {});
    expect(result.rows[0]).toMatchObject({ n: 12, n_scope: 12, numerator: 2, denominator: 12 });
  });

  it("judges min N on N, not on the contracts in scope", async () => {
    // A mean duration with a min N of 8, on the 2024-format contracts: 8 in scope (A-1 to A-5,
    // B-1 to B-3), durations filled for all but A-3 → N = 7, below 8.
    const mean = inlineDefinition({
      unit: "months",
      format: "decimal",
      min_n: 8,
      requires_fields: ["duree_mois"],
      measure: { kind: "avg", field: "duree_mois" },
      breakdowns: ["year", "acheteur_id", "decp_format"],
      filters: ["year", "acheteur_id", "decp_format"],
    });
    const result = await runIndicator(db().connection, mean, {
      filters: [{ dimension: "decp_format", op: "in", values: ["v2", "v2.0.0"] }],
    });
    // A-1 12, A-2 24, A-4 36, B-1 6, B-2 12, A-5 12, B-3 1 = 103 / 7.
    expect(result.rows[0]).toMatchObject({ n: 7, n_scope: 8, flags: ["below_min_n"] });
    expect(result.rows[0]?.value).toBeCloseTo(103 / 7, 12);
  });
});

describe("labels", () => {
  it("joins reference labels of the place of execution", async () => {
    const result = await run("contracts_count", { by: ["region"] });
    // 53: A-1 to A-6 (A-3 in Morbihan); 11: B-1, B-3, C-1, C-2, C-3; B-2 has no place.
    expect(result.rows.map((r) => [r.region, r.region_label, r.value])).toEqual([
      ["11", "Île-de-France", 5],
      ["53", "Bretagne", 6],
      [null, null, 1],
    ]);
  });
});
