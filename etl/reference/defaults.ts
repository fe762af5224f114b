// The reference files shipped in data/reference (README there) that every run uses when it is
// given none: the same list as the `references` of the default observatory.config.json. Order
// matters: within a kind, an earlier file wins value by value.
import { join } from "node:path";
import type { ReferenceInput, ReferenceKind } from "./kinds.ts";

const SHIPPED: [ReferenceKind, string][] = [
  ["sirene_unites_legales", "StockUniteLegale_utf8-sample-2022-trackdechets.csv"],
  ["sirene_unites_legales", "decp-augmente-2022-categorieEntreprise-titulaires.csv"],
  ["sirene_etablissements", "StockEtablissement_utf8-sample-2024-trackdechets.csv"],
  ["sirene_etablissements", "decp-augmente-2022-etablissements-titulaires.csv"],
  ["communes", "banatic-siren-insee-communes-2024.csv"],
  ["epci", "dgcl-epcicom-2024.csv"],
  ["departements", "datactivist-identifiants-departements-2022.csv"],
  ["regions", "datactivist-identifiants-regions-2022.csv"],
  ["legal_categories", "labels-natures-juridiques.json"],
];

export function shippedReferences(referenceDir: string): ReferenceInput[] {
  return SHIPPED.map(([kind, file]) => ({
    id: "shipped",
    kind,
    path: join(referenceDir, file),
    name: `data/reference/${file}`,
  }));
}
