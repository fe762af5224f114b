// Runs one indicator for the API: finds the definition, reads the request from the query, and
// answers from the cache, or computes the answer on the current snapshot in a slot of the query
// queue (admission.ts), within the request's limits (answer-limits.ts), its rows serialised as
// they arrive (answer-body.ts).
import type { Request } from "express";
import {
  describeColumns,
  findDefinition,
  streamIndicator,
  type IndicatorDefinition,
  type IndicatorRequest,
} from "../indicators/index.ts";
import type { CachedAnswer } from "./answer-cache.ts";
import { answerBody, type AnswerHead } from "./answer-body.ts";
import { answerTooLarge, checkBreakdown, exportLink } from "./answer-limits.ts";
import type { Snapshot } from "./db.ts";
import type { AppDeps } from "./deps.ts";
import type { IndicatorResult } from "./api-types.ts";
import { ApiError } from "./errors.ts";
import { queryCodeCheck, readIndicatorQuery } from "./indicator-request.ts";
import { describeIndicator } from "./indicator-view.ts";
import type { CodeCheck } from "./reference-codes.ts";
import { workError } from "./work.ts";

/** An indicator's answer (api-schemas/indicators.ts). */
export type ApiIndicatorResult = IndicatorResult;

export interface RunOutcome extends CachedAnswer {
  /** The answer came from the cache. */
  hit: boolean;
  /** The snapshot that answered (run id + opening: see db.ts). */
  snapshotKey: string;
}

export interface AnswerOptions {
  /** The client's signal: its computation stops when it leaves (and nobody else waits for it). */
  signal?: AbortSignal;
  /** Warming: keep the answer pinned in the cache, and wait for a slot however long the queue. */
  warming?: boolean;
}

/**
 * One indicator's answer on the current snapshot, from the cache when this snapshot already
 * answered the same checked request. `generated_at` is when the figures were computed.
 */
export async function runForApi(
  deps: AppDeps,
  id: string,
  query: Request["query"],
  options: AnswerOptions = {},
): Promise<RunOutcome> {
  const definition = findDefinition(deps.catalogue, id);
  const { model } = deps.catalogue;
  const read = readIndicatorQuery(definition, query, model);
  return runCheckedRequest(deps, definition, read.request, {
    ...options,
    exportLink: exportLink(definition.id, query),
    codes: queryCodeCheck(model, read),
  });
}

export interface CheckedRequestOptions extends AnswerOptions {
  /** false for a definition that is not the catalogue's (the workshop's): its id and version do
   * not identify its content, so its answers are never cached. */
  cache?: boolean;
  /** Where an answer too large for the API points (the export of the same request), if any. */
  exportLink?: string;
  /** The codes of régions and départements it names that the snapshot does not know
   * (reference-codes.ts): refused before anything runs. */
  codes?: CodeCheck;
}

/**
 * A checked request of a definition, on the current snapshot: the one query path of the
 * indicator and workshop routes, in a slot of the query queue and within the request's limits.
 */
export async function runCheckedRequest(
  deps: AppDeps,
  definition: IndicatorDefinition,
  request: IndicatorRequest,
  options: CheckedRequestOptions = {},
): Promise<RunOutcome> {
  const current = await deps.snapshots.current();
  deps.warmer?.notice(current.key);
  const cache = options.cache === false ? undefined : deps.answers;
  const key = JSON.stringify([current.key, definition.id, definition.version, request]);
  const cached = cache?.peek(key, { pin: options.warming });
  if (cached) return { ...cached, hit: true, snapshotKey: current.key };

  let snapshotKey = current.key;
  const compute = (signal: AbortSignal) =>
    deps.work.queries.run(
      (jobSignal) =>
        deps.snapshots.use(async (snapshot) => {
          snapshotKey = snapshot.key;
          if (options.codes) await refuseUnknownCodes(deps, snapshot, options.codes);
          return computeAnswer(deps, snapshot, definition, request, options.exportLink, jobSignal);
        }, jobSignal),
      { signal, internal: options.warming },
    );
  try {
    if (!cache) {
      const value = await compute(options.signal ?? new AbortController().signal);
      return { ...value, hit: false, snapshotKey };
    }
    const { value, hit } = await cache.get(key, compute, {
      ...(options.signal ? { signal: options.signal } : {}),
      pin: options.warming === true,
    });
    return { ...value, hit, snapshotKey };
  } catch (error) {
    throw workError(error, deps.work.limits) ?? error;
  }
}

/** A 400 naming each code of `check` that the snapshot's reference tables do not hold. */
export async function refuseUnknownCodes(
  deps: AppDeps,
  snapshot: Snapshot,
  check: CodeCheck,
): Promise<void> {
  const issues = check(await deps.references.of(snapshot));
  if (issues.length > 0) throw new ApiError(400, issues);
}

async function computeAnswer(
  deps: AppDeps,
  snapshot: Snapshot,
  definition: IndicatorDefinition,
  request: IndicatorRequest,
  link: string | undefined,
  signal: AbortSignal,
): Promise<CachedAnswer> {
  const { model } = deps.catalogue;
  const limits = deps.work.limits;
  const stream = streamIndicator(snapshot.connection, definition, request, { model, signal });
  await checkBreakdown(snapshot, deps.cardinalities, stream.plan, stream.request, limits);
  const head: AnswerHead = {
    snapshot_id: snapshot.info.id,
    snapshot: snapshot.info,
    generated_at: deps.clock().toISOString(),
    definition_version: definition.version,
    indicator: describeIndicator(definition, model),
    request: stream.request,
    columns: describeColumns(definition, stream.columns, model),
  };
  const body = await answerBody(head, stream.rows, limits.maxAnswerCells, () =>
    answerTooLarge(limits, link),
  );
  return { body, snapshotId: snapshot.info.id };
}
