// A target's year and the one status of a figure against it. Pure functions, so that the page,
// the API and the tests agree on one rule: the status is the first that holds of
//   not_applicable  the indicator does not apply to the buyer (plans/applies.ts, from the model:
//                   a share « dans le département de l'acheteur » for a Région), whatever its N;
//   no_2024_format  the indicator needs the 2024 format and none of the year's contracts has it;
//   no_contract     no contract of the year is concerned (no figure, or n_scope 0): nothing to
//                   measure, which « trop peu de marchés » would misread as a small sample;
//   unknown         contracts are concerned but none of them has the information the figure needs
//                   (N = 0, coverage 0: e.g. a source that does not publish the field): not a
//                   small sample, which a buyer could read as « a few more contracts and we'd know »;
//   too_few         no value, or fewer contracts than the indicator's minimum N;
//   little_known    the field is filled in fewer of the contracts than the indicator's minimum
//                   coverage: the figure says too little of the others to judge;
//   not_due         no step of the trajectory is set for the year or before it: a target set for
//                   2025 says nothing of 2021, which gets its distance to it and no verdict;
//   met / behind    the value reaches the step in force (in the indicator's direction) or not.
// One status per figure: a page never shows two badges that contradict each other.
import { z } from "zod";
import type { RowFlag } from "../result-columns.ts";

export const SPASER_STATUSES = [
  "met",
  "behind",
  "not_applicable",
  "no_2024_format",
  "no_contract",
  "unknown",
  "too_few",
  "little_known",
  "not_due",
] as const;
export type SpaserStatus = (typeof SPASER_STATUSES)[number];
export const SpaserStatusSchema = z.enum(SPASER_STATUSES);

export interface Step {
  year: number;
  value: number;
}

/**
 * The step a year is measured against. A step is the value to reach by its year: it applies to
 * that year and the following ones until the next step (after the last, the last one), never to
 * the years before it — judging 2021 against a target set for 2025 would call « en retard » a
 * buyer that still has four years to get there. A year before the first step gets the first step
 * with `due: false`: its distance to it is shown, without a verdict.
 */
export function stepFor(
  trajectory: readonly Step[],
  year: number,
): { step: Step; due: boolean } | null {
  const inForce = [...trajectory].reverse().find((s) => s.year <= year);
  if (inForce) return { step: inForce, due: true };
  const first = trajectory[0];
  return first ? { step: first, due: false } : null;
}

export interface Figure {
  value: number | null;
  /** Contracts the figure is computed on (the information it needs is known). */
  n: number;
  /** Contracts the indicator concerns, known or not. */
  n_scope: number;
  flags: readonly RowFlag[];
}

export interface StatusInput {
  polarity: "higher_is_better" | "lower_is_better" | "neutral";
  requiresFormat: "any" | "v2";
  /** The year's figure, or null when the engine gave no row (no contract in its base). */
  figure: Figure | null;
  /** Contracts of the year in the 2024 format (whatever the indicator's scope). */
  contracts2024: number;
  target: number;
  /** Whether the target's step applies to the year (stepFor): false before its first year. */
  due: boolean;
  /** Why the indicator does not apply to the buyer (plans/applies.ts), null when it does. */
  notApplicable: string | null;
}

/** The statuses that say why a figure has no value to read, whatever its target. */
export type FigureStatus = Exclude<SpaserStatus, "met" | "behind" | "not_due" | "little_known">;

/**
 * Why the figure itself cannot be read, or null when it can: the first statuses of the rule,
 * which need no target (little_known does: it says the figure is too little known to judge it
 * against one). The annual report reads this for the indicators that have none.
 */
export function figureStatus(
  input: Pick<StatusInput, "requiresFormat" | "figure" | "contracts2024" | "notApplicable">,
): FigureStatus | null {
  const { figure } = input;
  if (input.notApplicable !== null) return "not_applicable";
  if (
    input.requiresFormat === "v2" &&
    (input.contracts2024 === 0 || figure?.flags.includes("format_not_available"))
  )
    return "no_2024_format";
  if (!figure || figure.n_scope === 0) return "no_contract";
  // Not a small sample either (the engine flags no such row below_min_n or low_coverage).
  if (figure.n === 0) return "unknown";
  if (figure.value === null || figure.flags.includes("below_min_n")) return "too_few";
  return null;
}

export function spaserStatus(input: StatusInput): SpaserStatus {
  const { figure } = input;
  const notJudged = figureStatus(input);
  // figureStatus is null only for a figure with a value: the two last tests are for the types.
  if (notJudged !== null || !figure || figure.value === null) return notJudged ?? "too_few";
  if (figure.flags.includes("low_coverage")) return "little_known";
  if (!input.due) return "not_due";
  const met =
    input.polarity === "lower_is_better"
      ? figure.value <= input.target
      : figure.value >= input.target;
  return met ? "met" : "behind";
}

/** A target as the status needs it: its value and whether its step applies to the year. */
export interface DueTarget {
  value: number;
  due: boolean;
}

/**
 * The status of a figure whose indicator may have no target (the annual report shows every
 * responsible-purchasing indicator): what the figure says first, then no_target, then the rule
 * of spaserStatus. A figure without a target is judged against nothing: too little known to
 * judge is no news there (its low coverage is said as a flag).
 */
export function statusOrNoTarget(
  input: Omit<StatusInput, "target" | "due">,
  target: DueTarget | null,
): SpaserStatus | "no_target" {
  const notJudged = figureStatus(input);
  if (notJudged !== null) return notJudged;
  if (!target) return "no_target";
  return spaserStatus({ ...input, target: target.value, due: target.due });
}
