// An instant in French words and Paris time (« 6 décembre 2026 à 22:07 »), whatever the reader's
// or the server's own time zone: one implementation for the dashboard (the freshness line and
// the run history, client/src/runs-format.js, whose schedule is stated in Paris time) and the
// spreadsheets' « Métadonnées » (server/export/table.ts: when the data were loaded, when the file
// was made). A plain ES module with no import, loaded by the browser from /src/shared/ and by the
// server through a relative import (types in paris-time.d.ts).

const dateTime = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});

/**
 * « 6 décembre 2026 à 22:07 » for 2026-12-06T21:07:22.317Z; « — » for nothing; a text that is no
 * instant, as it is.
 * @param {unknown} value an ISO date-time
 * @returns {string}
 */
export function formatDateTime(value) {
  if (typeof value !== "string" || value === "") return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
}
