// Runs one indicator for the API and the exports: finds the definition, reads the request from
// the query, runs it on the current snapshot and describes the result's columns.
import type { Request } from "express";
import {
  findDefinition,
  runIndicator,
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

/**
 * An answer as the cache keeps it: its JSON text only, which the API sends as it is. Keeping the
 * rows as objects too would double the memory of the largest answers (a table per buyer and year
 * of a national snapshot is 150,000 rows); exports parse the text again, once per download.
 */
export interface CachedAnswer {
  body: string;
  snapshotId: string;
}

export interface RunOutcome extends CachedAnswer {
  /** The answer came from the cache. */
  hit: boolean;
  /** The snapshot that answered (run id + opening: see db.ts). */
  snapshotKey: string;
}

export type AnswerCache = ResultCache<CachedAnswer>;

/**
 * 256 MB by default: the whole home page of a national snapshot takes about 1 MB. An answer is
 * counted twice its JSON length, as a string may take two bytes a character.
 */
export function createAnswerCache(maxBytes = 256 * 2 ** 20): AnswerCache {
  return new ResultCache<CachedAnswer>(maxBytes, (answer) => answer.body.length * 2);
}

/** The answer's content, for the exports. */
export const parseAnswer = (answer: CachedAnswer): ApiIndicatorResult =>
  JSON.parse(answer.body) as ApiIndicatorResult;

/**
 * One indicator's answer on the current snapshot, from the cache when this snapshot already
 * answered the same checked request. `generated_at` is when the figures were computed.
 */
export async function runForApi(
  deps: AppDeps,
  id: string,
  query: Request["query"],
  routeParameters: readonly string[] = [],
): Promise<RunOutcome> {
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
      return { body: JSON.stringify(answer), snapshotId: snapshot.info.id };
    };
    deps.warmer?.notice(snapshot.key);
    const snapshotKey = snapshot.key;
    if (!deps.answers) return { ...(await compute()), hit: false, snapshotKey };
    const key = JSON.stringify([snapshot.key, definition.id, definition.version, request]);
    const { value, hit } = await deps.answers.get(key, compute);
    return { ...value, hit, snapshotKey };
  });
}
