// How many values each dimension takes in a snapshot, and what that bounds before a request runs:
// the groups of a breakdown (the product of its dimensions' values) and the rows of its answer.
// A snapshot never changes, so the server counts once per snapshot and checks every request
// against the counts, refusing an absurd breakdown before DuckDB spends anything on it.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryAll } from "../lib/query-stream.ts";
import { TABLES } from "./compiler/canonical.ts";
import { duckdb } from "./compiler/dialect.ts";
import { CONTRACT_ALIAS } from "./compiler/model-columns.ts";
import type { Model } from "./compiler/model.ts";
import type { PlanKey, QueryPlan } from "./compiler/plan.ts";
import { Params, renderExpr } from "./compiler/render-expr.ts";
import type { IndicatorRequest } from "./compiler/request.ts";
import type { ScalarValue } from "./compiler/sql-ast.ts";

/** Distinct values of each dimension over every contract, a blank counting as one value. */
export type Cardinalities = ReadonlyMap<string, number>;

/** The SQL counting every dimension's values at once (one scan of the contracts). */
export function cardinalitySql(model: Model): { sql: string; params: ScalarValue[] } {
  const params = new Params(duckdb);
  const q = duckdb.quoteIdentifier;
  const dimensions = [...model.dimensions.values()];
  const fields = new Set(dimensions.map((d) => d.field));
  const facts = [...model.fields.values()]
    .filter((field) => fields.has(field.id))
    .map((field) => `${renderExpr(field.expr, params)} AS ${q(field.id)}`);
  const counts = dimensions.map((d) => {
    const value = renderExpr(d.expr, params);
    // A blank is a group of its own in every breakdown.
    return `COUNT(DISTINCT ${value}) + COALESCE(MAX(CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END), 0) AS ${q(d.id)}`;
  });
  const from = `${q(TABLES.contracts)} AS ${q(CONTRACT_ALIAS)}`;
  const sql = `WITH ${q("facts")} AS (SELECT ${facts.join(", ")} FROM ${from})\nSELECT ${counts.join(",\n  ")} FROM ${q("facts")}`;
  return { sql, params: params.values };
}

export async function countDimensionValues(
  connection: DuckDBConnection,
  model: Model,
  signal?: AbortSignal,
): Promise<Cardinalities> {
  const { sql, params } = cardinalitySql(model);
  const [row] = await queryAll(connection, sql, params, signal);
  return new Map([...model.dimensions.keys()].map((id) => [id, Number(row?.[id] ?? 0)]));
}

export interface AnswerBound {
  /** Combinations of the breakdown's values (grain, dimensions, a partition) that may occur. */
  groups: number;
  /** Rows the answer may have: a mix has a row per category of each group. */
  rows: number;
  /** The dimensions behind `groups`, with the values each may take, for error messages. */
  factors: { dimension: string; values: number }[];
}

/**
 * Upper bounds of a request's groups and rows. A dimension filtered to a list of values takes
 * at most that many. Groups and rows never exceed the contracts (every row but a grand total
 * rests on at least one contract of its own), so each bound is the smaller of both.
 */
export function boundAnswer(
  plan: QueryPlan,
  request: IndicatorRequest,
  cardinalities: Cardinalities,
  contracts: number,
): AnswerBound {
  const valuesOf = (key: PlanKey): number => {
    let count = cardinalities.get(key.name) ?? Number.POSITIVE_INFINITY;
    for (const filter of request.filters) {
      if (filter.dimension !== key.name) continue;
      if (filter.op === "eq") count = Math.min(count, 1);
      if (filter.op === "in") count = Math.min(count, filter.values.length);
    }
    return Math.max(count, 1);
  };
  const factors = plan.keys.map((key) => ({ dimension: key.name, values: valuesOf(key) }));
  // Every group rests on at least one contract: dimensions that go together (a buyer and its
  // name, a commune and its département) make far fewer groups than the product of their values.
  const groups = Math.min(
    factors.reduce((product, f) => product * f.values, 1),
    Math.max(1, contracts),
  );
  const perGroup = plan.measure.kind === "mix" ? valuesOf(plan.measure.category) : 1;
  const rows = Math.min(groups * perGroup, Math.max(1, contracts));
  return { groups, rows, factors };
}
