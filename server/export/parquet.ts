// Parquet through DuckDB: the rows go into a table of a private in-memory database with the
// appender (values never become SQL text), then COPY writes the file with the metadata as
// key-value pairs. The file is read back and removed.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, LIST, VARCHAR, type DuckDBAppender } from "@duckdb/node-api";
import type { ExportColumn, ExportTable, ExportValue } from "./table.ts";

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

export async function toParquet(table: ExportTable): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), "observatory-export-"));
  const instance = await DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
  });
  const connection = await instance.connect();
  try {
    const columns = table.columns.map((c) => `${quoteIdentifier(c.name)} ${SQL_TYPES[c.type]}`);
    await connection.run(`CREATE TABLE result (${columns.join(", ")})`);
    const appender = await connection.createAppender("result");
    for (const row of table.rows) {
      table.columns.forEach((column, i) => append(appender, row[i] ?? null, column));
      appender.endRow();
    }
    appender.closeSync();
    const metadata = [
      ...table.metadata.map((m) => [m.key, m.value] as const),
      ["columns", JSON.stringify(table.columns.map((c) => ({ name: c.name, label: c.label })))],
    ];
    const kv = metadata.map(([k, v]) => `${quoteIdentifier(k)}: ${quoteLiteral(v)}`).join(", ");
    const file = join(dir, "result.parquet");
    await connection.run(
      `COPY result TO ${quoteLiteral(file)} (FORMAT parquet, KV_METADATA {${kv}})`,
    );
    return await readFile(file);
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}
