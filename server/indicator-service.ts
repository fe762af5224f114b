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
    const result = await runIndicator(snapshot.connection, definition, request, { model });
    return {
      definition,
      result: {
        snapshot_id: snapshot.info.id,
        snapshot: snapshot.info,
        generated_at: deps.clock().toISOString(),
        definition_version: definition.version,
        indicator: describeIndicator(definition, model),
        request: result.request,
        columns: describeColumns(definition, result, model),
        rows: result.rows,
      },
    };
  });
}
