// Builds a complete snapshot database from the staging files of a run: canonical tables,
// reference data, duplicates resolved, rejects and field issues kept, run log written.
import { dirname } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { STAGING_TABLES, type Staging } from "./staging.ts";
import { readSchemaSql, readSql, runScript, sqlString } from "./sql-script.ts";
import { checkUniqueKeys } from "./unique-keys.ts";
import { applyEnumTypes } from "./enum-columns.ts";
import { CORRECTED_LOT_PROBLEM, SHARED_ID_PROBLEM } from "../normalise/problems.ts";
import { writeLotKeys } from "./lot-keys.ts";
import type { ReferenceInput } from "../reference/kinds.ts";
import { enrich, type Enrichment } from "../reference/enrich.ts";
import { finaliseFeed, loadFeedStaging } from "./feed-tables.ts";
import { dropTemporaryTables, isGeography } from "./temporary-tables.ts";
import { boundEtlMemory } from "./etl-memory.ts";
import { buildPartyNames } from "./party-names.ts";

// Columns that exist only while staging: where a row came from, and for main rows what tells
// republications (publication date) from lots published under one id (content key).
const RECORD_TAG = ["source_index INTEGER", "record_position INTEGER"];
const RANKING = ["published DATE", "content_key VARCHAR"];
// The temporary tables the who's who still reads: staging tables (etl/sql/enrich-feed.sql drops
// them) and the geography of etl/sql/reference.sql.
const WHO_S_WHO_INPUTS = ["stage_contracts", "stage_feed_contracts", "stage_feed_titulaires"];
const isWhoSWhoInput = (table: string) => WHO_S_WHO_INPUTS.includes(table) || isGeography(table);

export async function buildSnapshot(
  path: string,
  staging: Staging,
  runId: string,
  referenceDir: string,
  references: ReferenceInput[],
  log: (line: string) => void = () => {},
): Promise<{ connection: DuckDBConnection; close: () => void; enrichment: Enrichment }> {
  const db = await openDatabase(path);
  const { connection } = db;
  let phaseStarted = Date.now();
  const phaseDone = (what: string) => {
    log(`  ${what} in ${((Date.now() - phaseStarted) / 1000).toFixed(1)} s`);
    phaseStarted = Date.now();
  };
  try {
    // Bounded memory whatever the input size: DuckDB spills to disk beyond the limit.
    await boundEtlMemory(connection);
    await connection.run("SET preserve_insertion_order = false");
    await runScript(connection, readSchemaSql());
    await runScript(
      connection,
      readSql("reference.sql").replaceAll("{{dir}}", referenceDir.replace(/'/g, "''")),
    );
    for (const table of STAGING_TABLES) await loadStagingTable(connection, staging, table);
    await loadFeedStaging(connection, staging);
    phaseDone("staging files read");
    await runScript(connection, readSql("lots.sql"));
    await writeLotKeys(connection);
    await runScript(connection, readSql("deduplicate.sql"), {
      run_id: runId,
      shared_id_problem: SHARED_ID_PROBLEM,
      corrected_lot_problem: CORRECTED_LOT_PROBLEM,
    });
    phaseDone("duplicates resolved");
    await runScript(connection, readSql("place.sql"));
    phaseDone("places of execution located");
    await applyEnumTypes(connection);
    phaseDone("ENUM column types set");
    await runScript(connection, readSql("finalise.sql"), { run_id: runId });
    await finaliseFeed(connection);
    await checkUniqueKeys(connection);
    await dropTemporaryTables(connection, isWhoSWhoInput);
    phaseDone("canonical tables written and their keys checked");
    const enrichment = await enrich(connection, references, dirname(path), log);
    phaseDone("who's who built from the reference files");
    await buildPartyNames(connection);
    phaseDone("names folded for search");
    return { connection, close: () => db.close(), enrichment };
  } catch (error) {
    db.close();
    throw error;
  }
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
