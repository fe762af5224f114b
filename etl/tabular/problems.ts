// Problems and reasons the tabular readers write (English, stable keys of the API; the dashboard
// shows them in French: client/src/quality-labels.js). One spelling, in one place.

/** A field whose rows disagree within one contract (or one version of it). */
export const ROWS_DISAGREE_PROBLEM =
  "rows of one contract disagree on this value: the value of its current row is kept";

/** MINEF's "INX " prefix on a value its own checks found invalid. */
export const INVALID_MARKER_PROBLEM =
  "value marked invalid (INX) by the publisher: marker removed, value checked here";

/** decp.info writes « Sans objet » for « Pas de considération … » and « Pas de CCAG ». */
export const SANS_OBJET_PROBLEM =
  "« Sans objet » written by the feed for « Pas de … »: the published wording restored";

/** A decp.info file without modification_id: versions numbered by the feed's own rule. */
export const VERSIONS_FROM_DATES_PROBLEM =
  "modification_id absent: versions numbered by dateNotification, the feed's own rule";

/** A contract whose initial version (modification_id 0) is not in the file. */
export const INITIAL_VERSION_MISSING_PROBLEM =
  "initial version (modification_id 0) not in the file: the earliest version present is read as the initial one";

/** modification_id that is not a whole number. */
export const BAD_MODIFICATION_ID_PROBLEM =
  "modification_id not a whole number: the row is read as the initial version";

/** The problem the normaliser already writes for "NC", "-": the same text for MQ. */
export const MISSING_MARKER_PROBLEM = "marker of a missing value";

/** Reasons of rejection of a row (not of a contract), as DuckDB format() templates. */
export const UNREADABLE_ROW_REASON = "unreadable CSV row (line {}): {}";
export const EMPTY_ROW_REASON = "empty row: no value in the columns read (row {} of the rows read)";
