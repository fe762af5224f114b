// What a workshop figure cannot say, in French, so an agent reads it before publishing it: fields
// the measure reads but coverage does not count, rows resting on few contracts, low coverage,
// periods without the format the definition needs.
import type { IndicatorDefinition, IndicatorRow, Model, RowFlag } from "../../indicators/index.ts";
import { ROW_FLAGS } from "../../indicators/index.ts";

export interface Warning {
  code: string;
  path: string;
  message: string;
}

/** Fields the measure itself aggregates (not its conditions). */
function measuredFields(definition: IndicatorDefinition): string[] {
  const m = definition.measure;
  switch (m.kind) {
    case "sum":
    case "avg":
    case "median":
    case "min":
    case "max":
      return [m.field];
    case "ratio":
      return [m.numerator, m.denominator].flatMap((p) => (p.kind === "sum" ? [p.field] : []));
    case "mix":
      return m.of.kind === "sum" ? [m.of.field] : [];
    case "top_share":
      return [m.amount];
    case "count_distinct":
      return m.field ? [m.field] : [];
  }
}

/** Warnings of the definition alone. */
export function definitionWarnings(definition: IndicatorDefinition, model: Model): Warning[] {
  const warnings: Warning[] = [];
  const name = (id: string) => model.fields.get(id)?.label ?? id;
  const required = new Set(definition.requires_fields);
  for (const field of measuredFields(definition)) {
    if (!required.has(field)) {
      warnings.push({
        code: "field_not_required",
        path: "requires_fields",
        message: `« ${name(field)} » est mesuré mais n'est pas parmi les champs requis : les marchés où il est vide ne baissent pas la couverture, qui surestime alors ce que le chiffre couvre.`,
      });
    }
  }
  if (definition.polarity !== "neutral" && !definition.target && !definition.thresholds) {
    warnings.push({
      code: "no_reference",
      path: "target",
      message:
        "Un sens de lecture sans cible ni seuils : le chiffre ne sera comparé à rien. Ajoutez une cible publique avec sa source, ou choisissez « neutre ».",
    });
  }
  if (definition.min_n < 10) {
    warnings.push({
      code: "small_min_n",
      path: "min_n",
      message: `Un N minimal de ${definition.min_n} laisse publier des chiffres calculés sur très peu de marchés ; le catalogue en demande au moins 10.`,
    });
  }
  return warnings;
}

const ROW_WARNINGS: Record<RowFlag, (count: number, d: IndicatorDefinition) => string> = {
  below_min_n: (n, d) =>
    `${n} ligne(s) reposent sur moins de ${d.min_n} marchés : à ne pas publier sans le dire.`,
  low_coverage: (n, d) =>
    `${n} ligne(s) ont une couverture inférieure à ${Math.round(d.min_coverage * 100)} % : le champ y est trop souvent vide pour que le chiffre représente l'ensemble.`,
  format_not_available: (n) =>
    `${n} ligne(s) n'ont aucun marché au format 2024 (ancien format de 2019) : pas de valeur.`,
  format_partial: (n) =>
    `${n} ligne(s) mêlent les deux formats : seuls les marchés au format 2024 comptent.`,
};

/** Counts of each flag over the rows, with a French warning for each flag that occurs. */
export function rowDiagnostics(
  rows: readonly IndicatorRow[],
  definition: IndicatorDefinition,
): { flagged: Record<RowFlag, number>; warnings: Warning[] } {
  const flagged = Object.fromEntries(ROW_FLAGS.map((f) => [f, 0])) as Record<RowFlag, number>;
  for (const row of rows) {
    for (const flag of Array.isArray(row.flags) ? row.flags : []) {
      if ((ROW_FLAGS as readonly string[]).includes(flag)) flagged[flag as RowFlag] += 1;
    }
  }
  const warnings = ROW_FLAGS.filter((f) => flagged[f] > 0).map((f) => ({
    code: f,
    path:
      f === "below_min_n" ? "min_n" : f === "low_coverage" ? "requires_fields" : "requires_format",
    message: ROW_WARNINGS[f](flagged[f], definition),
  }));
  return { flagged, warnings };
}
