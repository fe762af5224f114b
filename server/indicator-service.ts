// Runs one indicator for the API and the exports: finds the definition, reads the request from
// the query, runs it on the current snapshot and describes the result's columns.
import type { Request } from "express";
import {
  findDefinition,
  runIndicator,
  type IndicatorDefinition,
  type IndicatorRequest,
  type IndicatorRow,
} from "../indicators/index.ts";
import type { AppDeps } from "./app.ts";
import type { SnapshotInfo } from "./db.ts";
import { parseIndicatorQuery } from "./indicator-request.ts";
import { ResultCache } from "./result-cache.ts";
import {
  describeColumns,
  describeIndicator,
  type ColumnMeta,
  type IndicatorView,
} from "./indicator-view.ts";

export interface ApiIndicatorResult {
  snapshot_id: string;
  snapshot: SnapshotInfo;
  generated_at: string;
  definition_version: number;
  indicator: IndicatorView;
  request: IndicatorRequest;
  columns: ColumnMeta[];
  rows: IndicatorRow[];
}

export interface RunOutcome {
  result: ApiIndicatorResult;
  definition: IndicatorDefinition;
}

/** An answer as the cache keeps it: the result for exports, its JSON text for the API. */
export interface CachedAnswer extends RunOutcome {
  body: string;
}

export type AnswerCache = ResultCache<CachedAnswer>;

/**
 * 256 MB by default: the whole home page of a national snapshot takes about 1 MB. An answer is
 * counted three times its JSON length: the text (up to two bytes a character) and the rows.
 */
export function createAnswerCache(maxBytes = 256 * 2 ** 20): AnswerCache {
  return new ResultCache<CachedAnswer>(maxBytes, (answer) => answer.body.length * 3);
}

/**
 * One indicator's answer on the current snapshot, from the cache when this snapshot already
 * answered the same checked request. `generated_at` is when the figures were computed.
 */
export async function runForApi(
  deps: AppDeps,
  id: string,
  query: Request["query"],
  routeParameters: readonly string[] = [],
): Promise<CachedAnswer & { hit: boolean; snapshotKey: string }> {
  const { model } = deps.catalogue;
  const definition = findDefinition(deps.catalogue, id);
  const request = parseIndicatorQuery(definition, query, model, routeParameters);
  return deps.snapshots.use(async (snapshot) => {
    const compute = async (): Promise<CachedAnswer> => {
      const result = await runIndicator(snapshot.connection, definition, request, { model });
      const answer: ApiIndicatorResult = {
        snapshot_id: snapshot.info.id,
        snapshot: snapshot.info,
        generated_at: deps.clock().toISOString(),
        definition_version: definition.version,
        indicator: describeIndicator(definition, model),
        request: result.request,
        columns: describeColumns(definition, result, model),
        rows: result.rows,
      };
      return { definition, result: answer, body: JSON.stringify(answer) };
    };
    deps.warmer?.notice(snapshot.key);
    const snapshotKey = snapshot.key;
    if (!deps.answers) return { ...(await compute()), hit: false, snapshotKey };
    const key = JSON.stringify([snapshot.key, definition.id, definition.version, request]);
    const { value, hit } = await deps.answers.get(key, compute);
    return { ...value, hit, snapshotKey };
  });
}
