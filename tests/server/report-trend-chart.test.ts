// The annual report's trend chart draws the SPASER trajectory as « Mon SPASER » states it: one
// point per year a target is set for, joined by a dashed line, beside the buyer's values. Checked
// on the spec (the trajectory layer holds each step's year and target) and on the SVG Vega draws
// (each step's point is there, labelled in French, and the year axis reaches every step), for the
// shipped Région Bretagne plan and for a trajectory of several steps.
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../indicators/index.ts";
import { loadPlans, type SpaserCatalogue } from "../../indicators/plans/load.ts";
import type { Step } from "../../indicators/plans/progress.ts";
import { toSvg, trendSpec } from "../../server/report/charts.ts";
import type { ReportIndicator } from "../../server/report/data.ts";
import { targetFor } from "../../server/report/targets.ts";

const BRETAGNE = "23350001600040";
const INDICATOR = "sme_advance_share";

const catalogue = loadCatalogue();
const definition = catalogue.definitions.find((d) => d.id === INDICATOR);
if (!definition) throw new Error(`${INDICATOR} missing from the catalogue`);
const shipped = loadPlans(catalogue);

/** The plans with Bretagne's target for the indicator set to `trajectory`. */
function withTrajectory(trajectory: Step[]): SpaserCatalogue {
  return {
    ...shipped,
    plans: shipped.plans.map((plan) => ({
      ...plan,
      targets: plan.targets.map((t) => (t.indicator === INDICATOR ? { ...t, trajectory } : t)),
    })),
  };
}

/** The report's indicator for `year`, with values of our own for 2021 and 2022. */
function indicator(plans: SpaserCatalogue, year: number): ReportIndicator {
  if (!definition) throw new Error("unreachable");
  const trend = [
    { year: 2021, value: 0.4, n: 12, n_scope: 12, coverage: 1 },
    { year: 2022, value: 0.45, n: 15, n_scope: 15, coverage: 1 },
  ];
  const target = targetFor(plans, definition, BRETAGNE, year);
  return {
    definition,
    value: 0.45,
    n: 15,
    n_scope: 15,
    coverage: 1,
    flags: [],
    previous: trend[0] ?? null,
    trend,
    target,
    notApplicable: null,
    status: !target
      ? "no_target"
      : !target.due
        ? "not_due"
        : 0.45 >= target.value
          ? "met"
          : "behind",
  };
}

interface Layer {
  data: { values: { year: number; target?: number }[] };
  encoding: { y: { field: string } };
}

/** The spec's trajectory, as [year, target] pairs, and the chart's SVG. */
async function drawn(ind: ReportIndicator, year: number) {
  const spec = trendSpec(ind, year);
  const layers = (spec as unknown as { layer: Layer[] }).layer;
  const trajectory = layers.filter((l) => l.encoding.y.field === "target");
  expect(trajectory).toHaveLength(1);
  const pairs = trajectory[0]?.data.values.map((v) => [v.year, v.target]);
  const svg = await toSvg(spec);
  const labels = [...svg.matchAll(/aria-label="Objectif (\d{4}) : ([^"]*)"/g)].map((m) => [
    Number(m[1]),
    m[2],
  ]);
  const axis = /for a discrete scale with \d+ values: ([^"]*)"/.exec(svg)?.[1] ?? "";
  return { pairs, labels, axisYears: axis.split(", ").map(Number) };
}

/** A share as the report writes it, worked out here: 0.45 → « 45 % ». */
const percent = (v: number) => `${String(Math.round(v * 100))}\u00a0%`;

const years = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("the report's trend chart", () => {
  it("draws the shipped Bretagne target (50 % from 2022) as its trajectory", async () => {
    const ind = indicator(shipped, 2021);
    expect(ind.target?.trajectory).toEqual([{ year: 2022, value: 0.5 }]);
    const { pairs, labels, axisYears } = await drawn(ind, 2021);
    expect(pairs).toEqual([[2022, 0.5]]);
    expect(new Set(labels.map(([y, v]) => `${String(y)} ${String(v)}`))).toEqual(
      new Set([`2022 ${percent(0.5)}`]),
    );
    expect(axisYears).toEqual(years(2021, 2022));
  });

  it("draws every step of a trajectory, before and after the report's year", async () => {
    const steps = [
      { year: 2022, value: 0.3 },
      { year: 2024, value: 0.4 },
      { year: 2026, value: 0.55 },
    ];
    const ind = indicator(withTrajectory(steps), 2024);
    expect(ind.target?.value).toBe(0.4);
    const { pairs, labels, axisYears } = await drawn(ind, 2024);
    expect(pairs).toEqual(steps.map((s) => [s.year, s.value]));
    // One point per step (its line may repeat a label): each year with its target, none other.
    expect(new Set(labels.map(([y, v]) => `${String(y)} ${String(v)}`))).toEqual(
      new Set(steps.map((s) => `${String(s.year)} ${percent(s.value)}`)),
    );
    expect(axisYears).toEqual(years(2021, 2026));
  });

  it("draws no trajectory where no target applies", async () => {
    const spec = trendSpec({ ...indicator(shipped, 2021), target: null }, 2022);
    const layers = (spec as unknown as { layer: Layer[] }).layer;
    expect(layers.map((l) => l.encoding.y.field)).toEqual(["value"]);
    expect(await toSvg(spec)).not.toContain("Objectif");
  });
});
