// Every catalogue indicator on a database: p50 / p95 latency of a plain request, one with a
// breakdown and one with a filter (uncached: each run is a fresh query on a reused connection).
// Prints one JSON object on stdout.
import { loadCatalogue, runIndicator } from "../../indicators/index.ts";
import { openDatabase } from "../../lib/duckdb.ts";
import { percentile } from "./percentile.ts";

const [dbPath, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 10);

const db = await openDatabase(dbPath, { readOnly: true });
const catalogue = loadCatalogue();
const results: Record<string, unknown>[] = [];
for (const definition of catalogue.definitions) {
  const by = ["year", "region"].find((d) => definition.breakdowns.includes(d));
  const filterable = definition.filters.includes("year");
  const requests: [string, Record<string, unknown>][] = [["plain", {}]];
  if (by) requests.push([`by ${by}`, { by: [by] }]);
  if (filterable)
    requests.push([
      "filter year=2025",
      { filters: [{ dimension: "year", op: "eq", values: ["2025"] }] },
    ]);
  for (const [label, request] of requests) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i <= RUNS; i++) {
      const started = process.hrtime.bigint();
      const result = await runIndicator(db.connection, definition, request, {
        model: catalogue.model,
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (i > 0) times.push(ms); // the first run warms the file cache
      rows = result.rows.length;
    }
    times.sort((a, b) => a - b);
    results.push({
      id: definition.id,
      request: label,
      rows,
      p50_ms: percentile(times, 50),
      p95_ms: percentile(times, 95),
    });
  }
}
db.close();
process.stdout.write(JSON.stringify(results) + "\n");
process.stderr.write(`PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
