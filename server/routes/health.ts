// GET /api/health: is the server up, and which data snapshot does it serve.
import { Router } from "express";
import type { Health } from "../api-types.ts";
import type { AppDeps } from "../deps.ts";
import { rejectUnknownQuery } from "../params.ts";
import { answerLight } from "../respond.ts";
import { workStats } from "../work.ts";

export function healthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/health", async (req, res) => {
    rejectUnknownQuery(req, []);
    await answerLight<Health>(deps, res, async (snapshot) => ({
      status: "ok" as const,
      snapshot: snapshot.info,
      indicators: deps.catalogue.definitions.length,
      // Indicator answers kept per snapshot and request (null when the cache is off).
      answer_cache: deps.answers?.stats() ?? null,
      // Heavy work running and waiting, and how it ended: refused, cancelled, timed out.
      work: workStats(deps.work),
      generated_at: deps.clock().toISOString(),
    }));
  });
  return router;
}
