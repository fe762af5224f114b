// The benchmark's figures as a Markdown table, each beside its target and ratio.
import type { Measured } from "./child.ts";

export interface Results {
  date: string;
  machine: { cpu: string; cores: number; ram_gb: number };
  versions: Record<string, string>;
  file: { path: string; mb: number };
  etl: {
    byte_scan?: Measured;
    anchor_a?: Measured;
    anchor_b?: Measured;
    etl?: Measured;
    contracts?: number;
    db_mb?: number;
  };
  indicators: { id: string; request: string; rows: number; p50_ms: number; p95_ms: number }[];
  sqlite: {
    load_seconds: number;
    results: {
      id: string;
      request: string;
      equal: boolean;
      duckdb_p50_ms: number;
      sqlite_p50_ms: number;
      ratio: number;
    }[];
  };
  server: {
    path: string;
    requests_per_second: number;
    p50_ms: number;
    p99_ms: number;
    errors: number;
  }[];
}

const s = (m?: Measured) => (m ? `${m.seconds.toFixed(1)} s` : "—");
const mb = (m?: Measured) => (m?.peakRssMb ? `${m.peakRssMb} MB` : "—");
const ok = (pass: boolean) => (pass ? "met" : "**missed**");

export function toMarkdown(r: Results): string {
  const { etl } = r;
  const lines = [
    `Benchmark of ${r.date.slice(0, 10)} on ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ram_gb} GB;`,
    `Node ${r.versions.node}, @duckdb/node-api ${r.versions.duckdb}, better-sqlite3 ${r.versions.sqlite}.`,
    `File: ${r.file.path} (${r.file.mb} MB, ${etl.contracts ?? "?"} contracts loaded; database ${etl.db_mb ?? "?"} MB).`,
    "",
    "| step | wall | peak RSS | target | status |",
    "|---|---|---|---|---|",
    `| plain Node byte scan | ${s(etl.byte_scan)} | ${mb(etl.byte_scan)} | | |`,
    `| (a) DuckDB read_json of the file as published | ${s(etl.anchor_a)} | ${mb(etl.anchor_a)} | | |`,
    `| (b) DuckDB read_json, one record per line | ${s(etl.anchor_b)} | ${mb(etl.anchor_b)} | | |`,
  ];
  if (etl.etl && etl.anchor_a && etl.anchor_b) {
    const vsB = etl.etl.seconds / etl.anchor_b.seconds;
    const vsA = etl.etl.seconds / etl.anchor_a.seconds;
    lines.push(
      `| observatory ETL (all normalisation) | ${s(etl.etl)} (${vsB.toFixed(1)}× b, ${vsA.toFixed(2)}× a) | ${mb(etl.etl)} | ≤ 2× b, ≤ 1 GB | ${ok(vsB <= 2)} / ${ok((etl.etl.peakRssMb ?? Infinity) <= 1024)} |`,
    );
  }
  lines.push(
    "",
    "| indicator | request | rows | p50 | p95 (target ≤ 50 ms uncached) |",
    "|---|---|---|---|---|",
  );
  for (const i of r.indicators) {
    lines.push(
      `| ${i.id} | ${i.request} | ${i.rows} | ${i.p50_ms.toFixed(1)} ms | ${i.p95_ms.toFixed(1)} ms ${i.p95_ms <= 50 ? "" : "**missed**"} |`,
    );
  }
  lines.push(
    "",
    `SQLite (same contracts, loaded in ${r.sqlite.load_seconds.toFixed(1)} s, values checked equal):`,
    "",
    "| indicator | request | equal | DuckDB p50 | SQLite p50 | ratio (target ≥ 10×) |",
    "|---|---|---|---|---|---|",
  );
  for (const q of r.sqlite.results) {
    lines.push(
      `| ${q.id} | ${q.request} | ${q.equal ? "yes" : "**no**"} | ${q.duckdb_p50_ms.toFixed(1)} ms | ${q.sqlite_p50_ms.toFixed(1)} ms | ${q.ratio.toFixed(1)}× ${q.ratio >= 10 ? "" : "**missed**"} |`,
    );
  }
  lines.push(
    "",
    "| server request (loopback, 10 connections) | req/s (target ≥ 2 000) | p50 | p99 | errors |",
    "|---|---|---|---|---|",
  );
  for (const t of r.server) {
    lines.push(
      `| ${t.path} | ${Math.round(t.requests_per_second)} ${t.requests_per_second >= 2000 ? "" : "**missed**"} | ${t.p50_ms} ms | ${t.p99_ms} ms | ${t.errors} |`,
    );
  }
  return lines.join("\n") + "\n";
}
