// The order of the reasons a row gets no verdict (indicators/result-rows.ts): the engine names the
// first that holds, and the dashboard words that one code. The figure's own reasons in
// FIGURE_NOT_JUDGED's order; for the target (TARGET_NOT_JUDGED), nothing to judge first (no value,
// no contract), then years it does not hold to, then too few contracts (or too little known) to
// judge at all, then what is unknown of its years.
import { describe, expect, it } from "vitest";
import {
  FIGURE_NOT_JUDGED,
  NOTHING_TO_JUDGE,
  TARGET_NOT_JUDGED,
  TOO_LITTLE_TO_JUDGE,
} from "../../indicators/result-columns.ts";
import {
  figureNotJudged,
  targetNotJudged,
  type FigureFacts,
  type RowYears,
} from "../../indicators/result-rows.ts";

const judged: FigureFacts = {
  formatMissing: false,
  value: 0.5,
  empty: false,
  small: false,
  littleKnown: false,
};

/** Each reason of the figure, from the facts that make it hold alone. */
const FIGURE_FACTS: Record<(typeof FIGURE_NOT_JUDGED)[number], Partial<FigureFacts>> = {
  format_not_available: { formatMissing: true, value: null },
  no_value: { value: null },
  no_contract: { empty: true, small: true },
  below_min_n: { small: true },
  low_coverage: { littleKnown: true },
};

const dated: RowYears = {
  hasPeriod: false,
  periodYear: null,
  firstYear: 2025,
  undated: 0,
  targetYear: 2025,
};

describe("the reasons a row is not judged", () => {
  it("name the figure's first reason that holds, in the declared order", () => {
    expect(figureNotJudged(judged)).toBeNull();
    FIGURE_NOT_JUDGED.forEach((reason, i) => {
      // This reason together with every later one: this one is said.
      const facts = Object.assign(
        { ...judged },
        ...FIGURE_NOT_JUDGED.slice(i)
          .reverse()
          .map((r) => FIGURE_FACTS[r]),
      ) as FigureFacts;
      expect(figureNotJudged(facts), reason).toBe(reason);
    });
  });

  it("say a row without any contract in scope as such, not as « no value »", () => {
    // What a row of no contract is in fact: no value, N = 0 (below min N), nothing in scope. The
    // loi Climat's card before 21 August 2026 read « pas de valeur » where none is concerned.
    const none: FigureFacts = { ...judged, value: null, empty: true, small: true };
    expect(figureNotJudged(none)).toBe("no_contract");
    expect(figureNotJudged({ ...none, empty: false })).toBe("no_value");
  });

  it("declare nothing to judge before the target's earlier years, too little after them", () => {
    expect(TARGET_NOT_JUDGED).toEqual([
      ...NOTHING_TO_JUDGE,
      "period_before_target",
      "years_before_target",
      ...TOO_LITTLE_TO_JUDGE,
      "undated_contracts",
      "none_dated",
    ]);
  });

  it("say too few contracts before undated ones, earlier years before too few", () => {
    expect(targetNotJudged(null, dated)).toBeNull();
    // A figure of the target's year, too small, holding undated contracts: the basic reason.
    expect(targetNotJudged("below_min_n", { ...dated, undated: 2 })).toBe("below_min_n");
    expect(targetNotJudged("low_coverage", { ...dated, firstYear: null, undated: 2 })).toBe(
      "low_coverage",
    );
    // Nothing to judge is said before the years: the page shows « pas de donnée ».
    expect(targetNotJudged("no_value", { ...dated, firstYear: 2024 })).toBe("no_value");
    expect(
      targetNotJudged("format_not_available", { ...dated, hasPeriod: true, periodYear: 2019 }),
    ).toBe("format_not_available");
    // Years the target does not hold to, whatever else the figure lacks.
    expect(targetNotJudged("below_min_n", { ...dated, firstYear: 2019, undated: 3 })).toBe(
      "years_before_target",
    );
    expect(targetNotJudged("low_coverage", { ...dated, hasPeriod: true, periodYear: 2024 })).toBe(
      "period_before_target",
    );
    // A figure that could be judged but for its years.
    expect(targetNotJudged(null, { ...dated, undated: 1 })).toBe("undated_contracts");
    // A total none of whose contracts is dated, and the row of the undated ones.
    expect(targetNotJudged(null, { ...dated, firstYear: null, undated: 4 })).toBe("none_dated");
    expect(targetNotJudged(null, { ...dated, hasPeriod: true, periodYear: null, undated: 4 })).toBe(
      "none_dated",
    );
    // A period of the target's year is judged by its year, whatever its first contract's.
    expect(
      targetNotJudged(null, { ...dated, hasPeriod: true, periodYear: 2025, firstYear: 2019 }),
    ).toBeNull();
  });
});
