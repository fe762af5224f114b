// Runs an indicator: request → checked request → plan → SQL → rows with N, coverage and flags.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryColumns } from "../lib/query-stream.ts";
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
import { rowFinisher } from "./result-rows.ts";
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

/** A result whose rows arrive in chunks, as DuckDB produces them (streamIndicator). */
export interface IndicatorStream extends Omit<IndicatorResult, "rows"> {
  /** The plan's keys (breakdowns, grain, a mix's category), for limits and labels. */
  plan: QueryPlan;
  rows: AsyncIterable<IndicatorRow[]>;
}

export interface StreamOptions extends RunOptions {
  /** Interrupts the query when aborted (the client left, or its time ran out). */
  signal?: AbortSignal;
}

/**
 * Checks and compiles the request, then runs it when its rows are read: chunk by chunk, each
 * finished (flags, status) as it comes, so that no step holds the main thread for a whole result.
 */
export function streamIndicator(
  connection: DuckDBConnection,
  definition: IndicatorDefinition,
  input: RequestInput = {},
  options: StreamOptions = {},
): IndicatorStream {
  const model = options.model ?? getDefaultModel();
  const { request, plan, query } = compileIndicator(definition, input, { model });
  const keys = plan.measure.kind === "mix" ? [...plan.keys, plan.measure.category] : plan.keys;
  const presence: ResultPresence = {
    parts: plan.measure.kind !== "aggregate",
    value_coverage: plan.published !== null,
    thresholds: definition.thresholds !== undefined,
    target: definition.target !== undefined,
  };
  const columns = keys.flatMap((key) => {
    const labelled = key.labelRef !== null || model.dimensions.get(key.name)?.values;
    return labelled ? [key.name, labelColumn(key.name)] : [key.name];
  });
  columns.push(...measuredColumns(presence));
  const finish = rowFinisher(keys, definition, model, presence);
  async function* rows(): AsyncGenerator<IndicatorRow[]> {
    for await (const chunk of queryColumns(connection, query.sql, query.params, options.signal)) {
      yield finish(chunk);
    }
  }
  return { indicator: summarise(definition), request, columns, rows: rows(), query, plan };
}

export async function runIndicator(
  connection: DuckDBConnection,
  definition: IndicatorDefinition,
  input: RequestInput = {},
  options: StreamOptions = {},
): Promise<IndicatorResult> {
  const stream = streamIndicator(connection, definition, input, options);
  const rows: IndicatorRow[] = [];
  for await (const chunk of stream.rows) rows.push(...chunk);
  const { indicator, request, columns, query } = stream;
  return { indicator, request, columns, rows, query };
}
