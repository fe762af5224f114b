// A tabular source (CSV or Parquet) → staging files for the one normaliser. DuckDB does the heavy
// lifting in a database of its own in the build folder (bounded memory, spilling to disk): it
// reads the file, maps its columns, rejects the rows it cannot use with their reason, groups the
// rows of each contract into one DECP-shaped record and writes the records as a JSON array, which
// the JSON path then reads and normalises like any producer's file (etl/load/normalise-source.ts).
// The feed's own columns and the rejected rows are written beside it for the snapshot build.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { readSql, runScript, sqlString } from "../load/sql-script.ts";
import { boundEtlMemory } from "../load/etl-memory.ts";
import { SourceFormatError } from "../formats/types.ts";
import { detectSeparator, inspectTabular, readHeaderLine, type Sniffed } from "./detect.ts";
import { loadCsv, loadParquet } from "./source-sql.ts";
import { checkLastRow } from "./truncated.ts";
import { recognise } from "./dialects.ts";
import { NOT_READ, SYNTHETIC_COLUMN } from "./columns.ts";
import { Params, rawRowSql, rowsSql } from "./rows-sql.ts";
import type { TabularStats, UnusedColumn } from "./stats.ts";
import * as P from "./problems.ts";

// The reader's DuckDB has the build's memory bound (etl/load/etl-memory.ts); the list aggregates of
// a record (titulaires, modifications) do not spill, so they are built one part at a time. At
// 1.5 M contracts a 1 GB limit took the ETL to 1.45 GB of RSS while the records were normalised
// beside it, 512 MB to 1.0 GB, in the same time (215 s against 189–213 s).
/**
 * Records are built and written by ranges of this many contracts (etl/sql/tabular-part.sql): the
 * lists of one part are all that sits in memory, whatever the size of the file.
 */
export const RECORDS_PER_PART = 50_000;

export interface ReadTabularOptions {
  /** Contracts per part (RECORDS_PER_PART by default; tests split a small file into many). */
  recordsPerPart?: number;
  /** The longest CSV line read (the record limit, formats/input-limits.ts; at least DuckDB's 2 MB). */
  maxLineBytes?: number;
}

export interface TabularFiles {
  /** The records, one per line, in order of position, in parts to be read one after the other. */
  records: string[];
  /** Staging files of the snapshot tables they belong to. */
  rejects: string;
  feedContracts: string;
  feedTitulaires: string;
}

export interface TabularRead {
  stats: TabularStats;
  files: TabularFiles;
  bytes: number;
  sha256: string;
  synthetic: boolean;
}

export async function readTabular(
  path: string,
  name: string,
  sourceIndex: number,
  sniffed: Sniffed,
  workDir: string,
  log: (line: string) => void,
  options: ReadTabularOptions = {},
): Promise<TabularRead> {
  const perPart = options.recordsPerPart ?? RECORDS_PER_PART;
  await mkdir(workDir, { recursive: true });
  const inspected = await inspectTabular(path, sniffed, workDir);
  const dbPath = join(workDir, "rows.duckdb");
  const db = await openDatabase(dbPath);
  const { connection } = db;
  try {
    await boundEtlMemory(connection);
    const separator =
      sniffed.container === "csv" ? detectSeparator(await readHeaderLine(inspected)) : null;
    const loaded =
      separator === null
        ? await loadParquet(connection, inspected)
        : await loadCsv(connection, inspected, separator, name, options.maxLineBytes);
    if (separator !== null) await checkLastRow(connection, inspected, name);
    const header = loaded.header;
    const recognised = recognise(header);
    if ("error" in recognised) throw new SourceFormatError(name, "header", recognised.error);
    const { dialect, columns } = recognised;
    log(`  ${name}: ${dialect.label}, ${inspected.encoding}; grouping rows into contracts…`);

    const params = new Params();
    await connection.run(rowsSql(columns, dialect, params), params.values);
    const settings = {
      source: name,
      source_index: sourceIndex,
      dialect: dialect.id,
      version_rule: dialect.versions,
      events: dialect.versions === "single",
      rows_disagree_problem: P.ROWS_DISAGREE_PROBLEM,
      versions_from_dates_problem: P.VERSIONS_FROM_DATES_PROBLEM,
      initial_version_missing_problem: P.INITIAL_VERSION_MISSING_PROBLEM,
      bad_modification_id_problem: P.BAD_MODIFICATION_ID_PROBLEM,
    };
    await runScript(connection, readSql("tabular-group.sql"), settings);
    await runScript(connection, readSql("tabular-records.sql"));

    const counts = await countRows(connection);
    await refuseUnreadableTable(connection, name, counts.rows_read, header.length);
    const files: TabularFiles = {
      records: Array.from({ length: Math.ceil(counts.contracts / perPart) }, (_, i) =>
        join(workDir, `records-${i}.ndjson`),
      ),
      rejects: join(workDir, "rejects.ndjson"),
      feedContracts: join(workDir, "feed_contracts.ndjson"),
      feedTitulaires: join(workDir, "feed_titulaires.ndjson"),
    };
    await writeFiles(connection, files, name, counts.contracts, header.length, perPart);
    const unused = await unusedColumns(connection, columns.unused);
    return {
      stats: {
        container: separator === null ? "Parquet" : "CSV",
        dialect: dialect.id,
        dialect_label: dialect.label,
        encoding: inspected.encoding,
        separator,
        versions: dialect.versions,
        ...counts,
        columns_read:
          header.length - columns.unused.length - (header.includes(SYNTHETIC_COLUMN) ? 1 : 0),
        columns_unused: unused,
      },
      files,
      bytes: inspected.bytes,
      sha256: inspected.sha256,
      synthetic: loaded.synthetic,
    };
  } finally {
    db.close();
    await rm(dbPath, { force: true });
    await rm(`${dbPath}.wal`, { force: true });
    await rm(join(workDir, "utf8-copy.csv"), { force: true });
  }
}

