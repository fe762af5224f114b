// Writes rows of decp.info's table (decp-info-rows.ts) as a Parquet or CSV file, typed as decp.info
// publishes them (dates as DATE, amounts as DOUBLE, booleans as BOOLEAN): the rows go to a
// newline-delimited JSON file first, streamed, then DuckDB converts it. A synthetic file says so:
// a `$synthetic` key of the Parquet metadata, or a `$synthetic` column of the CSV.
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { once } from "node:events";
import { openDatabase } from "../../lib/duckdb.ts";
import { DECP_INFO_COLUMNS, type Row } from "./decp-info-rows.ts";

export type TabularFormat = "parquet" | "csv";

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function writeTabular(
  rows: AsyncIterable<Row[]> | Iterable<Row[]>,
  out: string,
  format: TabularFormat,
  synthetic: Record<string, unknown> | null = null,
): Promise<{ rows: number }> {
  const staging = `${out}.rows.ndjson`;
  const stream = createWriteStream(staging);
  let count = 0;
  let text = "";
  for await (const batch of rows) {
    for (const row of batch) {
      // Empty columns are left out of the line: read back as NULL, as decp.info leaves them.
      text += JSON.stringify(row, (_key, value: unknown) => (value === null ? undefined : value));
      text += "\n";
      count++;
    }
    if (text.length > 1 << 20) {
      if (!stream.write(text)) await once(stream, "drain");
      text = "";
    }
  }
  stream.end(text);
  await once(stream, "finish");
  const db = await openDatabase(":memory:");
  try {
    await db.connection.run("SET preserve_insertion_order = true");
    const columns = Object.keys(DECP_INFO_COLUMNS);
    const asText = columns.map((c) => `${quoted(c)}: 'VARCHAR'`).join(", ");
    const typed = columns.map(
      (c) => `TRY_CAST(${identifier(c)} AS ${DECP_INFO_COLUMNS[c]}) AS ${identifier(c)}`,
    );
    if (synthetic !== null && format === "csv") typed.unshift(`'true' AS "$synthetic"`);
    const select = `SELECT ${typed.join(", ")} FROM read_json(${quoted(staging)},
      format = 'newline_delimited', columns = {${asText}}, maximum_object_size = 16777216)`;
    const options =
      format === "parquet"
        ? `FORMAT PARQUET, COMPRESSION ZSTD${
            synthetic === null
              ? ""
              : `, KV_METADATA {'$synthetic': ${quoted(JSON.stringify(synthetic))}}`
          }`
        : "FORMAT CSV, HEADER true";
    await db.connection.run(`COPY (${select}) TO ${quoted(out)} (${options})`);
  } finally {
    db.close();
    await rm(staging, { force: true });
  }
  return { rows: count };
}
