// What a reader sees for a key's value: its label, else its code as it is (a code the reference
// lists do not name, such as CPV division « 00 »), and for a group of contracts whose key is not
// known: « Date inconnue » for a period (the contracts without a notification date), « Non
// renseigné » for any other breakdown (a région, a procedure…). One wording for the dashboard's
// charts and tables (charts/, table.js, pivot.js) and for the spreadsheets' cells
// (server/export/table.ts), so that a row reads the same on screen and in CSV for Excel or XLSX;
// the data tools' formats keep null. A plain ES module with
// no import, loaded by the browser from /src/shared/ and by the server through a relative import
// (types in missing-key.d.ts).

/** The keys of a time grain, as the engine names them (GRAINS, indicators/compiler/request-schema.ts). */
export const TIME_KEYS = ["year", "quarter", "month"];

/** A breakdown value that is not known. */
export const NO_LABEL = "Non renseigné";

/** The period of the contracts without a notification date. */
export const UNKNOWN_DATE = "Date inconnue";

/**
 * The words of a missing value of the key `key` (a dimension's id).
 * @param {string} key
 * @returns {string}
 */
export function missingKeyText(key) {
  return TIME_KEYS.includes(key) ? UNKNOWN_DATE : NO_LABEL;
}

/**
 * The text of a key's value for a reader: its label; else its code as it is, rather than nothing
 * or « Non renseigné » (the value is known, only its name is not: CPV division « 00 » or « 74 »,
 * absent from the CPV list); else the words of a missing value.
 * @param {string} key the dimension's id
 * @param {unknown} label the value of its label column (undefined when it has none)
 * @param {unknown} code the key's own value
 * @returns {string}
 */
export function keyLabelText(key, label, code) {
  if (typeof label === "string" || typeof label === "number") return String(label);
  if (typeof code === "string" || typeof code === "number") return String(code);
  return missingKeyText(key);
}
