// Peer groups: buyers are compared with buyers of the same type in the served snapshot. The type
// comes from the who's who (etl/sql/enrich.sql): région, département, commune by population band
// (under 3,500, 3,500–9,999, 10,000–49,999, 50,000 and more), EPCI by kind (communauté de
// communes, d'agglomération, urbaine, métropole), État, hospital, social housing, other. The type
// thus carries the size where the data give one (a commune's population). Labels are the model's
// (indicators/model.yaml, dimension acheteur_type), so the page and the indicators agree.
import type { Model } from "../../indicators/index.ts";
import { modelLabel } from "../lookups/labels.ts";

export interface PeerGroup {
  id: string;
  label: string;
  definition: string;
}

export const PEER_GROUPS_RULE =
  "Les pairs d'un acheteur sont les acheteurs du même type dans les données servies : régions, départements, communes par tranche de population municipale (moins de 3 500, 3 500 à 9 999, 10 000 à 49 999, 50 000 habitants ou plus), intercommunalités par nature (communauté de communes, d'agglomération, urbaine, métropole), État, établissements hospitaliers, organismes de logement social, autres. Le type vient des listes des collectivités, à défaut de la catégorie juridique SIRENE.";

export function peerGroup(model: Model, type: string | null): PeerGroup | null {
  if (type === null) return null;
  const label = modelLabel(model, "acheteur_type", type);
  if (label === null) return null;
  return {
    id: type,
    label,
    definition: `Acheteurs du type « ${label} » qui ont des marchés notifiés l'année choisie.`,
  };
}
