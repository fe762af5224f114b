// The keys of the canonical contract tables. They are not declared as PRIMARY KEY in schema.sql:
// DuckDB would then maintain an index row by row during the bulk load (12 s of the 30 s build on
// the national file). They are checked here instead, once, when the tables are written: a snapshot
// where a contract appears twice is never installed.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";

export const UNIQUE_KEYS: Record<string, string[]> = {
  contracts: ["uid"],
  contract_suppliers: ["uid", "position"],
  contract_modifications: ["uid", "position"],
  subcontracting_acts: ["uid", "position"],
  concessions: ["uid"],
  concession_holders: ["uid", "position"],
  concession_modifications: ["uid", "position"],
  concession_execution: ["uid", "position"],
  feed_contracts: ["uid"],
  feed_titulaires: ["uid", "position"],
};

/** Fails with the table, the key and one repeated value if a key is not unique. */
export async function checkUniqueKeys(connection: DuckDBConnection): Promise<void> {
  for (const [table, key] of Object.entries(UNIQUE_KEYS)) {
    const columns = key.join(", ");
    const repeated = await queryRows(
      connection,
      `SELECT ${columns}, count(*) AS n FROM ${table} GROUP BY ${columns} HAVING count(*) > 1 LIMIT 1`,
    );
    if (repeated.length > 0) {
      const { n, ...value } = repeated[0];
      throw new Error(
        `${table}: the key (${columns}) is not unique: ${JSON.stringify(value)} appears ${String(n)} times`,
      );
    }
  }
}
