// « Mon SPASER » and peers of a buyer: GET /api/buyers/:siret/spaser and /peers. The indicators
// compared with peers are the SPASER targets that apply to the buyer, then those of the buyer's
// page (the catalogue's `pages.buyer`), each once, when they can be computed per buyer.
import { Router } from "express";
import { findDefinition, placeIndicators } from "../../indicators/index.ts";
import { planOfBuyer } from "../../indicators/plans/load.ts";
import type { BuyerPeers, BuyerSpaser } from "../api-types.ts";
import { BuyerPeersQuery, BuyerSpaserQuery } from "../api-schemas/parameters.ts";
import type { AppDeps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { intParam, queryNames, queryString, rejectUnknownQuery, siretParam } from "../params.ts";
import { answer } from "../respond.ts";
import { buyerIdentity, buyerYears, chosenYear } from "../spaser/buyer-scope.ts";
import { buyerSpaser } from "../spaser/mon-spaser.ts";
import { PEER_GROUPS_RULE, peerGroup } from "../spaser/peer-groups.ts";
import { comparable, peerIndicator } from "../spaser/peers.ts";

export function spaserRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/buyers/:siret/spaser", async (req, res) => {
    rejectUnknownQuery(req, queryNames(BuyerSpaserQuery));
    const siret = siretParam(req.params.siret);
    const year = optionalInt(req, "year", BuyerSpaserQuery.shape.year.unwrap());
    await answer<BuyerSpaser>(deps, res, async (s) => {
      const years = await buyerYears(s, [siret]);
      if (years.length === 0 && !(await hasContracts(s, siret)))
        throw notFound(`no contract of buyer ${siret} in this snapshot`, "siret");
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
        throw notFound(`no contract of buyer ${siret} in this snapshot`, "siret");
      const identity = await buyerIdentity(s, siret);
      const year = chosenYear(await buyerYears(s, [siret]), asked);
      const group = peerGroup(deps.catalogue.model, identity.type_acheteur);
      const indicators: BuyerPeers["indicators"] = [];
      if (group && year !== null) {
        for (const id of peerIndicatorIds(deps, siret)) {
          const definition = findDefinition(deps.catalogue, id);
          if (!comparable(definition)) continue;
          indicators.push(
            await peerIndicator(s, deps, definition, { siret, type: group.id, year, minN }),
          );
        }
      }
      return { siret, nom: identity.nom, year, group, rule: PEER_GROUPS_RULE, indicators };
    });
  });

  return router;
}

/** The SPASER targets that apply to the buyer, then the buyer page's indicators, each once. */
function peerIndicatorIds(deps: AppDeps, siret: string): string[] {
  const own = planOfBuyer(deps.plans, siret)?.targets ?? [];
  const national = deps.plans.national?.targets ?? [];
  const ids = [...own, ...national].map((t) => t.indicator);
  const known = new Set(deps.catalogue.definitions.map((d) => d.id));
  return [...new Set([...ids, ...placeIndicators(deps.catalogue.definitions).pages.buyer])].filter(
    (id) => known.has(id),
  );
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
