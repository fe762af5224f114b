// What a reader reads for each value of a key in one result, for the charts, the tables and the
// on-screen CSV alike. A row is identified by its code, never by its words: three SIRETs of
// « CA Mauges Communauté » are three buyers, and a table keyed by the name would show one row
// where only one of them survives in each cell. So a name that two codes of the result share
// carries its code beside it (« CA Mauges Communauté (20006001000085) »), for any dimension; a
// name that is unique in the result is shown alone.
import { keyLabelText } from "./shared/missing-key.js";

/**
 * @typedef {import("./types.js").IndicatorResult} IndicatorResult
 * @typedef {import("./types.js").Row} Row
 */

/** The identity of a missing value: no code is an empty control character. */
const MISSING_ID = "\u0000";

/**
 * A key's value as an identity (the code), for grouping rows: a missing value is one group of
 * its own, never mixed with a code that would read the same.
 * @param {Row} row
 * @param {string} key
 */
export function keyId(row, key) {
  const code = row[key];
  return typeof code === "string" || typeof code === "number" ? String(code) : MISSING_ID;
}

/**
 * The words of a key's value before telling namesakes apart: its label, else its code, else the
 * words of a missing value (« Non renseigné », « Date inconnue »): the exports' rule
 * (shared/missing-key.js).
 * @param {Row} row
 * @param {string} key
 */
function baseText(row, key) {
  return keyLabelText(key, row[`${key}_label`], row[key]);
}

/**
 * The reader's text of each value of `key` in `result`: one text per code, its code beside a
 * name that other codes of the result bear too.
 * @param {IndicatorResult} result
 * @param {string} key
 * @returns {(row: Row) => string}
 */
export function keyNames(result, key) {
  /** @type {Map<string, string>} code → its words */
  const words = new Map();
  for (const row of result.rows) {
    const id = keyId(row, key);
    if (!words.has(id)) words.set(id, baseText(row, key));
  }
  /** @type {Map<string, number>} words → how many codes bear them */
  const bearers = new Map();
  for (const text of words.values()) bearers.set(text, (bearers.get(text) ?? 0) + 1);
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const [id, text] of words) {
    // The missing value and a code shown as itself already say which one they are.
    const shared = (bearers.get(text) ?? 0) > 1 && id !== MISSING_ID && id !== text;
    names.set(id, shared ? `${text} (${id})` : text);
  }
  return (row) => names.get(keyId(row, key)) ?? baseText(row, key);
}
