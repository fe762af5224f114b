// Runs the .sql files of etl/sql: statements split on a semicolon at the end of a line, each run
// with the named parameters it uses (values always bound, never spliced).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";

const SQL_DIR = fileURLToPath(new URL("../sql/", import.meta.url));

export function readSql(name: string): string {
  return readFileSync(`${SQL_DIR}${name}`, "utf8");
}

/**
 * The canonical model, every table of a snapshot: the contracts, their parts and the run log
 * (schema.sql), then the reference data and the who's who (schema-reference.sql), read as one
 * script. Its text is what the snapshot format digests (snapshot-format.ts).
 */
export function readSchemaSql(): string {
  return readSql("schema.sql") + readSql("schema-reference.sql");
}

export async function runScript(
  connection: DuckDBConnection,
  script: string,
  params: Record<string, DuckDBValue> = {},
): Promise<void> {
  const statements = script
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
    .filter((statement) => statement !== "");
  for (const statement of statements) {
    const used = Object.fromEntries(
      Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(statement)),
    );
    await connection.run(statement, Object.keys(used).length > 0 ? used : undefined);
  }
}

/** A string literal for a path of our own making (table functions take no bound file names here). */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
