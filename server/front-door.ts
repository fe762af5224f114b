// What the server answers before any routing, because it must stay cheap whatever the load:
// - GET /api/health, so that a probe never waits behind the middleware and routers of the API;
// - the 503 of a full query queue for an indicator answer that cannot come from the cache. Under
//   a closed loop of clients that retry at once (the bench's hostile load), refusals come by the
//   thousand each second: routing, reading the query, zod and an error per refusal held the main
//   thread that health and cached answers need. Here a refusal is a few comparisons and bytes
//   written once, the very body and headers the API's own refusal gives (work.ts, errors.ts).
// Anything else, or anything in doubt (a query string, a body, an unknown indicator, an answer
// that might be cached), goes on to the API, which answers it as before.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { QueueFull, type WorkQueue } from "./admission.ts";
import type { AppDeps } from "./deps.ts";
import { errorBody } from "./errors.ts";
import { healthBody } from "./routes/health.ts";
import { SECURITY_HEADERS } from "./security.ts";
import { refusalError } from "./work.ts";

const INDICATOR_PREFIX = "/api/indicators/";
const JSON_TYPE = "application/json; charset=utf-8";

/** What the API's middleware sets on every answer (app.ts): security and no caching. */
const COMMON_HEADERS: string[] = [
  ...SECURITY_HEADERS.flat(),
  "Cache-Control",
  "no-store",
  "Content-Type",
  JSON_TYPE,
];

interface Refusal {
  headers: string[];
  body: Buffer;
}

/** The 503 of a full queue, as bytes: the same body and headers as errors.ts sends for it. */
function refusalOf(queue: WorkQueue, deps: AppDeps): Refusal {
  const error = refusalError(new QueueFull(queue.kind, false), deps.work.limits);
  const body = Buffer.from(JSON.stringify(errorBody(error.status, error.issues, error.extra)));
  const extra = Object.entries(error.extra.headers ?? {}).flat();
  return { headers: [...COMMON_HEADERS, ...extra, "Content-Length", String(body.length)], body };
}

/** A request without a body (the API reads none on these paths; client-errors.ts refuses it). */
function bodiless(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] === undefined && (length === undefined || length === "0");
}

/**
 * The indicator of `GET /api/indicators/<id>` (no query string parsed: a request for an answer
 * whatever its parameters), or null for any other path.
 */
function indicatorOf(url: string, ids: ReadonlySet<string>): string | null {
  if (!url.startsWith(INDICATOR_PREFIX)) return null;
  const end = url.indexOf("?", INDICATOR_PREFIX.length);
  const id = url.slice(INDICATOR_PREFIX.length, end === -1 ? undefined : end);
  return ids.has(id) ? id : null;
}

async function sendHealth(deps: AppDeps, res: ServerResponse): Promise<void> {
  const current = await deps.snapshots.current();
  const body = JSON.stringify({ snapshot_id: current.info.id, ...healthBody(deps, current) });
  res.writeHead(200, [
    ...COMMON_HEADERS,
    "X-Snapshot-Id",
    current.info.id,
    "Content-Length",
    String(Buffer.byteLength(body)),
  ]);
  res.end(body);
}

export function frontDoor(deps: AppDeps): RequestHandler {
  const queue = deps.work.queries;
  const refusal = refusalOf(queue, deps);
  const ids = new Set(deps.catalogue.definitions.map((d) => d.id));
  return (req, res, next) => {
    if (req.method !== "GET" || !bodiless(req)) return next();
    const url = req.url;
    if (url === "/api/health") {
      sendHealth(deps, res).catch(next);
      return;
    }
    // With the answer cache on, only the API can tell (from the checked request) whether the
    // answer is cached: it is served from there even when the queue is full.
    if (!queue.isFull() || deps.answers || indicatorOf(url, ids) === null) return next();
    queue.refuse();
    res.writeHead(503, refusal.headers);
    res.end(refusal.body);
  };
}
