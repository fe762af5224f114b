// Turns raw SQL rows into result rows that carry their honesty: N (the contracts the figure is
// computed on), the contracts in scope, coverage (and coverage in value for sums of amounts),
// flags for small N, low coverage and missing formats, and a threshold status and target check
// that respect polarity.
import type { JsonValue, Row } from "../lib/duckdb.ts";
import type { IndicatorDefinition } from "./compiler/load.ts";
import type { Model } from "./compiler/model.ts";
import type { PlanKey } from "./compiler/plan.ts";
import {
  labelColumn,
  type IndicatorRow,
  type ResultPresence,
  type RowFlag,
  type Status,
} from "./result-columns.ts";

const num = (value: JsonValue | undefined): number | null =>
  typeof value === "number" ? value : null;

export function finishRow(
  raw: Row,
  keys: readonly PlanKey[],
  definition: IndicatorDefinition,
  model: Model,
  presence: ResultPresence,
): IndicatorRow {
  const n = num(raw.n) ?? 0;
  const total = num(raw._total) ?? 0;
  const formatN = num(raw._format_n) ?? 0;
  const coverage = num(raw.coverage);
  const flags: RowFlag[] = [];
  const needsFormat = definition.requires_format !== "any";
  const formatMissing = needsFormat && formatN === 0;
  if (formatMissing) flags.push("format_not_available");
  else if (needsFormat && formatN < total) flags.push("format_partial");
  const small = n < definition.min_n;
  if (small) flags.push("below_min_n");
  if (coverage !== null && coverage < definition.min_coverage) flags.push("low_coverage");
  // With no contract in the needed format, even a count of 0 would read as a measurement.
  const value = formatMissing ? null : num(raw.value);

  // Built once, in the order of the answer: keys (and labels), then the measured columns in the
  // order of result-columns.ts (engine.ts lists the same columns from there).
  // (Result tables reach 150,000 rows: no intermediate copies.)
  const row: Record<string, JsonValue> = {};
  for (const key of keys) {
    const code = raw[key.name] ?? null;
    row[key.name] = code;
    const labelKey = labelColumn(key.name);
    const known = model.dimensions.get(key.name)?.values;
    if (known) row[labelKey] = known.find((v) => v.code === code)?.label ?? null;
    else if (key.labelRef) row[labelKey] = raw[labelKey] ?? null;
  }
  row.value = value;
  row.n = n;
  row.n_scope = num(raw.n_scope) ?? 0;
  if (presence.parts) {
    row.numerator = formatMissing ? null : num(raw.numerator);
    row.denominator = formatMissing ? null : num(raw.denominator);
  }
  row.coverage = coverage;
  if (presence.value_coverage) row.coverage_value = num(raw.coverage_value);
  row.flags = flags;
  // Colours and targets are not given on small N: a reason to look closer, not a verdict.
  const judged = value !== null && !small;
  if (presence.thresholds) row.status = judged ? thresholdStatus(definition, value) : null;
  if (presence.target) row.target_met = judged ? targetMet(definition, value) : null;
  return row as IndicatorRow;
}

type Bound = { op: "lt" | "lte" | "gt" | "gte"; value: number };

function matches(value: number, bound: Bound): boolean {
  switch (bound.op) {
    case "lt":
      return value < bound.value;
    case "lte":
      return value <= bound.value;
    case "gt":
      return value > bound.value;
    case "gte":
      return value >= bound.value;
  }
}

export function thresholdStatus(definition: IndicatorDefinition, value: number): Status | null {
  const t = definition.thresholds;
  if (!t) return null;
  if (t.green && matches(value, t.green)) return "green";
  if (t.red && matches(value, t.red)) return "red";
  return "yellow";
}

export function targetMet(definition: IndicatorDefinition, value: number): boolean | null {
  const target = definition.target;
  if (!target) return null;
  if (definition.polarity === "higher_is_better") return value >= target.value;
  if (definition.polarity === "lower_is_better") return value <= target.value;
  return null;
}
