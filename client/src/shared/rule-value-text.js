// A publication-quality rule in French: its value, and what it could not check, in one wording
// for the buyer page (client/src/components/publication-quality.js) and the annual report (HTML
// and DOCX). A rule
// that judged no contract has no value, for one of two reasons the reader must not confuse:
// no contract is concerned (« sans objet »), or some are but none could be checked, because
// their source does not publish what the rule reads (unknown, never « sans objet »: PLACE's
// contracts have no publication date, yet they are all concerned by the two-month rule).
// A plain ES module whose only import is its shared neighbour (types in rule-value-text.d.ts).
import { listed, plural } from "./french-words.js";

/**
 * @param {{ value: number | null, n_scope: number }} rule
 * @param {(share: number) => string} formatShare
 * @returns {string}
 */
export function ruleValueText(rule, formatShare) {
  if (rule.value !== null) return formatShare(rule.value);
  if (rule.n_scope === 0) return "sans objet (aucun marché concerné)";
  if (rule.n_scope === 1) return "inconnu (le marché concerné n'a pas pu être vérifié)";
  return `inconnu (aucun des ${plural(rule.n_scope, "marché concerné", "marchés concernés")} n'a pu être vérifié)`;
}

/**
 * What a rule could not check, or null: the fields some contracts' source does not publish at
 * all (Région Bretagne's own export has no objet, nature…). Their contracts are judged on the
 * other fields only, so « 100 % » says nothing of these: the reader is told which and on how
 * many contracts. « Champs obligatoires renseignés : nature, objet et forme du prix non
 * vérifiables sur 2 marchés, leur source ne publiant pas ces champs. »
 * @param {{ title: string, unverifiable: { label: string, contracts: number }[] }} rule
 * @returns {string | null}
 */
export function unverifiableText(rule) {
  if (rule.unverifiable.length === 0) return null;
  /** @type {Map<number, string[]>} */
  const byCount = new Map();
  for (const field of rule.unverifiable) {
    byCount.set(field.contracts, [...(byCount.get(field.contracts) ?? []), field.label]);
  }
  const parts = [...byCount].map(([contracts, labels]) => {
    const checkable = labels.length < 2 ? "vérifiable" : "vérifiables";
    return `${listed(labels)} non ${checkable} sur ${plural(contracts, "marché", "marchés")}`;
  });
  return `${rule.title} : ${parts.join(" ; ")}, leur source ne publiant pas ${
    rule.unverifiable.length < 2 ? "ce champ" : "ces champs"
  }.`;
}
