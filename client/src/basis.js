// What a figure rests on, in words: N (the contracts it is computed on), the contracts in the
// indicator's scope when they are more, the coverage, and for sums of amounts the share of the
// published amount used. One wording for cards, the indicator page and the summaries.
import { formatInteger, formatPercent, plural } from "./format.js";

/** @param {unknown} value */
const count = (value) => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/**
 * « N = 1 086 marchés (sur 1 089 dans le périmètre) · couverture 99,7 % · couverture en valeur
 * 86,5 % »; the part in brackets only when some contracts in scope stay out of the figure.
 * @param {import("./types.js").Row} row
 */
export function basisText(row) {
  const n = count(row.n);
  const scope = count(row.n_scope);
  // No contract in scope: the coverage is without object, not unknown (« — » would read as a
  // hidden value).
  if (scope === 0 && typeof row.coverage !== "number") {
    return `N = ${plural(n, "marché", "marchés")} · aucun marché dans le périmètre`;
  }
  const parts = [
    `N = ${plural(n, "marché", "marchés")}${scope > n ? ` (sur ${formatInteger(scope)} dans le périmètre)` : ""}`,
    `couverture ${formatPercent(row.coverage)}`,
  ];
  if (typeof row.coverage_value === "number") {
    parts.push(`couverture en valeur ${formatPercent(row.coverage_value)}`);
  }
  return parts.join(" · ");
}
