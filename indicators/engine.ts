// Runs an indicator: request → checked request → plan → SQL → rows with N, coverage and flags.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import type { IndicatorDefinition } from "./compiler/load.ts";
import type { Dialect } from "./compiler/dialect.ts";
import { getDefaultModel, type Model } from "./compiler/model.ts";
import { planQuery, type QueryPlan } from "./compiler/plan.ts";
import { renderSql, type CompiledQuery } from "./compiler/render-sql.ts";
import { validateRequest, type IndicatorRequest, type RequestInput } from "./compiler/request.ts";
import {
  labelColumn,
  measuredColumns,
  type IndicatorRow,
  type ResultPresence,
} from "./result-columns.ts";
import { finishRow } from "./result-rows.ts";
import { summarise, type IndicatorSummary } from "./summary.ts";

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
  const presence: ResultPresence = {
    parts: plan.measure.kind !== "aggregate",
    value_coverage: plan.published !== null,
    thresholds: definition.thresholds !== undefined,
    target: definition.target !== undefined,
  };
  const rows = raw.map((row) => finishRow(row, keys, definition, model, presence));
  const columns = keys.flatMap((key) => {
    const labelled = key.labelRef !== null || model.dimensions.get(key.name)?.values;
    return labelled ? [key.name, labelColumn(key.name)] : [key.name];
  });
  columns.push(...measuredColumns(presence));
  return { indicator: summarise(definition), request, columns, rows, query };
}
