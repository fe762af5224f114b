// Counting rules on hand-written contracts (tests/fixtures/indicators/seed.yaml). Every expected
// figure below is worked out by hand from the seed, in the comment beside it.
import { describe, expect, it } from "vitest";
import { runIndicator } from "../../indicators/engine.ts";
import { inlineDefinition } from "./helpers/catalogue.ts";
import { rowFor, useSeed } from "./helpers/seed-runs.ts";

const { db, run } = useSeed();

describe("each contract counts once", () => {
  it("counts contracts, not contract × supplier rows", async () => {
    // 12 contracts; 15 supplier rows (A-2 has 3, B-1 and C-2 have 2, B-2 none).
    const result = await run("contracts_count");
    expect(result.rows).toEqual([{ value: 12, n: 12, n_scope: 12, coverage: 1, flags: [] }]);
  });

  it("sums a joint award's amount once", async () => {
    // 2024, buyer A: A-1 100 000 + A-2 50 000 (3 suppliers, once) + A-3 30 000 + A-6 60 000;
    // A-4's suspect 999 999 999 is left out: N = 4 of the 5 in scope, coverage 4/5, and the
    // figure uses 240 000 of the 1 000 239 999 € published.
    const result = await run("amount_total", {
      grain: "year",
      filters: [{ dimension: "acheteur_id", op: "eq", values: ["21350000000011"] }],
    });
    expect(rowFor(result.rows, "year", 2024)).toEqual({
      year: 2024,
      value: 240000,
      n: 4,
      n_scope: 5,
      coverage: 0.8,
      coverage_value: 240000 / 1000239999,
      flags: [],
    });
  });
});

describe("blank is not no", () => {
  it("keeps blank considerations out of the denominator, in coverage", async () => {
    // 2024 v2 contracts, B-1, B-2 (n_scope 6). A-3 is blank (coverage 5/6),
    // so the share is computed on N = 5.
    // Social: A-1 clause, A-4 critère + clause, B-1 marché réservé = 3; A-2 and B-2 "aucune".
    const result = await run("social_consideration_share", { grain: "year" });
    expect(rowFor(result.rows, "year", 2024)).toEqual({
      year: 2024,
      value: 0.6,
      n: 5,
      n_scope: 6,
      numerator: 3,
      denominator: 5,
      coverage: 5 / 6,
      flags: ["format_partial", "below_min_n"],
      // The row of 2024: its contracts are of 2024; set for 2025, the target does not judge it
      // (said before its N = 5 below min N: no figure of 2024 is held to it).
      first_year: 2024,
      last_year: 2024,
      n_undated: 0,
      target_met: null,
      target_not_judged: "period_before_target",
    });
  });

  it("weights by amount, suspect amounts out", async () => {
    // Filled and with a usable amount: A-1 100 000 (yes), A-2 50 000 (no), B-1 200 000 (yes),
    // B-2 no amount, A-4 suspect. 300 000 / 350 000 on N = 3 (A-1, A-2, B-1) of the 6 in
    // scope; covered: the same 3 of 6. Published amounts in scope: those 350 000 + A-3 30 000 +
    // A-4 999 999 999 (B-2 has none) = 1 000 379 999, of which the figure uses 350 000.
    const result = await run("social_consideration_amount_share", { grain: "year" });
    expect(rowFor(result.rows, "year", 2024)).toMatchObject({
      value: 300000 / 350000,
      numerator: 300000,
      denominator: 350000,
      n: 3,
      n_scope: 6,
      coverage: 0.5,
      coverage_value: 350000 / 1000379999,
    });
  });
});

describe("a row without a figure", () => {
  it("is not flagged « few contracts » nor « little known »: there is nothing to interpret", async () => {
    // B-2 has no amount and A-4's is suspect: the row of no band holds these 2 contracts in
    // scope and none the sum can use (N = 0, coverage 0), so it has no value. Its N and coverage
    // say why; status_not_judged says it is not judged.
    const result = await run("amount_total", { by: ["amount_band"] });
    expect(rowFor(result.rows, "amount_band", null)).toEqual({
      amount_band: null,
      amount_band_label: null,
      value: null,
      n: 0,
      n_scope: 2,
      coverage: 0,
      coverage_value: 0,
      flags: [],
    });
  });
});

