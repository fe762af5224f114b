// Buyer look-ups: search by name or SIRET, one buyer's summary, its contracts page by page.
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { buyerContracts, buyerSummary, searchBuyers } from "../lookups/buyers.ts";
import { modelLabel } from "../lookups/labels.ts";
import { checkNameWords } from "../lookups/name-search.ts";
import { answer } from "../respond.ts";
import { BuyerContractsQuery, NoQuery, SearchQuery } from "../api-schemas/parameters.ts";
import {
  intQuery,
  queryNames,
  queryString,
  rejectUnknownQuery,
  siretParam,
  textParam,
} from "../params.ts";

export function buyersRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/buyers", async (req, res) => {
    rejectUnknownQuery(req, queryNames(SearchQuery));
    const q = checkNameWords(
      textParam(queryString(req, "q"), "q", SearchQuery.shape.q.maxLength ?? 200),
    );
    const limit = intQuery(req, "limit", SearchQuery.shape.limit);
    await answer(deps, res, async (s) => ({ ...(await searchBuyers(s, q, limit)) }));
  });

  router.get("/buyers/:siret", async (req, res) => {
    rejectUnknownQuery(req, queryNames(NoQuery));
    const siret = siretParam(req.params.siret);
    await answer(deps, res, async (s) => {
      const summary = await buyerSummary(s, siret, (type) =>
        modelLabel(deps.catalogue.model, "acheteur_type", type),
      );
      if (!summary)
        throw notFound(`aucun marché de l'acheteur ${siret} dans les données servies`, "siret");
      return { ...summary };
    });
  });

  router.get("/buyers/:siret/contracts", async (req, res) => {
    rejectUnknownQuery(req, queryNames(BuyerContractsQuery));
    const siret = siretParam(req.params.siret);
    const offset = intQuery(req, "offset", BuyerContractsQuery.shape.offset);
    const limit = intQuery(req, "limit", BuyerContractsQuery.shape.limit);
    await answer(deps, res, async (s) => {
      const page = await buyerContracts(s, siret, offset, limit);
      if (page.total === 0)
        throw notFound(`aucun marché de l'acheteur ${siret} dans les données servies`, "siret");
      return { siret, offset, limit, ...page };
    });
  });

  return router;
}
