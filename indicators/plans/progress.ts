// A target's year and the one status of a figure against it. Pure functions, so that the page,
// the API and the tests agree on one rule: the status is the first that holds of
//   no_2024_format  the indicator needs the 2024 format and none of the year's contracts has it;
//   too_few         no figure, or fewer contracts than the indicator's minimum N;
//   little_known    the field is filled in fewer of the contracts than the indicator's minimum
//                   coverage: the figure says too little of the others to judge;
//   met / behind    the value reaches the target (in the indicator's direction) or not.
// One status per figure: a page never shows two badges that contradict each other.
import { z } from "zod";
import type { RowFlag } from "../result-columns.ts";

export const SPASER_STATUSES = [
  "met",
  "behind",
  "no_2024_format",
  "too_few",
  "little_known",
] as const;
export type SpaserStatus = (typeof SPASER_STATUSES)[number];
export const SpaserStatusSchema = z.enum(SPASER_STATUSES);

export interface Step {
  year: number;
  value: number;
}

/**
 * The target a year is measured against: the value set for that year, else the next one the
 * trajectory sets (the milestone being worked towards), else, after the last, the last one.
 */
export function targetForYear(trajectory: readonly Step[], year: number): Step | null {
  return trajectory.find((s) => s.year >= year) ?? trajectory.at(-1) ?? null;
}

export interface Figure {
  value: number | null;
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
}

export function spaserStatus(input: StatusInput): SpaserStatus {
  const { figure } = input;
  if (
    input.requiresFormat === "v2" &&
    (input.contracts2024 === 0 || figure?.flags.includes("format_not_available"))
  )
    return "no_2024_format";
  if (!figure || figure.value === null || figure.flags.includes("below_min_n")) return "too_few";
  if (figure.flags.includes("low_coverage")) return "little_known";
  const met =
    input.polarity === "lower_is_better"
      ? figure.value <= input.target
      : figure.value >= input.target;
  return met ? "met" : "behind";
}
