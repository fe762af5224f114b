// Buyer look-ups: search by name or SIRET, one buyer's summary, its contracts page by page.
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { buyerContracts, buyerSummary, searchBuyers } from "../lookups/buyers.ts";
import { answer } from "../respond.ts";
import { intParam, queryString, rejectUnknownQuery, siretParam, textParam } from "../params.ts";

export function buyersRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/buyers", async (req, res) => {
    rejectUnknownQuery(req, ["q", "limit"]);
    const q = textParam(queryString(req, "q"), "q", 200);
    const limit = intParam(queryString(req, "limit"), "limit", { min: 1, max: 100, fallback: 20 });
    await answer(deps, res, async (s) => ({ buyers: await searchBuyers(s, q, limit) }));
  });

  router.get("/buyers/:siret", async (req, res) => {
    rejectUnknownQuery(req, []);
    const siret = siretParam(req.params.siret);
    await answer(deps, res, async (s) => {
      const summary = await buyerSummary(s, siret);
      if (!summary) throw notFound(`no contract of buyer ${siret} in this snapshot`, "siret");
      return { ...summary };
    });
  });

  router.get("/buyers/:siret/contracts", async (req, res) => {
    rejectUnknownQuery(req, ["offset", "limit"]);
    const siret = siretParam(req.params.siret);
    const offset = intParam(queryString(req, "offset"), "offset", {
      min: 0,
      max: 100_000_000,
      fallback: 0,
    });
    const limit = intParam(queryString(req, "limit"), "limit", { min: 1, max: 500, fallback: 50 });
    await answer(deps, res, async (s) => {
      const page = await buyerContracts(s, siret, offset, limit);
      if (page.total === 0)
        throw notFound(`no contract of buyer ${siret} in this snapshot`, "siret");
      return { siret, offset, limit, ...page };
    });
  });

  return router;
}
