// What a group of contracts whose key is not known is called: « Date inconnue » for a period (the
// contracts without a notification date), « Non renseigné » for any other breakdown (a région, a
// procedure…). One wording for the dashboard's charts and tables (charts/, table.js, pivot.js)
// and for the spreadsheets' cells (server/export/table.ts), so that a row reads the same on
// screen and in CSV for Excel or XLSX; the data tools' formats keep null. A plain ES module with
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
