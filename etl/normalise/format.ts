// Which DECP format a record follows, from its container and its own fields (not the file name).
import type { ContainerShape } from "../formats/types.ts";
import { isTree, type Tree } from "./structure.ts";

export const DECP_FORMATS = ["v1", "v2.0.0", "v2"] as const;
export type DecpFormat = (typeof DECP_FORMATS)[number];

// Fields that only exist since the 2022 arrêtés (transitional 2.0.0 and 2024 formats).
const FIELDS_2022 = [
  "considerationsSociales",
  "considerationsEnvironnementales",
  "offresRecues",
  "marcheInnovant",
  "techniques",
  "technique",
  "modalitesExecution",
  "modaliteExecution",
  "typesPrix",
  "typePrix",
  "sousTraitanceDeclaree",
  "attributionAvance",
  "tauxAvance",
  "typeGroupementOperateurs",
  "origineFrance",
  "origineUE",
  "ccag",
  "idAccordCadre",
  "actesSousTraitance",
];

export function detectRecordFormat(record: Tree, shape: ContainerShape): DecpFormat {
  if (shape === "json-object") return "v2";
  // Grouped rows carry every column of their file, filled or not: a 2022 field counts when filled.
  if (shape === "tabular") return FIELDS_2022.some((key) => record[key] != null) ? "v2" : "v1";
  if (!FIELDS_2022.some((key) => key in record)) return "v1";
  if (shape !== "json-array") return "v2";
  // In a flat "marches" array, 2024 records wrap their lists; 2.0.0 records do not.
  const wrapped = ["techniques", "modalitesExecution", "typesPrix", "considerationsSociales"].some(
    (key) => isTree(record[key]),
  );
  return wrapped ? "v2" : "v2.0.0";
}
