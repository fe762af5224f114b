// GET /api/indicators: the catalogue; GET /api/indicators/:id: one indicator's rows.
import { Router } from "express";
import { describeDimensions, placeIndicators } from "../../indicators/index.ts";
import type { Catalogue } from "../api-types.ts";
import type { AppDeps } from "../deps.ts";
import { runForApi } from "../indicator-service.ts";
import { describeIndicator } from "../indicator-view.ts";
import { rejectUnknownQuery } from "../params.ts";
import { answerLight } from "../respond.ts";
import { clientSignal } from "../work.ts";

export function indicatorsRouter(deps: AppDeps): Router {
  const router = Router();
  const { catalogue } = deps;

  router.get("/indicators", async (req, res) => {
    rejectUnknownQuery(req, []);
    await answerLight<Catalogue>(deps, res, async () => ({
      indicators: catalogue.definitions.map((d) => describeIndicator(d, catalogue.model)),
      dimensions: describeDimensions(catalogue.model),
      ...placeIndicators(catalogue.definitions),
    }));
  });

  router.get("/indicators/:id", async (req, res) => {
    const signal = clientSignal(res);
    const { snapshotId, body, hit } = await runForApi(deps, req.params.id, req.query, { signal });
    res.setHeader("X-Snapshot-Id", snapshotId);
    res.setHeader("X-Cache", hit ? "hit" : "miss");
    // The pieces as they are (answer-body.ts): written one after another, never joined.
    res.type("json").setHeader("Content-Length", String(body.length));
    for (const piece of body.pieces) res.write(piece);
    res.end();
  });

  return router;
}
