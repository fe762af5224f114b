// A target is the value to reach by its year: a figure is held to it only when every contract
// it rests on is dated, of that year or later. A total over several years, or a breakdown over
// all years, that begins earlier is not judged (target_met null), as a row of an earlier year is
// not; nor is one holding an undated contract, which may be of any year. Figures worked out by
// hand on the seed (tests/fixtures/indicators/seed.yaml).
//
// social_consideration_share needs the 2024 format, so its base holds the v2 contracts only:
// A-4 (v2.0.0), B-1, B-2 notified in 2024, A-5 in 2025 and B-3 without a date; the
// 2019-format contracts (C-1, C-2, C-3 of 2019, A-6 of 2024) are out of it. Filled: all but A-3
// (7); with a social consideration, B-1, A-5 (4). The definitions below ask for one
// contract at least, so that only the years decide whether a row is judged.
import { describe, expect, it } from "vitest";
import type { IndicatorDefinition } from "../../indicators/compiler/load.ts";
import { runIndicator } from "../../indicators/engine.ts";
import { definition } from "./helpers/catalogue.ts";
import { rowFor, useSeed } from "./helpers/seed-runs.ts";

const seed = useSeed();

/** The shipped definition with its target (30 % by 2025) moved to `target`, judged from N = 1. */
function withTarget(target: { value: number; year: number }): IndicatorDefinition {
  const shipped = definition("social_consideration_share");
  if (!shipped.target) throw new Error("social_consideration_share has no target");
  return { ...shipped, min_n: 1, target: { ...shipped.target, ...target } };
}

const run = (def: IndicatorDefinition, request: object = {}) =>
  runIndicator(seed.db().connection, def, request);

/** The answer is one row (a total), with these fields. */
function expectTotal(rows: readonly object[], fields: Record<string, unknown>): void {
  expect(rows).toEqual([expect.objectContaining(fields)]);
}

