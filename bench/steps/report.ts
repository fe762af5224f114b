// bench/results.md: the benchmark's figures as Markdown tables, each beside its target.
import type { Measured } from "./child.ts";
import { BROWSER_NAME } from "./home-page.ts";
import { median, type Results } from "./results.ts";
import type { ServerFigures } from "./server.ts";

const ms = (n: number) => (n < 1 ? `${n.toFixed(3)} ms` : `${n.toFixed(1)} ms`);
const s = (m: Measured) => `${m.seconds.toFixed(1)} s`;
const rss = (m: Measured) => (m.peakRssMb === null ? "—" : `${m.peakRssMb} MB`);
const flag = (pass: boolean) => (pass ? "met" : "**missed**");

function serverRows(f: ServerFigures): string[] {
  const rows = f.load.map(
    (l) =>
      `| ${f.mode} | ${l.target} | ${l.connections} | ${Math.round(l.requests_per_second)} | ${l.p50_ms} ms | ${l.p99_ms} ms | ${l.errors} |`,
  );
  return rows;
}

function homeLines(f: ServerFigures): string[] {
  const h = f.home_fetch;
  const slowest = h.slowest.map((t) => `${t.path} ${(t.ms / 1000).toFixed(1)} s`).join(", ");
  const lines = [
    `- Server ${f.mode}: the page's ${h.requests} requests, fetched as the page does: **${h.seconds.toFixed(1)} s**, ${h.mb} MB, ${h.errors} errors (slowest: ${slowest}).`,
  ];
  if (f.warm_seconds !== null)
    lines.push(
      `  Home page answers computed ahead at start (what the first visitor after a refresh waits for at most): ${f.warm_seconds.toFixed(1)} s.`,
    );
  if (f.home_fetch_again)
    lines.push(
      `  Again (DuckDB's own buffers warm): **${f.home_fetch_again.seconds.toFixed(2)} s**, ${f.home_fetch_again.errors} errors.`,
    );
  if (f.home_browser)
    lines.push(
      `  In ${BROWSER_NAME}, until every card is drawn: **${f.home_browser.seconds.toFixed(1)} s**${f.home_browser.errors.length ? ` (errors: ${f.home_browser.errors.slice(0, 3).join("; ")})` : ""}.`,
    );
  lines.push(`  Server peak RSS: ${f.peak_rss_mb ?? "—"} MB.`);
  return lines;
}

export function toMarkdown(r: Results): string {
  const { etl } = r;
  const lite = new Map(r.sqlite.results.map((q) => [`${q.id} ${q.request}`, q]));
  const lines = [
    `Measured on ${r.date.slice(0, 16).replace("T", " ")} UTC: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ram_gb} GB RAM (shared machine; load average at start ${r.machine.load_average.map((l) => l.toFixed(1)).join(" / ")}).`,
    `Node ${r.versions.node}, DuckDB ${r.versions.duckdb_engine} (@duckdb/node-api ${r.versions.duckdb}), SQLite ${r.versions.sqlite_engine} (better-sqlite3 ${r.versions.sqlite}), autocannon ${r.versions.autocannon}.`,
    `File: ${r.file.path}, ${r.file.mb} MB, ${etl.records_read} synthetic v2 records → ${etl.contracts} contracts; database ${etl.db_mb} MB (SQLite copy of the columns the indicators read: ${r.sqlite.file_mb} MB).`,
    `Runs per figure: ${r.runs.uncached} uncached, ${r.runs.cached} cached, ${r.runs.sqlite} on SQLite; ${r.runs.server_seconds} s per load test.`,
    "",
    "### Targets",
    "",
    "| target | measured | ratio | status |",
    "|---|---|---|---|",
    ...r.targets.map((t) => `| ${t.target} | ${t.measured} | ${t.ratio} | ${flag(t.pass)} |`),
    "",
    "### ETL of the national file, beside its anchors (same records, same run)",
    "",
    "| step | wall | peak RSS |",
    "|---|---|---|",
    `| plain Node byte scan of the file | ${s(etl.byte_scan)} | ${rss(etl.byte_scan)} |`,
    `| (a) DuckDB \`read_json\` of the file as published, unnested into a table | ${s(etl.anchor_a)} | ${rss(etl.anchor_a)} |`,
    `| (b) DuckDB \`read_json\` of the same records one per line, into a table | ${s(etl.anchor_b)} | ${rss(etl.anchor_b)} |`,
    `| **observatory ETL** (all normalisation, checks, snapshot) | ${s(etl.etl)} (${(etl.etl.seconds / etl.anchor_b.seconds).toFixed(1)}× b, ${(etl.etl.seconds / etl.anchor_a.seconds).toFixed(2)}× a) | ${rss(etl.etl)} |`,
    "",
    "### Indicators at national scale",
    "",
    "Uncached: a fresh query each run on a reused connection. Cached: the server's own answer path (`runForApi` with its answer cache keyed by snapshot + checked request), without HTTP. SQLite: the same plan compiled to SQLite, answers checked equal first; ratio = SQLite p50 / DuckDB p50.",
    "",
    "| indicator | request | rows | uncached p50 | uncached p95 | cached p50 | cached p95 | SQLite p50 | × SQLite |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const i of r.indicators) {
    const q = lite.get(`${i.id} ${i.request}`);
    const ratio = q ? `${q.ratio.toFixed(1)}×${q.equal ? "" : " (**unequal**)"}` : "—";
    lines.push(
      `| ${i.id} | ${i.request} | ${i.rows} | ${ms(i.uncached_p50_ms)} | ${i.uncached_p95_ms <= 50 ? ms(i.uncached_p95_ms) : `**${ms(i.uncached_p95_ms)}**`} | ${ms(i.cached_p50_ms)} | ${ms(i.cached_p95_ms)}${i.cache_hit_share < 1 ? " (**not kept**)" : ""} | ${q ? ms(q.sqlite_p50_ms) : "—"} | ${ratio} |`,
    );
  }
  const ratios = r.sqlite.results.map((q) => q.ratio);
  lines.push(
    "",
    `SQLite copy loaded in ${r.sqlite.load_seconds.toFixed(0)} s; ratio median ${median(ratios).toFixed(1)}×.`,
    "",
    "### Server on loopback (autocannon)",
    "",
    "| server | requests | connections | req/s | p50 | p99 | errors |",
    "|---|---|---|---|---|---|---|",
    ...r.server.flatMap(serverRows),
    "",
    "### Dashboard home page",
    "",
    ...r.server.flatMap(homeLines),
    "",
    "### Hostile load (answer cache off)",
    "",
    ...hostileLines(r.hostile_load),
  );
  return lines.join("\n") + "\n";
}

export function hostileLines(h: Results["hostile_load"]): string[] {
  return [
    `${h.connections} connections on heavy uncached breakdowns for ${h.seconds} s, /api/health probed every 0.5 s.`,
    "",
    "| requests | 2xx | 4xx | 503 (Retry-After) | other 5xx | errors + time-outs | health p50 | health p95 | health p99 | health max | failed probes | peak RSS | idle after |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    `| ${h.requests} | ${h.status["2xx"]} | ${h.status["4xx"]} | ${h.status["503"]} | ${h.status["other 5xx"]} | ${h.errors_and_timeouts} | ${h.health.p50_ms} ms | ${h.health.p95_ms} ms | ${h.health.p99_ms} ms | ${h.health.max_ms} ms | ${h.health.failed} / ${h.health.probes} | ${h.peak_rss_mb ?? "—"} MB | ${h.idle_after_ms === null ? "never (2 min)" : `${h.idle_after_ms} ms`} |`,
  ];
}