/**
 * A table whose rows mostly do not fit its header is not read: a header missing one column name
 * left 8 926 of decp.info's 8 957 rows unreadable, and the 31 others, read one field short, put
 * the notification date under the procedure and the amount under the date. A few unreadable rows
 * are rejected one by one as usual; past half of them, the file fails, naming the first.
 */
async function refuseUnreadableTable(
  connection: DuckDBConnection,
  source: string,
  rowsRead: number,
  columns: number,
): Promise<void> {
  const [errors] = await queryRows(
    connection,
    `SELECT count(DISTINCT line) AS lines, min(line) AS first,
            arg_min(error_message, line) AS message FROM csv_errors`,
  );
  const unreadable = Number(errors?.lines ?? 0);
  if (unreadable === 0 || unreadable * 2 <= rowsRead) return;
  const first =
    String(errors?.message ?? "")
      .split("\n")[0]
      ?.slice(0, 160) ?? "";
  throw new SourceFormatError(
    source,
    `line ${Number(errors?.first)}`,
    `${unreadable} of its ${rowsRead} rows do not fit its header of ${columns} columns (the first: ${first}); a header that lacks or adds a column name shifts every value, so the file is not read`,
  );
}

async function countRows(connection: DuckDBConnection) {
  const [row] = await queryRows(
    connection,
    `SELECT (SELECT count(*) FROM src_rows) + (SELECT count(DISTINCT line) FROM csv_errors) AS rows_read,
            (SELECT count(*) FROM row_keys) AS rows_used,
            (SELECT count(DISTINCT line) FROM csv_errors) + (SELECT count(*) FROM rows WHERE empty) AS rows_rejected,
            (SELECT count(*) FROM contract_keys) AS contracts`,
  );
  return {
    rows_read: Number(row.rows_read),
    rows_used: Number(row.rows_used),
    rows_rejected: Number(row.rows_rejected),
    contracts: Number(row.contracts),
  };
}

async function writeFiles(
  connection: DuckDBConnection,
  files: TabularFiles,
  source: string,
  contracts: number,
  columnCount: number,
  perPart: number,
): Promise<void> {
  // In position order, part after part: the reader numbers records as it reads them. Each part's
  // lists are built just before its records are written, and replaced by the next part's.
  const partSql = readSql("tabular-part.sql");
  for (const [part, file] of files.records.entries()) {
    const lo = part * perPart;
    await runScript(connection, partSql, { lo, hi: lo + perPart });
    await connection.run(
      `COPY (SELECT unnest(record) FROM records_between(${lo}, ${lo + perPart}) ORDER BY position)
       TO ${sqlString(file)} (FORMAT JSON)`,
    );
  }
  await connection.run(
    `COPY (SELECT * FROM feed_contract_rows) TO ${sqlString(files.feedContracts)} (FORMAT JSON)`,
  );
  await connection.run(
    `COPY (SELECT * FROM feed_titulaire_rows) TO ${sqlString(files.feedTitulaires)} (FORMAT JSON)`,
  );
  // Rejected rows come after the contracts: positions stay unique within the source. (COPY takes
  // no bound parameters: the rows are gathered in a table first.)
  await connection.run(
    `CREATE TABLE row_rejects AS
       SELECT $source AS source, ($contracts + row_number() OVER (ORDER BY part, ord) - 1)::INTEGER AS position,
              NULL::VARCHAR AS kind, reason, raw
       FROM (
         SELECT 0 AS part, line AS ord, format($unreadable, line, min(error_message)) AS reason,
                min(csv_line) AS raw
         FROM csv_errors GROUP BY line
         UNION ALL
         SELECT 1, s.row_idx, format($empty, s.row_idx + 1), ${rawRowSql(columnCount)}::VARCHAR
         FROM src_rows s JOIN rows r USING (row_idx) WHERE r.empty
       )`,
    {
      source,
      contracts,
      unreadable: P.UNREADABLE_ROW_REASON,
      empty: P.EMPTY_ROW_REASON,
    },
  );
  await connection.run(
    `COPY (SELECT * FROM row_rejects ORDER BY position) TO ${sqlString(files.rejects)} (FORMAT JSON)`,
  );
}

async function unusedColumns(
  connection: DuckDBConnection,
  unused: { name: string; position: number }[],
): Promise<UnusedColumn[]> {
  if (unused.length === 0) return [];
  const counts = unused.map((c) => `count(nullif(trim(c${c.position}), '')) AS n${c.position}`);
  const [row] = await queryRows(connection, `SELECT ${counts.join(", ")} FROM src_rows`);
  return unused.map((c) => {
    const why = NOT_READ[c.name.trim().toLowerCase()];
    return { name: c.name, filled: Number(row[`n${c.position}`]), ...(why ? { why } : {}) };
  });
}
