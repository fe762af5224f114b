// Runs one indicator for the API and the exports: finds the definition, reads the request from
// the query, runs it on the current snapshot and describes the result's columns.
import type { Request } from "express";
import { describeColumns, findDefinition, runIndicator } from "../indicators/index.ts";
import type { CachedAnswer } from "./answer-cache.ts";
import type { AppDeps } from "./deps.ts";
import type { IndicatorResult } from "./api-types.ts";
import { parseIndicatorQuery } from "./indicator-request.ts";
import { describeIndicator } from "./indicator-view.ts";

/** An indicator's answer (api-schemas/indicators.ts). */
export type ApiIndicatorResult = IndicatorResult;

export interface RunOutcome extends CachedAnswer {
  /** The answer came from the cache. */
  hit: boolean;
  /** The snapshot that answered (run id + opening: see db.ts). */
  snapshotKey: string;
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
        columns: describeColumns(definition, result.columns, model),
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
