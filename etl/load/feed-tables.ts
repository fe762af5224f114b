// The feed's own columns (etl/tabular/): staged by DuckDB beside the records of a tabular source,
// keyed like them by (source, position), and written into the snapshot for the records kept.
// Records are numbered by the JSON reader as it reads the staging file, feed rows by the SQL that
// wrote that file: the two must agree, and the build checks that they do, contract by contract.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import { readSql, runScript, sqlString } from "./sql-script.ts";
import type { Staging } from "./staging.ts";

export const FEED_TABLES = ["feed_contracts", "feed_titulaires"] as const;

const TAG = ["source_index INTEGER", "record_position INTEGER"];

export async function loadFeedStaging(
  connection: DuckDBConnection,
  staging: Staging,
): Promise<void> {
  for (const table of FEED_TABLES) {
    const stage = `stage_${table}`;
    await connection.run(
      `CREATE TEMP TABLE ${stage} AS SELECT * EXCLUDE (uid) FROM ${table} LIMIT 0`,
    );
    const extra = table === "feed_contracts" ? [...TAG, "published_id VARCHAR"] : TAG;
    for (const column of extra) await connection.run(`ALTER TABLE ${stage} ADD COLUMN ${column}`);
    const files = staging.includedFiles(table);
    if (files.length === 0) continue;
    const columns = await queryRows(
      connection,
      "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $1 ORDER BY column_index",
      [stage],
    );
    const struct = columns.map(
      (c) => `"${String(c.column_name)}": ${sqlString(String(c.data_type))}`,
    );
    await connection.run(
      `INSERT INTO ${stage} BY NAME SELECT * FROM read_json([${files.map(sqlString).join(", ")}],
         format = 'newline_delimited', columns = {${struct.join(", ")}})`,
    );
  }
}

/** After deduplicate.sql: the kept records' feed rows, once their positions are checked. */
export async function finaliseFeed(connection: DuckDBConnection): Promise<void> {
  const [mismatch] = await queryRows(
    connection,
    `SELECT count(*) AS n, any_value(c.source) AS source, any_value(c.record_position) AS position,
            any_value(c.id) AS contract_id, any_value(f.published_id) AS feed_id
     FROM stage_feed_contracts f JOIN stage_contracts c USING (source_index, record_position)
     WHERE c.id IS NOT NULL AND c.id <> trim(f.published_id)`,
  );
  if (Number(mismatch.n) > 0) {
    throw new Error(
      `${String(mismatch.source)}: the feed's columns of ${String(mismatch.n)} contracts do not ` +
        `follow their records (position ${String(mismatch.position)}: id ${String(mismatch.contract_id)} ` +
        `vs ${String(mismatch.feed_id)})`,
    );
  }
  await runScript(connection, readSql("feed.sql"));
}
