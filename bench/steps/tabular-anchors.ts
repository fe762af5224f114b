// Child step: DuckDB's own reading of a tabular file, the reference points of the tabular ETL:
//   count FILE      SELECT count(*) of the file (Parquet: answered from its metadata)
//   table FILE DB   every column of every row read into a table (the whole file decoded)
// The file's kind is told from its first bytes, as the ETL tells it.
import { openSync, readSync, closeSync } from "node:fs";
import { openDatabase } from "../../lib/duckdb.ts";

const [step, file, target] = process.argv.slice(2);

function isParquet(path: string): boolean {
  const fd = openSync(path, "r");
  const head = Buffer.alloc(4);
  readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  return head.toString("latin1") === "PAR1";
}

const reader = isParquet(file) ? "read_parquet($path)" : "read_csv($path, all_varchar = true)";
const db = await openDatabase(step === "table" ? target : ":memory:");
if (step === "count") {
  const reply = await db.connection.runAndReadAll(`SELECT count(*) AS n FROM ${reader}`, {
    path: file,
  });
  process.stdout.write(`${String(reply.getRows()[0][0])}\n`);
} else if (step === "table") {
  await db.connection.run(`CREATE TABLE t AS SELECT * FROM ${reader}`, { path: file });
} else throw new Error(`unknown step ${step}`);
db.close();
process.stderr.write(`PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
