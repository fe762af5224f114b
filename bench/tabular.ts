// The tabular ETL at national scale, beside DuckDB's own reading of the same file (npm run bench --
// --tabular FILE): a count(*) (for Parquet, answered from the file's metadata), every column of
// every row read into a table, and the ETL itself (wall time and peak RSS, in its own process).
// Its section of bench/results.md is written between two markers, the rest of the file left as is.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure, type Measured } from "./steps/child.ts";

const step = fileURLToPath(new URL("steps/tabular-anchors.ts", import.meta.url));
const cli = fileURLToPath(new URL("../etl/cli.ts", import.meta.url));
const BEGIN = "<!-- tabular: written by bench/tabular.ts -->";
const END = "<!-- /tabular -->";

export interface TabularFigures {
  file: { path: string; mb: number };
  count: Measured;
  table: Measured;
  etl: Measured;
  rows: number;
  contracts: number;
  report: { tabular?: Record<string, unknown>; format: string; records_read: number };
}

export async function measureTabular(file: string, work: string): Promise<TabularFigures> {
  const count = await measure([step, "count", file]);
  const table = await measure([step, "table", file, join(work, "table.duckdb")]);
  const etl = await measure([cli, file, "--db", join(work, "tabular.duckdb"), "--json"]);
  const report = JSON.parse(etl.stdout) as {
    contracts: number;
    sources: TabularFigures["report"][];
  };
  return {
    file: { path: file, mb: Math.round(statSync(file).size / 1e6) },
    count,
    table,
    etl,
    rows: Number(count.stdout.trim()),
    contracts: report.contracts,
    report: report.sources[0],
  };
}

const sec = (m: Measured) => `${m.seconds.toFixed(1)} s`;
const rss = (m: Measured) => (m.peakRssMb === null ? "—" : `${m.peakRssMb} MB`);
const flag = (pass: boolean) => (pass ? "met" : "**missed**");

export function tabularMarkdown(f: TabularFigures, note: string): string {
  const ratio = f.etl.seconds / f.count.seconds;
  const ratioTable = f.etl.seconds / f.table.seconds;
  const gb = (f.etl.peakRssMb ?? Infinity) / 1024;
  const t = f.report.tabular ?? {};
  return [
    BEGIN,
    "### Tabular ETL (consolidated tabular DECP)",
    "",
    `${note} File: ${f.file.path}, ${f.file.mb} MB, ${f.rows} rows (${String(t.dialect ?? "?")}, ${String(t.container ?? "?")}) → ${f.report.records_read} records → ${f.contracts} contracts.`,
    "",
    "| target | measured | ratio | status |",
    "|---|---|---|---|",
    `| ETL wall ≤ 3× DuckDB's count(*) of the file | ${sec(f.etl)} vs ${sec(f.count)} | ${ratio.toFixed(1)}× | ${flag(ratio <= 3)} |`,
    `| ETL peak RSS ≤ 1 GB | ${gb.toFixed(2)} GB | ${gb.toFixed(2)}× | ${flag(gb <= 1)} |`,
    "",
    "| step | wall | peak RSS |",
    "|---|---|---|",
    `| DuckDB \`SELECT count(*)\` of the file | ${sec(f.count)} | ${rss(f.count)} |`,
    `| DuckDB: every column of every row into a table | ${sec(f.table)} | ${rss(f.table)} |`,
    `| **observatory ETL** (rows → records → one normaliser → snapshot) | ${sec(f.etl)} (${ratio.toFixed(1)}× count, ${ratioTable.toFixed(1)}× table) | ${rss(f.etl)} |`,
    END,
  ].join("\n");
}

/** Puts a section in results.md in place of the previous one between its markers, or at its end. */
export function writeSection(
  resultsMd: string,
  section: string,
  markers: { begin: string; end: string } = { begin: BEGIN, end: END },
): void {
  const text = existsSync(resultsMd) ? readFileSync(resultsMd, "utf8") : "";
  const start = text.indexOf(markers.begin);
  const end = text.indexOf(markers.end);
  const next =
    start !== -1 && end !== -1
      ? text.slice(0, start) + section + text.slice(end + markers.end.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(resultsMd, next);
}