describe("format requirements", () => {
  it("shows a 2019-only period with no value and a flag, not hidden", async () => {
    const result = await run("environmental_consideration_share", { grain: "year" });
    expect(rowFor(result.rows, "year", 2019)).toEqual({
      year: 2019,
      value: null,
      n: 0,
      n_scope: 0,
      numerator: null,
      denominator: null,
      coverage: null,
      // No value: « not in the 2024 format » says why, and « few contracts » (interpret with
      // caution) would be said of a figure there is not.
      flags: ["format_not_available"],
      // No contract in the base: no year either.
      first_year: null,
      last_year: null,
      n_undated: 0,
      target_met: null,
      // Nothing to judge is said before the year (result-rows.ts targetNotJudged).
      target_not_judged: "format_not_available",
    });
    // 2025 holds only A-5 (v2): no format flag.
    expect(rowFor(result.rows, "year", 2025).flags).toEqual(["below_min_n"]);
  });

  it("counts the transitional 2.0.0 format as the 2024 format", async () => {
    // A-4 is v2.0.0 and declared innovative: the only innovative contract of 2024 (1 / 5 filled).
    const result = await run("innovative_share", { grain: "year" });
    expect(rowFor(result.rows, "year", 2024)).toMatchObject({ numerator: 1, denominator: 5 });
  });
});

describe("scopes and thresholds", () => {
  it("leaves no-publicity contracts out of the single-offer rate", async () => {
    // 2024 v2 without sans_publicite, B-1, B-2 (n_scope 5); offers filled: A-1
    // (1), A-2 (3), B-1 (2), B-2 (1) → 2 / 4 on N = 4. A-3 (sans publicité, 1 offer) is not
    // counted.
    const result = await run("single_offer_rate", { grain: "year" });
    expect(rowFor(result.rows, "year", 2024)).toMatchObject({
      value: 0.5,
      n: 4,
      n_scope: 5,
      coverage: 0.8,
    });
  });

  it("warns of nothing on a selection without any contract", async () => {
    // No contract after 2100: no « few contracts », no « not in the 2024 format » beside N = 0.
    const filters = [{ dimension: "year", op: "gte", values: [2100] }];
    for (const id of ["single_offer_rate", "social_consideration_share", "contracts_count"]) {
      const result = await run(id, { filters });
      expect(result.rows, id).toHaveLength(1);
      for (const row of result.rows) {
        expect(row.n_scope, id).toBe(0);
        expect(row.flags, id).toEqual([]);
      }
    }
    // A selection with contracts, none in the 2024 format, keeps its flag.
    const old = await run("single_offer_rate", {
      filters: [{ dimension: "decp_format", op: "eq", values: ["v1"] }],
    });
    expect(old.rows[0]?.flags).toContain("format_not_available");
  });

  it("judges the format on the contracts of its scope, not on those the scope leaves out", async () => {
    // A 2024-format share over the contracts notified since a date (as the workshop builds it):
    // the 2019-format contracts it leaves out do not make it « partly in the 2019 format ».
    const share = (scope?: Record<string, unknown>) =>
      inlineDefinition({
        unit: "share",
        format: "percent",
        requires_format: "v2",
        requires_fields: ["considerations_sociales"],
        measure: {
          kind: "ratio",
          numerator: {
            kind: "count_distinct",
            where: { field: "considerations_sociales", op: "contains", values: ["clause_sociale"] },
          },
          denominator: {
            kind: "count_distinct",
            where: { field: "considerations_sociales", op: "not_null" },
          },
        },
        ...(scope ? { scope } : {}),
      });
    // The premise: over every contract, the seed's 2019 ones are not in the 2024 format.
    const whole = await runIndicator(db().connection, share(), {});
    expect(whole.rows[0]?.flags).toContain("format_partial");
    const recent = await runIndicator(
      db().connection,
      // From May 2024: A-6, a 2019-format contract of April 2024, is left out too.
      share({ field: "date_notification", op: "gte", value: "2024-05-01" }),
      {},
    );
    expect(recent.rows[0]?.n_scope).toBeGreaterThan(0);
    expect(recent.rows[0]?.flags).not.toContain("format_partial");
    expect(recent.rows[0]?.flags).not.toContain("format_not_available");
  });

  it("gives a colour only when N is large enough", async () => {
    const small = await run("single_offer_rate", { grain: "year" });
    expect(rowFor(small.rows, "year", 2024).status).toBeNull();
  });

  it("reads both procedure vocabularies as one", async () => {
    // Sans publicité: C-1 (2019 wording) and A-3 (2024 wording) out of 12.
    const result = await run("no_publicity_share");
    expect(result.rows[0]).toMatchObject({ numerator: 2, denominator: 12 });
  });
});

