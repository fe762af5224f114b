// Builds a complete snapshot database from the staging files of a run: canonical tables,
// reference data, duplicates resolved, rejects and field issues kept, run log written.
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { STAGING_TABLES, type Staging } from "./staging.ts";
import { readSql, runScript, sqlString } from "./sql-script.ts";
import { checkUniqueKeys } from "./unique-keys.ts";
import { applyEnumTypes } from "./enum-columns.ts";

export interface SourceCounts {
  loaded: number;
  duplicates: number;
  field_issues: number;
}

// Columns that exist only while staging: where a row came from, and its publication date.
const RECORD_TAG = ["source_index INTEGER", "record_position INTEGER"];
const RANKING = ["published DATE"];
const BUILD_MEMORY_LIMIT = process.env.OBSERVATORY_ETL_MEMORY ?? "512MB";

export async function buildSnapshot(
  path: string,
  staging: Staging,
  runId: string,
  referenceDir: string,
  log: (line: string) => void = () => {},
): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const db = await openDatabase(path);
  const { connection } = db;
  let phaseStarted = Date.now();
  const phaseDone = (what: string) => {
    log(`  ${what} in ${((Date.now() - phaseStarted) / 1000).toFixed(1)} s`);
    phaseStarted = Date.now();
  };
  try {
    // Bounded memory whatever the input size: DuckDB spills to disk beyond this.
    await connection.run(`SET memory_limit = '${BUILD_MEMORY_LIMIT}'`);
    await connection.run("SET preserve_insertion_order = false");
    await runScript(connection, readSql("schema.sql"));
    await runScript(
      connection,
      readSql("reference.sql").replaceAll("{{dir}}", referenceDir.replace(/'/g, "''")),
    );
    for (const table of STAGING_TABLES) await loadStagingTable(connection, staging, table);
    phaseDone("staging files read");
    await runScript(connection, readSql("deduplicate.sql"), { run_id: runId });
    phaseDone("duplicates resolved");
    await runScript(connection, readSql("place.sql"));
    phaseDone("places of execution located");
    await applyEnumTypes(connection);
    phaseDone("ENUM column types set");
    await runScript(connection, readSql("finalise.sql"), { run_id: runId });
    await checkUniqueKeys(connection);
    phaseDone("canonical tables written and their keys checked");
  } catch (error) {
    db.close();
    throw error;
  }
  return { connection, close: () => db.close() };
}

async function loadStagingTable(
  connection: DuckDBConnection,
  staging: Staging,
  table: (typeof STAGING_TABLES)[number],
): Promise<void> {
  const stage = `stage_${table}`;
  await connection.run(`CREATE TEMP TABLE ${stage} AS SELECT * FROM ${table} LIMIT 0`);
  const extra = table === "rejects" || table === "field_issues" ? [] : RECORD_TAG;
  const ranking = table === "contracts" || table === "concessions" ? RANKING : [];
  for (const column of [...extra, ...ranking]) {
    await connection.run(`ALTER TABLE ${stage} ADD COLUMN ${column}`);
  }
  const columns = await queryRows(
    connection,
    "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $1 ORDER BY column_index",
    [stage],
  );
  const struct = columns.map(
    (c) => `"${String(c.column_name)}": ${sqlString(String(c.data_type))}`,
  );
  await connection.run(
    `INSERT INTO ${stage} SELECT * FROM read_json([${staging.filesOf(table).map(sqlString).join(", ")}],
       format = 'newline_delimited', columns = {${struct.join(", ")}},
       maximum_object_size = 33554432)`,
  );
}

/** Loaded, duplicate and field-issue counts per source, from the finished tables. */
export async function countsBySource(
  connection: DuckDBConnection,
): Promise<Map<string, SourceCounts>> {
  const rows = await queryRows(
    connection,
    `WITH sources AS (
       SELECT source FROM contracts UNION SELECT source FROM concessions
       UNION SELECT source FROM duplicates UNION SELECT source FROM field_issues)
     SELECT s.source,
       (SELECT count(*) FROM contracts c WHERE c.source = s.source)
         + (SELECT count(*) FROM concessions c WHERE c.source = s.source) AS loaded,
       (SELECT count(*) FROM duplicates d WHERE d.source = s.source) AS duplicates,
       (SELECT count(*) FROM field_issues f WHERE f.source = s.source) AS field_issues
     FROM sources s`,
  );
  return new Map(
    rows.map((r) => [
      String(r.source),
      {
        loaded: Number(r.loaded),
        duplicates: Number(r.duplicates),
        field_issues: Number(r.field_issues),
      },
    ]),
  );
}
