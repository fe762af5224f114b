// The day an instant falls on in France: one rule for the dashboard (client/src/format.js) and the
// annual report (server/report/format.ts), which both say when the data were loaded and when the
// document was produced. The run history states its times in Europe/Paris
// (client/src/runs-format.js); a day read off the UTC string instead says the day before for a
// load between midnight and one (two in summer) in the morning, Paris time: « chargées le 6
// décembre à 00:05 » above, « chargées le 5 décembre » below. A plain ES module with no import,
// loaded by the browser from /src/shared/ and by the server (types in paris-day.d.ts).

const PARIS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** A calendar date, alone or followed by a time. */
const DAY = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;
/** The end of a date-time that names its offset from UTC. */
const ZONE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * The calendar day (YYYY-MM-DD) of an ISO date or date-time, in Paris. A calendar date is that
 * day wherever the reader is; an instant (a date-time with its offset, or Z) is placed on Paris's
 * calendar; a date-time without an offset says nothing of its zone, so its day is the one written.
 * `null` for a text that is none of these.
 * @param {string} iso
 * @returns {string | null}
 */
export function parisDay(iso) {
  const written = DAY.exec(iso);
  if (!written) return null;
  const day = /** @type {string} */ (written[1]);
  if (iso.length === day.length || !ZONE.test(iso)) return day;
  // DuckDB writes an offset of whole hours as « +00 », which Date does not read without minutes.
  const instant = new Date(iso.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"));
  if (Number.isNaN(instant.getTime())) return null;
  const parts = PARIS.formatToParts(instant);
  /** @param {string} type */
  const part = (type) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}
