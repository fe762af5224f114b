// A buyer among its peers for one year, every indicator compared: the answer of
// GET /api/buyers/:siret/peers and the peers of the annual report, computed by this one function
// so that the report's figures are the API's. The indicators compared are the SPASER targets that
// apply to the buyer, then those of the buyer's page (the catalogue's `pages.buyer`), each once,
// when they can be computed per buyer.
import { findDefinition, placeIndicators } from "../../indicators/index.ts";
import type { BuyerPeers } from "../api-types.ts";
import type { Snapshot } from "../db.ts";
import type { AppDeps } from "../deps.ts";
import { buyerIdentity } from "./buyer-scope.ts";
import { followedYear } from "./followed-year.ts";
import { applicableTargets } from "./mon-spaser.ts";
import { PEER_GROUPS_RULE, peerGroup } from "./peer-groups.ts";
import { comparable, peerIndicator } from "./peers.ts";

export async function buyerPeers(
  snapshot: Snapshot,
  deps: Pick<AppDeps, "catalogue" | "plans">,
  siret: string,
  askedYear: number | null,
  minN: number | null,
): Promise<Omit<BuyerPeers, "snapshot_id">> {
  const identity = await buyerIdentity(snapshot, siret);
  // The page's followed year (Mon SPASER's), so that the summary compares in that year too.
  const { year, choice } = await followedYear(snapshot, deps, siret, askedYear);
  const group = peerGroup(deps.catalogue.model, identity.type_acheteur);
  const indicators: BuyerPeers["indicators"] = [];
  if (group && year !== null) {
    const buyer = {
      acheteur_type: identity.type_acheteur,
      acheteur_departement: identity.departement,
    };
    for (const id of peerIndicatorIds(deps, siret)) {
      const definition = findDefinition(deps.catalogue, id);
      if (!comparable(definition)) continue;
      indicators.push(
        await peerIndicator(snapshot, deps, definition, {
          siret,
          type: group.id,
          year,
          minN,
          buyer,
        }),
      );
    }
  }
  return {
    siret,
    nom: identity.nom,
    year,
    year_choice: choice,
    group,
    rule: PEER_GROUPS_RULE,
    indicators,
  };
}

/** The SPASER targets that apply to the buyer, then the buyer page's indicators, each once. */
function peerIndicatorIds(deps: Pick<AppDeps, "catalogue" | "plans">, siret: string): string[] {
  const ids = applicableTargets(deps.plans, siret).map((t) => t.target.indicator);
  const known = new Set(deps.catalogue.definitions.map((d) => d.id));
  return [...new Set([...ids, ...placeIndicators(deps.catalogue.definitions).pages.buyer])].filter(
    (id) => known.has(id),
  );
}
