// The order of the reasons a row gets no verdict (indicators/result-rows.ts): the engine names the
// first that holds, and the dashboard words that one code. The figure's own reasons come first
// (a figure too small to judge at all says so before anything about its years), in
// FIGURE_NOT_JUDGED's order, then the target's years, in TARGET_NOT_JUDGED's order.
import { describe, expect, it } from "vitest";
import { FIGURE_NOT_JUDGED, TARGET_NOT_JUDGED } from "../../indicators/result-columns.ts";
import {
  figureNotJudged,
  targetYearsNotJudged,
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

  it("name the target's years after the figure's reasons", () => {
    expect(TARGET_NOT_JUDGED.slice(0, FIGURE_NOT_JUDGED.length)).toEqual([...FIGURE_NOT_JUDGED]);
  });

  it("say a period or years before the target's before undated contracts, and none dated", () => {
    expect(targetYearsNotJudged(dated)).toBeNull();
    // A total from 2019 holding undated contracts: its earlier years are said.
    expect(targetYearsNotJudged({ ...dated, firstYear: 2019, undated: 3 })).toBe(
      "years_before_target",
    );
    expect(targetYearsNotJudged({ ...dated, hasPeriod: true, periodYear: 2024 })).toBe(
      "period_before_target",
    );
    expect(targetYearsNotJudged({ ...dated, undated: 1 })).toBe("undated_contracts");
    // A total none of whose contracts is dated, and the row of the undated ones.
    expect(targetYearsNotJudged({ ...dated, firstYear: null, undated: 4 })).toBe("none_dated");
    expect(targetYearsNotJudged({ ...dated, hasPeriod: true, periodYear: null, undated: 4 })).toBe(
      "none_dated",
    );
    // A period of the target's year is judged by its year, whatever its first contract's.
    expect(
      targetYearsNotJudged({ ...dated, hasPeriod: true, periodYear: 2025, firstYear: 2019 }),
    ).toBeNull();
  });
});
