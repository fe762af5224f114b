// Turns raw SQL rows into result rows that carry their honesty: N (the contracts the figure is
// computed on), the contracts in scope, coverage (and coverage in value for sums of amounts),
// flags for small N, low coverage and missing formats, and a threshold status and target check
// that respect polarity.
import type { JsonValue } from "../lib/duckdb.ts";
import type { ColumnChunk } from "../lib/query-stream.ts";
import type { IndicatorDefinition } from "./compiler/load.ts";
import type { Model } from "./compiler/model.ts";
import type { PlanKey } from "./compiler/plan.ts";
import { GRAINS } from "./compiler/request-schema.ts";
import {
  labelColumn,
  NOTHING_TO_JUDGE,
  type FigureNotJudged,
  type IndicatorRow,
  type ResultPresence,
  type RowFlag,
  type Status,
  type TargetNotJudged,
} from "./result-columns.ts";

const num = (value: JsonValue | undefined): number | null =>
  typeof value === "number" ? value : null;

const NONE: readonly JsonValue[] = [];

/** A key of the answer: its column, and where its label comes from (the model's codes, or SQL). */
interface KeyColumn {
  name: string;
  label: string;
  /** Code → label, for a dimension whose values the model lists. */
  known: Map<JsonValue, string> | null;
  /** The label is a column of the SQL result. */
  fromSql: boolean;
}

/**
 * Turns each chunk of the SQL result (column by column, lib/query-stream.ts) into the answer's
 * rows, each built once in the answer's order. Made once per request: the labels of coded
 * dimensions are looked up in a map, not searched for each row.
 */
export function rowFinisher(
  keys: readonly PlanKey[],
  definition: IndicatorDefinition,
  model: Model,
  presence: ResultPresence,
): (chunk: ColumnChunk) => IndicatorRow[] {
  const keyColumns: KeyColumn[] = keys.map((key) => {
    const values = model.dimensions.get(key.name)?.values;
    return {
      name: key.name,
      label: labelColumn(key.name),
      known: values ? new Map<JsonValue, string>(values.map((v) => [v.code, v.label])) : null,
      fromSql: Boolean(key.labelRef),
    };
  });
  const needsFormat = definition.requires_format !== "any";
  // The row's period, whose year a target holds to (targetNotJudged).
  const period = keyColumns.findIndex((k) => PERIOD_KEYS.has(k.name));
  const targetYear = definition.target?.year ?? null;
  return ({ rowCount, columns }) => {
    const column = (name: string) => columns[name] ?? NONE;
    const keyValues = keyColumns.map((key) => column(key.name));
    const keyLabels = keyColumns.map((key) => column(key.label));
    const [ns, totals, formatNs, coverages, values] = [
      "n",
      "_total",
      "_format_n",
      "coverage",
      "value",
    ].map(column);
    const [scopes, numerators, denominators, valueCoverages, firstYears, lastYears, undatedNs] = [
      "n_scope",
      "numerator",
      "denominator",
      "coverage_value",
      "first_year",
      "last_year",
      "n_undated",
    ].map(column);
    const rows = new Array<IndicatorRow>(rowCount);
    for (let r = 0; r < rowCount; r++) {
      const n = num(ns[r]) ?? 0;
      const total = num(totals[r]) ?? 0;
      const formatN = num(formatNs[r]) ?? 0;
      const coverage = num(coverages[r]);
      const flags: RowFlag[] = [];
      // A row without any contract in the indicator's scope (a filter that matches none) is not
      // « few contracts » nor « not in the 2024 format »: it has nothing to warn about.
      const empty = total === 0;
      const formatMissing = needsFormat && formatN === 0 && !empty;
      if (formatMissing) flags.push("format_not_available");
      else if (needsFormat && formatN < total) flags.push("format_partial");
      // With no contract in the needed format, even a count of 0 would read as a measurement.
      const value = formatMissing ? null : num(values[r]);
      const small = n < definition.min_n;
      const littleKnown = coverage !== null && coverage < definition.min_coverage;
      // « Interpret with caution » is said of a figure: a row without one (no value, or N = 0:
      // no contract has the information) has nothing to interpret, and « few contracts » beside
      // « not in the 2024 format » on one empty cell read as two contradicting reasons. Its N,
      // coverage and the reason it is not judged (figureNotJudged) say why it is empty.
      const figure = value !== null && n > 0;
      if (small && !empty && figure) flags.push("below_min_n");
      if (littleKnown && figure) flags.push("low_coverage");

      // In the order of the answer: keys (and labels), then the measured columns in the order of
      // result-columns.ts (engine.ts lists the same columns from there).
      const row: Record<string, JsonValue> = {};
      for (let k = 0; k < keyColumns.length; k++) {
        const key = keyColumns[k];
        const code = keyValues[k][r] ?? null;
        row[key.name] = code;
        if (key.known) row[key.label] = key.known.get(code) ?? null;
        else if (key.fromSql) row[key.label] = keyLabels[k][r] ?? null;
      }
      row.value = value;
      row.n = n;
      row.n_scope = num(scopes[r]) ?? 0;
      if (presence.parts) {
        row.numerator = formatMissing ? null : num(numerators[r]);
        row.denominator = formatMissing ? null : num(denominators[r]);
      }
      row.coverage = coverage;
      if (presence.value_coverage) row.coverage_value = num(valueCoverages[r]);
      row.flags = flags;
      // Colours and targets are not given on small N, nor on a field filled in too few of the
      // contracts (73,6 % « atteint » on 0,4 % of them would say nothing of the others): a reason
      // to look closer, not a verdict. The reason is given with the null, so that no reader works
      // it out again from the flags.
      const unjudged = figureNotJudged({ formatMissing, value, empty, small, littleKnown });
      if (presence.thresholds) {
        row.status =
          unjudged === null && value !== null ? thresholdStatus(definition, value) : null;
        row.status_not_judged = unjudged;
      }
      if (presence.target) {
        const firstYear = num(firstYears[r]);
        row.first_year = firstYear;
        row.last_year = num(lastYears[r]);
        const undated = num(undatedNs[r]) ?? 0;
        row.n_undated = undated;
        const reason = targetNotJudged(unjudged, {
          hasPeriod: period >= 0,
          periodYear: period >= 0 ? periodYear(keyValues[period][r]) : null,
          firstYear,
          undated,
          targetYear,
        });
        row.target_met = reason === null && value !== null ? targetMet(definition, value) : null;
        row.target_not_judged = reason;
      }
      rows[r] = row as IndicatorRow;
    }
    return rows;
  };
}