describe("derived fields", () => {
  it("median publication delay ignores publications dated before notification", async () => {
    // 2024: A-1 20 days (leap February), A-2 97, A-4 9, A-6 27; B-1 is negative → blank; A-3
    // and B-2 have no publication date. The median rests on those 4 of the 7 in scope.
    const result = await run("publication_delay_median", { grain: "year" });
    expect(rowFor(result.rows, "year", 2024)).toMatchObject({
      value: 23.5,
      n: 4,
      n_scope: 7,
      coverage: 4 / 7,
    });
  });

  it("counts calendar months for the two-month deadline", async () => {
    // 2019: C-1 22 days (yes), C-2 1 June → 15 September (no), C-3 22 days (yes).
    const result = await run("published_within_two_months_share", { grain: "year" });
    expect(rowFor(result.rows, "year", 2019)).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it("amendment growth above 20 %", async () => {
    // 2024: A-2 +25 % (yes), B-1, A-6 0 %; A-4 suspect, B-2 no amount → 1 / 5.
    const result = await run("amendment_growth_share", { grain: "year" });
    expect(rowFor(result.rows, "year", 2024)).toMatchObject({ numerator: 1, denominator: 5 });
  });

  it("amount bands put 40 000 € in the 40–90 k€ band and keep blanks apart", async () => {
    const result = await run("contracts_count", { by: ["amount_band"] });
    const bands = result.rows.map((r) => [r.amount_band, r.value]);
    // Upper bounds are excluded. < 40k: A-3 30 000, C-1 15 000, B-3 5 000; 40–90k: A-2 50 000,
    // A-5 40 000, A-6 60 000; 90–221k: A-1 100 000, B-1 200 000, C-2 90 000; 221k–5.5M: C-3
    // 221 000; blank: A-4 (suspect) and B-2 (no amount).
    expect(bands).toEqual([
      ["lt_40k", 3],
      ["from_40k_to_90k", 3],
      ["from_90k_to_221k", 3],
      ["from_221k_to_5538k", 1],
      [null, 2],
    ]);
    expect(result.rows[0]?.amount_band_label).toBe("< 40 k€");
  });

  it("missing supplier SIRET counts contracts, foreign and malformed ids alike", async () => {
    // 2024 contracts listing a titulaire, B-1, A-6 = 6 (B-2 lists none);
    // without a valid SIRET: A-4 (TVA number), B-1 (13 digits) = 2.
    const result = await run("missing_supplier_siret_share", { grain: "year" });
    expect(rowFor(result.rows, "year", 2024)).toMatchObject({ numerator: 2, denominator: 6 });
  });
});

describe("top supplier share", () => {
  it("splits joint awards equally and groups establishments by SIREN", async () => {
    // Buyer A in 2024: A-1 100 000 → 111111111; A-2 50 000 / 3 → 111111111 ×2, 222222222;
    // A-3 30 000 and A-6 60 000 → 222222222; A-4 suspect (not covered).
    // 111111111: 133 333.33; 222222222: 106 666.67; total 240 000. The split takes,
    // N = 4 of the 5 in scope, under the min N of 5.
    const result = await run("top_supplier_share", { grain: "year" });
    const row = result.rows.find((r) => r.year === 2024 && r.acheteur_id === "21350000000011");
    expect(row?.numerator).toBeCloseTo(400000 / 3, 6);
    expect(row).toMatchObject({
      denominator: 240000,
      n: 4,
      n_scope: 5,
      coverage: 0.8,
      coverage_value: 240000 / 1000239999,
      flags: ["below_min_n"],
    });
    expect(row?.value).toBeCloseTo(400000 / 3 / 240000, 12);
  });

  it("always breaks down by buyer", async () => {
    const result = await run("top_supplier_share");
    expect(result.rows.map((r) => r.acheteur_id).sort()).toEqual([
      "21350000000011",
      "75000000000012",
      "94000000000013",
    ]);
    // Buyers are identifiers: the rows list the largest share first.
    const values = result.rows.map((r) => (typeof r.value === "number" ? r.value : -1));
    expect(values).toEqual([...values].sort((x, y) => y - x));
  });
});

describe("mixes", () => {
  it("shares per category sum to one over the filled categories", async () => {
    // Services, A-6 (72), A-4 (90), B-1 (79), C-2 (71); fournitures: A-3 (30), B-2
    // (33), C-3 (09); travaux: A-2, C-1 (45). B-3 has no CPV code: coverage 11 / 12.
    const result = await run("type_mix");
    expect(result.rows.map((r) => [r.type_marche, r.numerator])).toEqual([
      ["services", 6],
      ["fournitures", 3],
      ["travaux", 2],
    ]);
    const total = result.rows.reduce((sum, r) => sum + (r.value ?? 0), 0);
    expect(total).toBeCloseTo(1, 12);
    // N is the 11 contracts with a category; the 12 in scope include B-3.
    expect(result.rows[0]).toMatchObject({
      n: 11,
      n_scope: 12,
      denominator: 11,
      coverage: 11 / 12,
    });
  });
});
