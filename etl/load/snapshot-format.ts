// Which version of the tables a snapshot holds: a digest of the canonical model (etl/sql/schema.sql
// and schema-reference.sql, read as one script), recorded with its
// run (runs.snapshot_format). Code that reads a column a snapshot built by an older version lacks
// would fail on every page that reads it, so an outdated snapshot is rebuilt: a refresh rebuilds it
// even when no source changed (etl/refresh/refresh.ts), and the server starts that refresh as soon
// as it finds one (server/start.ts). A change of the ETL's rules that leaves the tables as they
// were is not a new format: the next refresh with new data brings it.
import { createHash } from "node:crypto";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { formatOfRun, LATEST_RUN_SQL } from "../../lib/snapshot-reader.ts";
import { readSchemaSql } from "./sql-script.ts";

export const SNAPSHOT_FORMAT = createHash("sha256")
  .update(readSchemaSql())
  .digest("hex")
  .slice(0, 16);

/** The format of the snapshot file at `dbPath`, read without touching it. */
export async function snapshotFormatOf(dbPath: string): Promise<string | null> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    return formatOfRun((await queryRows(db.connection, LATEST_RUN_SQL))[0]);
  } finally {
    db.close();
  }
}

/** How the log names a format that differs from this version's. */
export function describeOutdated(format: string | null): string {
  return `the current snapshot was built by an older version of the observatory (tables ${format ?? "of unrecorded format"}; this version's: ${SNAPSHOT_FORMAT})`;
}
