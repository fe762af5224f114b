// The who's who at national scale (npm run bench -- --file DECP --sirene DIR): the ETL of one DECP
// file with the shipped reference files only, then again with the SIRENE stocks of DIR
// (npm run generate -- --format sirene-csv|sirene-parquet) read first, once per layout found
// there. Each run in its own process: wall time, peak RSS, and what the stocks gave (rows kept by
// the semi-join, time to read them). Its section of bench/results.md sits between two markers.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure, type Measured } from "./steps/child.ts";

const cli = fileURLToPath(new URL("../etl/cli.ts", import.meta.url));
export const ENRICHMENT_MARKERS = {
  begin: "<!-- enrichment: written by bench/enrichment.ts -->",
  end: "<!-- /enrichment -->",
};

interface EtlJson {
  contracts: number;
  references: { kind: string; source: string; rows_kept: number; duration_ms: number }[];
  coverage: { measure: string; share: number | null }[];
}

export interface EnrichedRun {
  layout: "csv" | "parquet";
  stocks: { path: string; mb: number; rows_kept: number; seconds: number }[];
  etl: Measured;
}

export interface EnrichmentFigures {
  file: string;
  contracts: number;
  plain: Measured;
  runs: EnrichedRun[];
}

export function stockFiles(dir: string, layout: "csv" | "parquet"): string[] | null {
  const files = ["StockUniteLegale_utf8", "StockEtablissement_utf8"].map((n) =>
    join(dir, `${n}.${layout}`),
  );
  return files.every((f) => existsSync(f)) ? files : null;
}

export async function measureEnrichment(
  file: string,
  sireneDir: string,
  work: string,
  say: (line: string) => void,
): Promise<EnrichmentFigures> {
  say("the ETL with the shipped reference files only…");
  const plain = await measure([cli, file, "--db", join(work, "plain.duckdb"), "--json"]);
  const runs: EnrichedRun[] = [];
  for (const layout of ["parquet", "csv"] as const) {
    const stocks = stockFiles(sireneDir, layout);
    if (stocks === null) continue;
    say(`the ETL with the national SIRENE stocks (${layout}) read first…`);
    const [ul, etab] = stocks;
    const etl = await measure([
      cli,
      file,
      "--db",
      join(work, `sirene-${layout}.duckdb`),
      "--json",
      "--reference",
      `sirene_unites_legales=${ul}`,
      "--reference",
      `sirene_etablissements=${etab}`,
    ]);
    const report = JSON.parse(etl.stdout) as EtlJson;
    runs.push({
      layout,
      etl,
      stocks: stocks.map((path) => {
        const ref = report.references.find((r) => r.source === path);
        return {
          path,
          mb: Math.round(statSync(path).size / 1e6),
          rows_kept: ref?.rows_kept ?? 0,
          seconds: (ref?.duration_ms ?? 0) / 1000,
        };
      }),
    });
  }
  if (runs.length === 0) throw new Error(`no SIRENE stocks in ${sireneDir}`);
  const report = JSON.parse(plain.stdout) as EtlJson;
  return { file, contracts: report.contracts, plain, runs };
}

const sec = (m: Measured) => `${m.seconds.toFixed(1)} s`;
const mb = (m: Measured) => (m.peakRssMb === null ? "—" : `${m.peakRssMb} MB`);
const flag = (pass: boolean) => (pass ? "met" : "**missed**");

export function enrichmentMarkdown(f: EnrichmentFigures, note: string, command: string): string {
  const lines = [
    ENRICHMENT_MARKERS.begin,
    "### Who's who with the national SIRENE stocks",
    "",
    `${note} DECP file: ${f.file} → ${f.contracts} contracts. Command: \`${command}\`.`,
    "",
    "| target | layout | measured | ratio | status |",
    "|---|---|---|---|---|",
  ];
  for (const run of f.runs) {
    const ratio = run.etl.seconds / f.plain.seconds;
    const gb = (run.etl.peakRssMb ?? Infinity) / 1024;
    lines.push(
      `| ETL with enrichment ≤ 1.3× without | ${run.layout} | ${sec(run.etl)} vs ${sec(f.plain)} | ${ratio.toFixed(2)}× | ${flag(ratio <= 1.3)} |`,
      `| ETL with enrichment peak RSS ≤ 1 GB | ${run.layout} | ${gb.toFixed(2)} GB | ${gb.toFixed(2)}× | ${flag(gb <= 1)} |`,
    );
  }
  lines.push(
    "",
    "| run | wall | peak RSS | stock | size | rows kept | read in |",
    "|---|---|---|---|---|---|---|",
  );
  lines.push(
    `| ETL, shipped reference files only | ${sec(f.plain)} | ${mb(f.plain)} | — | — | — | — |`,
  );
  for (const run of f.runs) {
    for (const [i, stock] of run.stocks.entries()) {
      const head =
        i === 0
          ? `| ETL + SIRENE stocks (${run.layout}) | ${sec(run.etl)} | ${mb(run.etl)}`
          : "| | |";
      lines.push(
        `${head} | ${stock.path} | ${stock.mb} MB | ${stock.rows_kept} | ${stock.seconds.toFixed(1)} s |`,
      );
    }
  }
  lines.push(ENRICHMENT_MARKERS.end);
  return lines.join("\n");
}
