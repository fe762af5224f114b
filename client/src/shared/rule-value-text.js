// The value of a publication-quality rule in French: one wording for the buyer page
// (client/src/components/publication-quality.js) and the annual report (HTML and DOCX). A rule
// that judged no contract has no value, for one of two reasons the reader must not confuse:
// no contract is concerned (« sans objet »), or some are but none could be checked, because
// their source does not publish what the rule reads (unknown, never « sans objet »: PLACE's
// contracts have no publication date, yet they are all concerned by the two-month rule).
// A plain ES module with no import (types in rule-value-text.d.ts).

const integer = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/**
 * @param {{ value: number | null, n_scope: number }} rule
 * @param {(share: number) => string} formatShare
 * @returns {string}
 */
export function ruleValueText(rule, formatShare) {
  if (rule.value !== null) return formatShare(rule.value);
  if (rule.n_scope === 0) return "sans objet (aucun marché concerné)";
  if (rule.n_scope === 1) return "inconnu (le marché concerné n'a pas pu être vérifié)";
  return `inconnu (aucun des ${integer.format(rule.n_scope)} marchés concernés n'a pu être vérifié)`;
}
