// Runs an indicator: request → checked request → plan → SQL → rows with N, coverage and flags.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import type { IndicatorDefinition } from "./compiler/load.ts";
import type { Dialect } from "./compiler/dialect.ts";
import { getDefaultModel, type Model } from "./compiler/model.ts";
import { planQuery, type QueryPlan } from "./compiler/plan.ts";
import { renderSql, type CompiledQuery } from "./compiler/render-sql.ts";
import { validateRequest, type IndicatorRequest, type RequestInput } from "./compiler/request.ts";
import { finishRow, type IndicatorRow } from "./result-rows.ts";

export const UNIT_LABELS: Record<IndicatorDefinition["unit"], string> = {
  contracts: "marchés",
  euros: "euros",
  share: "part",
  days: "jours",
  months: "mois",
  offers: "offres",
  buyers: "acheteurs",
};

/** What a result says about its indicator: everything but the measure's internals. */
export type IndicatorSummary = Omit<IndicatorDefinition, "measure" | "scope" | "file"> & {
  unit_label: string;
};

export interface IndicatorResult {
  indicator: IndicatorSummary;
  request: IndicatorRequest;
  /** Column names of the rows, in order (also when there is no row). */
  columns: string[];
  rows: IndicatorRow[];
  query: CompiledQuery;
}

export interface RunOptions {
  model?: Model;
  /** SQL dialect of compileIndicator's text: DuckDB, or SQLite for the benchmark's comparison. */
  dialect?: Dialect;
}

export function summarise(definition: IndicatorDefinition): IndicatorSummary {
  const summary: Record<string, unknown> = {
    ...definition,
    unit_label: UNIT_LABELS[definition.unit],
  };
  // The measure and scope are the engine's business; the formula says them in words.
  for (const internal of ["measure", "scope", "file"]) delete summary[internal];
  return summary as IndicatorSummary;
}

/** Checks the request and compiles it, without running anything. */
export function compileIndicator(
  definition: IndicatorDefinition,
  input: RequestInput,
  options: RunOptions = {},
): { request: IndicatorRequest; plan: QueryPlan; query: CompiledQuery } {
  const model = options.model ?? getDefaultModel();
  const request = validateRequest(definition, model, input);
  const plan = planQuery(definition, request, model);
  return { request, plan, query: renderSql(plan, options.dialect) };
}

export async function runIndicator(
  connection: DuckDBConnection,
  definition: IndicatorDefinition,
  input: RequestInput = {},
  options: RunOptions = {},
): Promise<IndicatorResult> {
  const model = options.model ?? getDefaultModel();
  const { request, plan, query } = compileIndicator(definition, input, { model });
  const raw = await queryRows(connection, query.sql, query.params);
  const keys = plan.measure.kind === "mix" ? [...plan.keys, plan.measure.category] : plan.keys;
  const shape = {
    hasParts: plan.measure.kind !== "aggregate",
    hasValueCoverage: plan.published !== null,
  };
  const rows = raw.map((row) => finishRow(row, keys, definition, model, shape));
  const columns = keys.flatMap((key) => {
    const labelled = key.labelRef !== null || model.dimensions.get(key.name)?.values;
    return labelled ? [key.name, `${key.name}_label`] : [key.name];
  });
  columns.push(
    "value",
    "n",
    "n_scope",
    ...(shape.hasParts ? ["numerator", "denominator"] : []),
    "coverage",
    ...(shape.hasValueCoverage ? ["coverage_value"] : []),
    "flags",
  );
  if (definition.thresholds) columns.push("status");
  if (definition.target) columns.push("target_met");
  return { indicator: summarise(definition), request, columns, rows, query };
}
