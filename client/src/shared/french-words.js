// Counts and lists in French, one wording for the dashboard (client/src/format.js and the
// components), the shared sentences (rule-value-text.js) and the annual report
// (server/report/words.ts): « 0 marché », « 1 marché », « 2 marchés » (French takes the singular
// below 2), « a, b et c », a label inside a sentence (« par acheteur (SIRET) »). A plain ES
// module with no import, loaded by the browser from /src/shared/ and by the server through a
// relative import (types in french-words.d.ts).

const integer = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/**
 * A count with its noun: « 1 203 marchés », « 0 marché »; « — » for a count that is no number.
 * @param {unknown} count
 * @param {string} one
 * @param {string} many
 * @returns {string}
 */
export function plural(count, one, many) {
  const n = typeof count === "number" ? count : Number(count);
  // A count rounded to zero is « 0 », never « -0 ».
  const figure = Number.isFinite(n) ? integer.format(n === 0 ? 0 : n) : "—";
  return `${figure} ${Math.abs(n) < 2 ? one : many}`;
}

/**
 * « a, b et c »; a single item alone; nothing for none.
 * @param {string[]} items
 * @returns {string}
 */
export function listed(items) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}

/**
 * A label inside a sentence: its first letter lower-cased, the rest as it is (« Répartition par
 * acheteur (SIRET) », « par division CPV », never « (siret) » nor « cpv »); a label that starts
 * with an acronym keeps it (« CPV … »).
 * @param {string} label
 * @returns {string}
 */
export function inSentence(label) {
  const first = /^[^\s(]+/u.exec(label)?.[0] ?? "";
  const acronym = first.length > 1 && first === first.toUpperCase() && /\p{Lu}/u.test(first);
  return acronym ? label : label.charAt(0).toLowerCase() + label.slice(1);
}
