// GET /api/health: is the server up, and which data snapshot does it serve.
import { Router } from "express";
import type { AppDeps } from "../app.ts";
import { answer } from "../respond.ts";

export function healthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/health", async (_req, res) => {
    await answer(deps, res, async (snapshot) => ({
      status: "ok",
      snapshot: snapshot.info,
      indicators: deps.catalogue.definitions.length,
      generated_at: deps.clock().toISOString(),
    }));
  });
  return router;
}