/** What decides whether a figure can be judged at all, against thresholds or a target. */
export interface FigureFacts {
  formatMissing: boolean;
  value: number | null;
  /** No contract in the indicator's scope. */
  empty: boolean;
  small: boolean;
  littleKnown: boolean;
}

/** Why a figure gets no verdict, the first reason that holds (FIGURE_NOT_JUDGED's order). */
export function figureNotJudged(f: FigureFacts): FigureNotJudged | null {
  if (f.formatMissing) return "format_not_available";
  // A row without any contract in scope has no value either: « aucun marché concerné » says more
  // than « pas de valeur » (the loi Climat's card before 21 August 2026 said the latter). It has
  // N = 0, below min N, but « few contracts » is not said of it (nothing to warn about).
  if (f.empty) return "no_contract";
  if (f.value === null) return "no_value";
  if (f.small) return "below_min_n";
  if (f.littleKnown) return "low_coverage";
  return null;
}

/** The years of a row, against the year of the target. */
export interface RowYears {
  /** The row is of a year, quarter or month (a time grain, or a year key). */
  hasPeriod: boolean;
  /** That period's year; null on the row of contracts without a date. */
  periodYear: number | null;
  /** The first notification year of the row's dated contracts; null when none is dated. */
  firstYear: number | null;
  /** The row's contracts without a notification date. */
  undated: number;
  targetYear: number | null;
}

/**
 * Why a row is not held to the target, the first reason that holds (TARGET_NOT_JUDGED's order),
 * given the figure's own (figureNotJudged). A figure with nothing to judge (no value, no
 * contract) says so first: the page shows it as « pas de donnée », and its years would not
 * explain that. A target is the value to reach by its year: a row of an earlier period is not
 * judged against it (as « Mon SPASER » and the annual report do not judge it), nor a row without
 * a period whose contracts begin before that year (a total over 2019–2025, a région over all
 * years mixes years the target does not hold to): no figure of those years is held to it
 * however many contracts it has. Then too few contracts (or too little known) to judge at all,
 * before what is unknown of its years: contracts without a date beside dated ones (they may be
 * of any year, and a verdict would rest on them as if they were of the target's), or no
 * contract dated (a total, or the period « unknown »).
 */
export function targetNotJudged(
  figure: FigureNotJudged | null,
  y: RowYears,
): TargetNotJudged | null {
  if (y.targetYear === null) return figure;
  if (figure !== null && (NOTHING_TO_JUDGE as readonly string[]).includes(figure)) return figure;
  const fromYear = y.hasPeriod ? y.periodYear : y.firstYear;
  if (fromYear !== null && fromYear < y.targetYear) {
    return y.hasPeriod ? "period_before_target" : "years_before_target";
  }
  if (figure !== null) return figure;
  // Only a row without a period, or the period « unknown » (none dated), holds undated ones.
  if (fromYear === null) return "none_dated";
  if (y.undated > 0) return "undated_contracts";
  return null;
}

/** The keys of a time grain: a year (2024), a quarter (« 2024-Q2 ») or a month (« 2024-05 »). */
const PERIOD_KEYS = new Set<string>(GRAINS);

/** The year of a period key; null when it has none (a row of contracts without a date). */
function periodYear(value: JsonValue | undefined): number | null {
  if (typeof value === "number") return value;
  const year = typeof value === "string" ? /^(\d{4})/.exec(value)?.[1] : undefined;
  return year === undefined ? null : Number(year);
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
