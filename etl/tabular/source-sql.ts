// DuckDB reads the tabular file itself: the view `src_rows` (row_idx, c0 … cN as text) over a CSV
// loaded once into a table (its row numbers are the table's insertion order), or over the Parquet
// file directly (its own row numbers). A CSV row DuckDB cannot read (too many or too few fields,
// a quote left open) does not stop the run: it lands in `csv_errors` with its line and text, and
// becomes a rejected row.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import { splitHeader, readHeaderLine, type Inspected } from "./detect.ts";
import { SourceFormatError } from "../formats/types.ts";
import { sqlString } from "../load/sql-script.ts";
import { firstLongLine } from "./long-line.ts";
import { SYNTHETIC_COLUMN } from "./columns.ts";

export interface LoadedSource {
  /** Column names as the file gives them, in order (data: matched, never printed in SQL). */
  header: string[];
  /** The file says it was generated (bench/generate.ts): a `$synthetic` column or Parquet key. */
  synthetic: boolean;
}

/** DuckDB's own longest line: a lower record limit still reads the lines it reads by default. */
const DUCKDB_MAX_LINE_BYTES = 2 * 2 ** 20;

export async function loadCsv(
  connection: DuckDBConnection,
  inspected: Inspected,
  separator: string,
  name: string,
  maxLineBytes = DUCKDB_MAX_LINE_BYTES,
): Promise<LoadedSource> {
  const header = splitHeader(await readHeaderLine(inspected), separator);
  const names = header.map((_, i) => `'c${i}'`).join(", ");
  const maxLine = Math.max(maxLineBytes, DUCKDB_MAX_LINE_BYTES);
  try {
    await connection.run(
      `CREATE TABLE src AS SELECT * FROM read_csv($path, delim = $separator, header = true,
         all_varchar = true, quote = '"', escape = '"', names = [${names}],
         compression = $compression, strict_mode = true, null_padding = false,
         max_line_size = $max_line, store_rejects = true, rejects_table = 'csv_errors',
         rejects_scan = 'csv_scans')`,
      {
        path: inspected.readPath,
        separator,
        compression: inspected.gzip ? "gzip" : "none",
        max_line: maxLine,
      },
    );
  } catch (error) {
    // DuckDB stops at a line over its limit (no reject for it) and names the wrong line.
    if (!/Maximum line size/.test((error as Error).message)) throw error;
    const long = await firstLongLine(inspected, maxLine);
    throw new SourceFormatError(
      name,
      long ? `line ${long.line}` : "a line",
      `a line of ${long ? `${long.bytes} bytes` : "this file"} is over the limit of ${maxLine} bytes (OBSERVATORY_MAX_RECORD_MB): no DECP row comes near it, so the file is not read`,
    );
  }
  const columns = await queryRows(
    connection,
    "SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = 'src'",
  );
  if (Number(columns[0].n) !== header.length) {
    throw new SourceFormatError(
      name,
      "header",
      `the header has ${header.length} columns, DuckDB read ${String(columns[0].n)}`,
    );
  }
  await connection.run("CREATE VIEW src_rows AS SELECT rowid AS row_idx, * FROM src");
  return { header, synthetic: header.includes(SYNTHETIC_COLUMN) };
}

export async function loadParquet(
  connection: DuckDBConnection,
  inspected: Inspected,
): Promise<LoadedSource> {
  const path = { path: inspected.readPath };
  const described = await queryRows(
    connection,
    "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($path))",
    path,
  );
  const header = described.map((c) => String(c.column_name));
  // Every column as text, as from a CSV: dates as YYYY-MM-DD (a timestamp's time is dropped).
  const casts = described.map((c, i) =>
    /^TIMESTAMP/.test(String(c.column_type))
      ? `strftime(#${i + 1}, '%Y-%m-%d') AS c${i}`
      : `CAST(#${i + 1} AS VARCHAR) AS c${i}`,
  );
  // The view reads the file where it is; a view's definition cannot hold a bound parameter.
  await connection.run(
    `CREATE VIEW src_rows AS SELECT file_row_number AS row_idx, ${casts.join(", ")}
     FROM read_parquet(${sqlString(inspected.readPath)}, file_row_number = true)`,
  );
  // No CSV reading, no CSV errors: the grouping SQL reads an empty table.
  await connection.run(
    "CREATE TABLE csv_errors (line BIGINT, error_message VARCHAR, csv_line VARCHAR)",
  );
  const synthetic = await queryRows(
    connection,
    "SELECT count(*) AS n FROM parquet_kv_metadata($path) WHERE decode(key) = $key",
    { ...path, key: SYNTHETIC_COLUMN },
  );
  return { header, synthetic: Number(synthetic[0].n) > 0 };
}
