// GET /api/health: is the server up, and which data snapshot does it serve. The plain request
// (no query) is answered by front-door.ts before any routing; this route answers the others (a
// query parameter: 400) and documents the path.
import { Router } from "express";
import type { Health } from "../api-types.ts";
import type { AppDeps } from "../deps.ts";
import { rejectUnknownQuery } from "../params.ts";
import { answerLight } from "../respond.ts";
import { workStats } from "../work.ts";

/** The answer of /api/health but its snapshot_id (respond.ts stamps it). */
export function healthBody(
  deps: AppDeps,
  snapshot: { info: Health["snapshot"] },
): Omit<Health, "snapshot_id"> {
  return {
    status: "ok" as const,
    snapshot: snapshot.info,
    indicators: deps.catalogue.definitions.length,
    // Indicator answers kept per snapshot and request (null when the cache is off).
    answer_cache: deps.answers?.stats() ?? null,
    // Heavy work running and waiting, and how it ended: refused, cancelled, timed out.
    work: workStats(deps.work),
    generated_at: deps.clock().toISOString(),
  };
}

export function healthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/health", async (req, res) => {
    rejectUnknownQuery(req, []);
    await answerLight<Health>(deps, res, async (snapshot) => healthBody(deps, snapshot));
  });
  return router;
}
