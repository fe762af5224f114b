// The records to fix as an export table (one row per contract × field), for the buyer's team:
// written by the same CSV (French Excel, formula guard) and XLSX writers as the indicators.
import type { ExportTable } from "../export/table.ts";
import type { QualityDefinition } from "./definition.ts";
import type { QualityEvaluation } from "./evaluate.ts";

const FORMATS: Record<string, string> = { v1: "2019", "v2.0.0": "2024 (2.0.0)", v2: "2024" };

export function fixTable(
  evaluation: QualityEvaluation,
  definition: QualityDefinition,
  context: { siret: string; year: number | null; snapshotId: string; generatedAt: string },
): ExportTable {
  const titles = new Map(definition.components.map((c) => [c.id, c.title]));
  const rows = evaluation.records.flatMap(({ facts, problems }) =>
    problems.map((p) => [
      facts.uid,
      facts.id,
      facts.objet,
      facts.date_notification,
      FORMATS[facts.decp_format] ?? facts.decp_format,
      titles.get(p.component) ?? p.component,
      p.field,
      p.label,
      p.problem,
      p.value,
      facts.source,
    ]),
  );
  const text = (name: string, label: string) => ({ name, label, type: "string" as const });
  return {
    columns: [
      text("uid", "Identifiant unique (SIRET de l'acheteur + identifiant)"),
      text("id", "Identifiant du marché publié"),
      text("objet", "Objet"),
      text("date_notification", "Date de notification"),
      text("format", "Format de publication"),
      text("rule", "Règle"),
      text("field", "Champ à corriger (nom DECP)"),
      text("field_label", "Champ"),
      text("problem", "Problème"),
      text("value", "Valeur publiée"),
      text("source", "Fichier source"),
    ],
    rows,
    metadata: [
      ["buyer", "Acheteur (SIRET)", context.siret],
      ["year", "Année de notification", context.year === null ? "toutes" : String(context.year)],
      ["definition", "Définition", `${definition.title}, version ${definition.version}`],
      ["contracts", "Marchés à corriger", String(evaluation.records.length)],
      ["snapshot_id", "Instantané des données", context.snapshotId],
      ["generated_at", "Fichier généré le", context.generatedAt],
    ].map(([key = "", label = "", value = ""]) => ({ key, label, value })),
  };
}
