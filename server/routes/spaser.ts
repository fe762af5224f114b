// « Mon SPASER » and peers of a buyer: GET /api/buyers/:siret/spaser and /peers. What is
// compared with peers, and how, is spaser/buyer-peers.ts (the annual report reads it too).
import { Router } from "express";
import type { BuyerPeers, BuyerSpaser } from "../api-types.ts";
import { BuyerPeersQuery, BuyerSpaserQuery } from "../api-schemas/parameters.ts";
import type { AppDeps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { intParam, queryNames, queryString, rejectUnknownQuery, siretParam } from "../params.ts";
import { answer } from "../respond.ts";
import { buyerYears } from "../spaser/buyer-scope.ts";
import { buyerPeers } from "../spaser/buyer-peers.ts";
import { buyerSpaser } from "../spaser/mon-spaser.ts";

export function spaserRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/buyers/:siret/spaser", async (req, res) => {
    rejectUnknownQuery(req, queryNames(BuyerSpaserQuery));
    const siret = siretParam(req.params.siret);
    const year = optionalInt(req, "year", BuyerSpaserQuery.shape.year.unwrap());
    await answer<BuyerSpaser>(deps, res, async (s) => {
      const years = await buyerYears(s, [siret]);
      if (years.length === 0 && !(await hasContracts(s, siret)))
        throw notFound(`aucun marché de l'acheteur ${siret} dans les données servies`, "siret");
      return buyerSpaser(s, deps, deps.plans, siret, year);
    });
  });

  router.get("/buyers/:siret/peers", async (req, res) => {
    rejectUnknownQuery(req, queryNames(BuyerPeersQuery));
    const siret = siretParam(req.params.siret);
    const asked = optionalInt(req, "year", BuyerPeersQuery.shape.year.unwrap());
    const minN = optionalInt(req, "min_n", BuyerPeersQuery.shape.min_n.unwrap());
    await answer<BuyerPeers>(deps, res, async (s) => {
      if (!(await hasContracts(s, siret)))
        throw notFound(`aucun marché de l'acheteur ${siret} dans les données servies`, "siret");
      return buyerPeers(s, deps, siret, asked, minN);
    });
  });

  return router;
}

async function hasContracts(
  s: { query: (sql: string, p: string[]) => Promise<unknown[]> },
  siret: string,
): Promise<boolean> {
  const rows = await s.query("SELECT 1 FROM contracts WHERE acheteur_id = $1 LIMIT 1", [siret]);
  return rows.length > 0;
}

function optionalInt(
  req: Parameters<typeof queryString>[0],
  name: string,
  bounds: { minValue: number | null; maxValue: number | null },
): number | null {
  const text = queryString(req, name);
  if (text === undefined || text === "") return null;
  return intParam(text, name, {
    min: bounds.minValue ?? 0,
    max: bounds.maxValue ?? Number.MAX_SAFE_INTEGER,
    fallback: 0,
  });
}
