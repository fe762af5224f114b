// The snapshot build's temporary tables hold its memory (DuckDB keeps them in memory, or in its
// spill files beyond the memory limit) until dropped: each step drops what it no longer needs, so
// that the next one has the limit to itself. At 1.5 M contracts the staging and deduplication
// tables alone held 2.5 GB, 300 MB of it in memory, when the who's who began.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";

/** The geography of etl/sql/reference.sql (ref_communes, ref_postal, ref_cpv), read to the end. */
export const isGeography = (table: string): boolean => table.startsWith("ref_");

export async function dropTemporaryTables(
  connection: DuckDBConnection,
  keep: (table: string) => boolean,
): Promise<void> {
  const tables = await queryRows(
    connection,
    "SELECT table_name FROM duckdb_tables() WHERE temporary ORDER BY table_name",
  );
  for (const { table_name } of tables) {
    const name = String(table_name);
    if (!keep(name)) await connection.run(`DROP TABLE temp.main."${name}"`);
  }
}
