// An indicator result as one plain French sentence for elected officials: the value, how many
// contracts it rests on, and where it stands against thresholds and public targets.
import { formatBound, formatInteger, formatPercent, formatValue, plural } from "../format.js";
import { headline } from "./card.js";

/**
 * Where a value stands against the definition's thresholds, in words.
 * @param {import("../types.js").Indicator} ind
 * @param {string} status
 */
function thresholdWords(ind, status) {
  const t = ind.thresholds;
  if (!t) return "";
  const green = formatBound(t.green, ind.format);
  const red = formatBound(t.red, ind.format);
  if (status === "green") return ` — dans la zone verte du repère (${green} ; ${t.source})`;
  if (status === "red") return ` — au-delà du seuil d'alerte (${red} ; ${t.source})`;
  return ` — entre la zone verte (${green}) et le seuil d'alerte (${red})`;
}

/**
 * One indicator as a sentence with its N and what it is compared with.
 * @param {import("../types.js").IndicatorResult} result
 */
export function sentence(result) {
  const ind = result.indicator;
  const { text, row } = headline(result);
  const parts = [`${ind.title} : ${text}`];
  // A single figure, or a partition's one entity (a buyer's own page): its N and coverage.
  if ((ind.shape === "single" || ind.shape === "partition") && row) {
    const flags = Array.isArray(row.flags) ? row.flags : [];
    if (flags.includes("format_not_available")) {
      parts.push(
        " (aucun marché de la sélection n'est publié au format 2024, le seul qui contient cette information)",
      );
      return `${parts.join("")}.`;
    }
    // N: the contracts the figure is computed on; the scope: all those the indicator concerns.
    const n = typeof row.n === "number" ? row.n : 0;
    const scope = typeof row.n_scope === "number" ? row.n_scope : 0;
    if (row.value === null) {
      const missing = "information non renseignée ou inutilisable";
      parts.push(
        scope === 0
          ? " (aucun marché concerné)"
          : scope === 1
            ? ` (${missing} pour le seul marché concerné)`
            : ` (${missing} pour les ${formatInteger(scope)} marchés concernés)`,
      );
      return `${parts.join("")}.`;
    }
    parts.push(` (calculé sur ${plural(n, "marché", "marchés")}`);
    if (scope > n) parts.push(` des ${formatInteger(scope)} concernés`);
    if (typeof row.coverage === "number" && row.coverage < 1) {
      parts.push(
        ` ; information renseignée pour ${formatPercent(row.coverage)} des marchés concernés`,
      );
    }
    if (typeof row.coverage_value === "number" && row.coverage_value < 1) {
      parts.push(` ; ${formatPercent(row.coverage_value)} du montant publié pris en compte`);
    }
    parts.push(")");
    if (typeof row.status === "string") parts.push(thresholdWords(ind, row.status));
    if (ind.target && typeof row.target_met === "boolean") {
      const target = `${formatValue(ind.target.value, ind.format)} en ${ind.target.year}`;
      parts.push(
        ` — objectif national de ${target} ${row.target_met ? "atteint" : "pas encore atteint"}`,
      );
    }
    if (flags.includes("below_min_n"))
      parts.push(". Trop peu de marchés pour en tirer une conclusion");
  }
  return `${parts.join("")}.`;
}
