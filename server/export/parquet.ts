// Parquet through DuckDB: the rows go into a table of a private in-memory database with the
// appender (values never become SQL text), a chunk at a time as they arrive, then COPY writes the
// file with the metadata as key-value pairs. The private database has a small memory limit: it
// spills to disk rather than grow the server.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, LIST, VARCHAR, type DuckDBAppender } from "@duckdb/node-api";
import type { ExportColumn, ExportTable, ExportValue, MetadataEntry } from "./table.ts";

const SQL_TYPES: Record<ExportColumn["type"], string> = {
  integer: "BIGINT",
  number: "DOUBLE",
  string: "VARCHAR",
  boolean: "BOOLEAN",
  "string[]": "VARCHAR[]",
};

const LIST_OF_TEXT = LIST(VARCHAR);

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
// COPY options take no parameters: metadata values are printed as literals, quotes doubled
// (DuckDB string literals have no backslash escapes, so that is the whole rule).
export const quoteLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

function append(appender: DuckDBAppender, value: ExportValue, column: ExportColumn): void {
  if (value === null) return appender.appendNull();
  switch (column.type) {
    case "integer":
      return appender.appendBigInt(BigInt(Math.trunc(Number(value))));
    case "number":
      return appender.appendDouble(Number(value));
    case "boolean":
      return appender.appendBoolean(Boolean(value));
    case "string":
      return appender.appendVarchar(String(value));
    case "string[]":
      return appender.appendList(Array.isArray(value) ? value : [String(value)], LIST_OF_TEXT);
  }
}

/** Writes the rows, read as they come, to a Parquet file at `file`. */
export async function writeParquet(
  file: string,
  columns: ExportColumn[],
  metadata: MetadataEntry[],
  rows: AsyncIterable<ExportValue[][]> | Iterable<ExportValue[][]>,
): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
    memory_limit: "256MB",
    temp_directory: `${file}.tmp`,
  });
  const connection = await instance.connect();
  try {
    const types = columns.map((c) => `${quoteIdentifier(c.name)} ${SQL_TYPES[c.type]}`);
    await connection.run(`CREATE TABLE result (${types.join(", ")})`);
    const appender = await connection.createAppender("result");
    try {
      for await (const chunk of rows) {
        for (const row of chunk) {
          columns.forEach((column, i) => append(appender, row[i] ?? null, column));
          appender.endRow();
        }
        appender.flushSync();
      }
    } finally {
      appender.closeSync();
    }
    const pairs = [
      ...metadata.map((m) => [m.key, m.value] as const),
      ["columns", JSON.stringify(columns.map((c) => ({ name: c.name, label: c.label })))],
    ];
    const kv = pairs.map(([k, v]) => `${quoteIdentifier(k)}: ${quoteLiteral(v)}`).join(", ");
    await connection.run(
      `COPY result TO ${quoteLiteral(file)} (FORMAT parquet, KV_METADATA {${kv}})`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A whole table as Parquet bytes (tests, small files). */
export async function toParquet(table: ExportTable): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), "observatory-export-"));
  try {
    const file = join(dir, "result.parquet");
    await writeParquet(file, table.columns, table.metadata, [table.rows]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