describe("a figure over several years and a target", () => {
  it("does not judge a total whose contracts begin before the target's year", async () => {
    const result = await run(withTarget({ value: 0.3, year: 2025 }));
    expect(result.columns).toContain("first_year");
    expectTotal(result.rows, {
      value: 4 / 7,
      n: 7,
      n_scope: 8,
      // Six contracts of 2024 and A-5 of 2025 (B-3 has no date): 4/7 is above 30 %, but it is
      // mostly 2024's figure, which the target set for 2025 does not hold to.
      first_year: 2024,
      last_year: 2025,
      n_undated: 1,
      target_met: null,
      // It begins before the target's year: said before its undated contract.
      target_not_judged: "years_before_target",
    });
  });

  it("judges a total of the target's year and after", async () => {
    const result = await run(withTarget({ value: 0.3, year: 2025 }), {
      filters: [{ dimension: "year", op: "gte", values: [2025] }],
    });
    // A-5 alone, with a social clause: 1/1. The year filter leaves out B-3, whose year is blank.
    expectTotal(result.rows, {
      value: 1,
      n: 1,
      first_year: 2025,
      last_year: 2025,
      n_undated: 0,
      target_met: true,
      target_not_judged: null,
    });
  });

  it("does not judge a total of the target's year that holds an undated contract", async () => {
    // « year != 2024 » keeps the contracts whose year is blank: A-5 (2025, with a social clause)
    // and B-3 (no date, filled, without one): 1/2. 50 % is above 30 %, but B-3 may be of 2019;
    // the old code judged it « atteinte » on its dated contracts' years alone.
    const result = await run(withTarget({ value: 0.3, year: 2025 }), {
      filters: [{ dimension: "year", op: "neq", values: [2024] }],
    });
    expect(result.columns).toContain("n_undated");
    expectTotal(result.rows, {
      value: 1 / 2,
      n: 2,
      n_scope: 2,
      first_year: 2025,
      last_year: 2025,
      n_undated: 1,
      target_met: null,
      target_not_judged: "undated_contracts",
    });
  });

  it("says too few contracts before undated ones, the more basic reason", async () => {
    // The same total of A-5 and B-3 (N = 2) held to a min N of 3: too few contracts to judge at
    // all, whatever their years; that comes first (the badge said the undated contract first).
    const result = await run(
      { ...withTarget({ value: 0.3, year: 2025 }), min_n: 3 },
      { filters: [{ dimension: "year", op: "neq", values: [2024] }] },
    );
    expectTotal(result.rows, {
      n: 2,
      n_undated: 1,
      flags: ["format_partial", "below_min_n"],
      target_met: null,
      target_not_judged: "below_min_n",
    });
  });

  it("judges a dated total against a target set for its first year, either way", async () => {
    // The 2019-format contracts are out of the base: the figure begins in 2024, not 2019. The
    // year filter leaves out B-3 (no date): 4/6, A-3 not filled.
    const from2024 = { filters: [{ dimension: "year", op: "gte", values: [2024] }] };
    const reached = await run(withTarget({ value: 0.3, year: 2024 }), from2024);
    expect(reached.rows[0]).toMatchObject({
      value: 4 / 6,
      first_year: 2024,
      last_year: 2025,
      n_undated: 0,
      target_met: true,
    });
    // 4/6 ≈ 67 % is short of 70 %.
    const missed = await run(withTarget({ value: 0.7, year: 2024 }), from2024);
    expect(missed.rows[0]).toMatchObject({ value: 4 / 6, target_met: false });
    // Without the filter, B-3 is in the total: its year unknown, the total is not judged (the
    // old code judged 4/7 « atteinte » against 30 % for 2024).
    const whole = await run(withTarget({ value: 0.3, year: 2024 }));
    expect(whole.rows[0]).toMatchObject({
      value: 4 / 7,
      n_undated: 1,
      target_met: null,
      target_not_judged: "undated_contracts",
    });
  });

  it("does not judge a région over all years that begins before the target's year", async () => {
    const result = await run(withTarget({ value: 0.3, year: 2025 }), { by: ["region"] });
    // Bretagne, A-4 (2024) and A-5 (2025); filled, three of
    // them with a social consideration. Île-de-France: B-1 (2024, réservé) and B-3 (undated).
    expect(rowFor(result.rows, "region", "53")).toMatchObject({
      value: 3 / 4,
      first_year: 2024,
      last_year: 2025,
      target_met: null,
      target_not_judged: "years_before_target",
    });
    expect(rowFor(result.rows, "region", "11")).toMatchObject({
      value: 1 / 2,
      first_year: 2024,
      last_year: 2024,
      n_undated: 1,
      target_met: null,
      target_not_judged: "years_before_target",
    });
    // Against a target set for 2024, both begin in its year: Bretagne, all dated, is judged;
    // Île-de-France is not, B-3's year being unknown (the old code said « non atteinte »).
    const judged = await run(withTarget({ value: 0.6, year: 2024 }), { by: ["region"] });
    expect(rowFor(judged.rows, "region", "53")).toMatchObject({
      n_undated: 0,
      target_met: true,
      target_not_judged: null,
    });
    expect(rowFor(judged.rows, "region", "11")).toMatchObject({
      n_undated: 1,
      target_met: null,
      target_not_judged: "undated_contracts",
    });
  });

  it("does not judge a row none of whose contracts is dated", async () => {
    // B-3, the one contract without a CPV code, has no notification date either: 0/1.
    const result = await run(withTarget({ value: 0.3, year: 2024 }), { by: ["cpv_division"] });
    expect(rowFor(result.rows, "cpv_division", null)).toMatchObject({
      value: 0,
      n: 1,
      first_year: null,
      last_year: null,
      n_undated: 1,
      target_met: null,
      target_not_judged: "none_dated",
    });
  });

  it("keeps judging a row of a year by its year", async () => {
    const result = await run(withTarget({ value: 0.3, year: 2025 }), { grain: "year" });
    expect(rowFor(result.rows, "year", 2024)).toMatchObject({
      first_year: 2024,
      last_year: 2024,
      target_met: null,
      target_not_judged: "period_before_target",
    });
    expect(rowFor(result.rows, "year", 2025)).toMatchObject({
      first_year: 2025,
      n_undated: 0,
      target_met: true,
    });
    expect(rowFor(result.rows, "year", null)).toMatchObject({
      first_year: null,
      n_undated: 1,
      target_met: null,
      target_not_judged: "none_dated",
    });
  });
});
