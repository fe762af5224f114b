// What a tabular source adds to its run summary: how the file was read (container, encoding,
// separator, dialect), its rows (read = used + rejected, checked) and the contracts they make.
import type { DialectId, VersionRule } from "./dialects.ts";

export interface UnusedColumn {
  name: string;
  /** Rows where the column is filled: a column not read but filled is said, never hidden. */
  filled: number;
  /** Why a known column is not read (columns.ts NOT_READ); absent for an unknown column. */
  why?: string;
}

export interface TabularStats {
  container: "CSV" | "Parquet";
  dialect: DialectId;
  dialect_label: string;
  /** As detected: "UTF-8", "UTF-8 (BOM)", "WINDOWS-1252", "UTF-16LE" (Parquet: "UTF-8"). */
  encoding: string;
  /** The CSV separator detected from the header line; null for Parquet. */
  separator: string | null;
  /** How the versions of a contract are told apart (dialects.ts). */
  versions: VersionRule;
  rows_read: number;
  /** Rows grouped into contracts. */
  rows_used: number;
  /** Rows DuckDB could not read, and rows with no value in the columns read (in `rejects`). */
  rows_rejected: number;
  /** Contracts built from the rows: the source's records_read. */
  contracts: number;
  columns_read: number;
  columns_unused: UnusedColumn[];
}

/** Throws when the rows do not balance: read = used + rejected, and one record per contract. */
export function checkRowBalance(source: string, stats: TabularStats, recordsRead: number): void {
  if (stats.rows_read !== stats.rows_used + stats.rows_rejected) {
    throw new Error(
      `${source}: ${stats.rows_read} rows read but ${stats.rows_used} used + ` +
        `${stats.rows_rejected} rejected`,
    );
  }
  if (recordsRead !== stats.contracts) {
    throw new Error(`${source}: ${stats.contracts} contracts built but ${recordsRead} read back`);
  }
}

const SEPARATOR_NAMES: Record<string, string> = { ",": "','", ";": "';'", "|": "'|'", "\t": "tab" };

/** One line of the run summary for a tabular source. */
export function describeTabular(source: string, s: TabularStats): string {
  const separator = s.separator === null ? "" : `, separator ${SEPARATOR_NAMES[s.separator]}`;
  const unused = s.columns_unused.filter((c) => c.filled > 0);
  const note =
    unused.length > 0
      ? `; filled but not read: ${unused.map((c) => `${c.name} (${c.filled})`).join(", ")}`
      : "";
  return (
    `  ${source}: ${s.container} ${s.encoding}${separator}, ${s.dialect_label}; ` +
    `${s.rows_read} rows read = ${s.rows_used} used + ${s.rows_rejected} rejected → ` +
    `${s.contracts} contracts${note}`
  );
}
