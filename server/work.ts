// How a route runs heavy work: through its kind's queue (admission.ts), with a signal that aborts
// when the client leaves, and the queue's refusals, time-outs and DuckDB's memory limit turned
// into JSON errors that name the limit (503 with Retry-After: the client may come back later).
import type { Request, Response } from "express";
import { QueryInterrupted } from "../lib/query-stream.ts";
import { QueueFull, WorkQueue, WorkTimeout, type QueueStats, type WorkKind } from "./admission.ts";
import { ApiError } from "./errors.ts";
import type { ServerLimits } from "./limits.ts";

export interface Work {
  limits: ServerLimits;
  queries: WorkQueue;
  exports: WorkQueue;
}

export function createWork(
  limits: ServerLimits,
  onJobStart?: (kind: WorkKind, signal: AbortSignal) => Promise<void>,
): Work {
  const queue = (kind: WorkKind, timeoutMs: number) =>
    new WorkQueue(kind, limits[kind], timeoutMs, limits.queueWaitMs, onJobStart);
  return {
    limits,
    queries: queue("queries", limits.queryTimeoutMs),
    exports: queue("exports", limits.exportTimeoutMs),
  };
}

export function workStats(work: Work): Record<WorkKind, QueueStats> {
  return { queries: work.queries.stats(), exports: work.exports.stats() };
}

/** The reason of a client's signal: the connection closed before the answer was sent. */
export class ClientGone extends Error {
  constructor() {
    super("the client closed the connection before the answer was sent");
    this.name = "ClientGone";
  }
}

/** A signal that aborts when the response is closed before it was sent in full. */
export function clientSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort(new ClientGone());
  });
  return controller.signal;
}

const seconds = (ms: number) => Math.round(ms / 1000);

/**
 * The 503 of each refusal, made once per queue's QueueFull (admission.ts): under load refusals
 * come by the thousand, and each would otherwise build its error, message and stack anew.
 */
const refusals = new WeakMap<QueueFull, ApiError>();

export function refusalError(cause: QueueFull, limits: ServerLimits): ApiError {
  const made = refusals.get(cause);
  if (made) return made;
  const queue = limits[cause.kind];
  const message = cause.waited
    ? `Aucune place ne s'est libérée en ${seconds(limits.queueWaitMs)} s pour cette requête : réessayez dans ${limits.retryAfterSeconds} s.`
    : `Le serveur traite déjà le maximum de calculs (${queue.concurrency} en cours, ${queue.queue} en attente) : réessayez dans ${limits.retryAfterSeconds} s. Les réponses déjà calculées restent servies.`;
  const error = new ApiError(503, [{ code: "server_busy", message }], {
    limit: cause.waited
      ? { name: "queue_wait_seconds", value: seconds(limits.queueWaitMs) }
      : { name: `${cause.kind}_queue`, value: queue.queue },
    headers: { "Retry-After": String(limits.retryAfterSeconds) },
  });
  refusals.set(cause, error);
  return error;
}

/** The API error for a failure of heavy work, or null when it is not one of the known limits. */
export function workError(error: unknown, limits: ServerLimits): ApiError | null {
  const retry = { "Retry-After": String(limits.retryAfterSeconds) };
  const cause = error instanceof QueryInterrupted ? error.reason : error;
  if (cause instanceof QueueFull) return refusalError(cause, limits);
  if (cause instanceof WorkTimeout) {
    const name = cause.kind === "exports" ? "export_timeout_seconds" : "query_timeout_seconds";
    return new ApiError(
      503,
      [
        {
          code: "timeout",
          message: `Le calcul a dépassé sa durée maximale (${seconds(cause.limitMs)} s) et a été interrompu. Réessayez plus tard, ou demandez un découpage moins fin ou un filtre.`,
        },
      ],
      { limit: { name, value: seconds(cause.limitMs) }, headers: retry },
    );
  }
  const message = error instanceof Error ? error.message : "";
  if (/^Out of Memory Error/i.test(message)) {
    return new ApiError(
      503,
      [
        {
          code: "out_of_memory",
          message: `Le calcul demande plus que la mémoire accordée aux requêtes (${limits.duckdbMemoryMb} Mo). Réessayez plus tard, ou demandez un découpage moins fin ou un filtre.`,
        },
      ],
      { limit: { name: "duckdb_memory_mb", value: limits.duckdbMemoryMb }, headers: retry },
    );
  }
  return null;
}

/**
 * Runs heavy work of a request in its kind's queue. A client that left gets nothing (its work was
 * cancelled); a refusal, a time-out or an out-of-memory becomes its JSON error.
 */
export async function runHeavy<T>(
  work: Work,
  kind: WorkKind,
  res: Response,
  job: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal = clientSignal(res),
): Promise<T> {
  try {
    return await work[kind].run(job, { signal });
  } catch (error) {
    throw workError(error, work.limits) ?? error;
  }
}

/** The request was abandoned by its client: nothing is to be sent. */
export function isClientGone(error: unknown, req: Request): boolean {
  const cause = error instanceof QueryInterrupted ? error.reason : error;
  return cause instanceof ClientGone || req.socket.destroyed;
}
