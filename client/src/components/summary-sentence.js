// An indicator result as one plain French sentence for elected officials: the value, how many
// contracts it rests on, and where it stands against thresholds and public targets.
import { formatBound, formatPercent, formatValue, plural } from "../format.js";
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
  if (ind.shape === "single" && row) {
    const flags = Array.isArray(row.flags) ? row.flags : [];
    if (flags.includes("format_not_available")) {
      parts.push(
        " (aucun de ces marchés n'est publié au format 2024, le seul qui contient cette information)",
      );
      return `${parts.join("")}.`;
    }
    if (row.value === null) {
      parts.push(
        ` (information non renseignée dans les ${plural(row.n, "marché", "marchés")} publiés)`,
      );
      return `${parts.join("")}.`;
    }
    parts.push(` (sur ${plural(row.n, "marché", "marchés")}`);
    if (typeof row.coverage === "number" && row.coverage < 1) {
      parts.push(`, information renseignée pour ${formatPercent(row.coverage)} d'entre eux`);
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
