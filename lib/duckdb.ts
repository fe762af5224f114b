// The one place that opens DuckDB and turns its values into plain JSON-safe rows.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Row = Record<string, JsonValue>;
export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;

export interface Database {
  readonly path: string;
  readonly connection: DuckDBConnection;
  close(): void;
}

export interface OpenOptions {
  readOnly?: boolean;
}

// Offline by design: never try to download an extension (json and parquet are built in).
const OFFLINE_OPTIONS = {
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "true",
};

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Database> {
  const config: Record<string, string> = { ...OFFLINE_OPTIONS };
  if (options.readOnly) config.access_mode = "READ_ONLY";
  const instance = await DuckDBInstance.create(path, config);
  const connection = await instance.connect();
  return {
    path,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs a statement with bound parameters and returns JSON-safe rows. */
export async function queryRows(
  connection: DuckDBConnection,
  sql: string,
  params?: SqlParams,
): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, params);
  const names = reader.columnNames();
  // Column by column, then row by row: no per-row entry arrays (answers reach 150,000 rows).
  const columns = reader.getColumnsJS();
  const rows: Row[] = new Array<Row>(reader.currentRowCount);
  for (let r = 0; r < rows.length; r++) rows[r] = {};
  for (let c = 0; c < names.length; c++) {
    const name = names[c];
    const values = columns[c];
    for (let r = 0; r < rows.length; r++) rows[r][name] = toJson(values[r]);
  }
  return rows;
}

/** BIGINT becomes a number (counts here stay far below 2^53), DATE an ISO date string. */
export function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
    return value;
  }
  return String(value);
}
