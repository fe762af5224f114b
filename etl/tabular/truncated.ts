// A CSV file cut short (a download stopped mid-way, a copy that ran out of space) ends in the
// middle of a row, without a line break. When DuckDB finds that last line short of fields, or
// with a quote left open, the file was cut, and may lack any number of rows after the cut: like
// JSON, XML and gzip files cut short, the source fails and the snapshot served stays as it was.
// A last line with all its fields is read (some writers end without a line break: a cut inside
// its last value cannot be told from that), and one with too many is an unreadable row like any
// other, rejected on its own.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import { SourceFormatError } from "../formats/types.ts";
import { readTail, type Inspected } from "./detect.ts";

/** Enough of the file's end to hold its last line (a longer one is not compared). */
const TAIL_BYTES = 1 << 20;

/** The text after the file's last line break, or null when the file ends with one. */
async function unfinishedLastLine(path: string): Promise<string | null> {
  const tail = await readTail(path, TAIL_BYTES);
  const last = tail[tail.length - 1];
  if (tail.length === 0 || last === 0x0a || last === 0x0d) return null;
  const start = Math.max(tail.lastIndexOf(0x0a), tail.lastIndexOf(0x0d)) + 1;
  return tail.subarray(start).toString("utf8");
}

/** Fails the source when its CSV ends in the middle of a row that lacks fields. */
export async function checkLastRow(
  connection: DuckDBConnection,
  inspected: Inspected,
  source: string,
): Promise<void> {
  // A gzip file cut short fails when it is unpacked; its text's end is not at hand here.
  if (inspected.gzip) return;
  const last = await unfinishedLastLine(inspected.readPath);
  if (last === null || last.trim() === "") return;
  const [error] = await queryRows(
    connection,
    `SELECT line, error_type, error_message FROM csv_errors
      WHERE $last = csv_line OR ends_with(rtrim(csv_line, chr(13) || chr(10)), $last)
      ORDER BY line DESC LIMIT 1`,
    { last },
  );
  if (!error || error.error_type === "TOO MANY COLUMNS") return;
  const reason = String(error.error_message).split("\n")[0].slice(0, 120);
  throw new SourceFormatError(
    source,
    `end of file, line ${Number(error.line)}`,
    `truncated CSV: the file ends in the middle of a row, without a line break (${reason}); a file cut short may lack any number of rows, so none is read`,
  );
}
