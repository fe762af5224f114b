// Child step: every catalogue indicator on the ETL's database, for each benchmark request.
// Uncached: a fresh query each run on a reused connection, as the engine runs them. Cached: the
// server's own path (server/indicator-service.ts runForApi with its answer cache: request parsed
// and checked, snapshot looked up, answer from memory), without the HTTP layer, which the load
// tests measure. Prints one JSON array on stdout.
import type { Request } from "express";
import { loadCatalogue, runIndicator, type RequestInput } from "../../indicators/index.ts";
import { loadPlans } from "../../indicators/plans/load.ts";
import { openDatabase } from "../../lib/duckdb.ts";
import type { AppDeps } from "../../server/deps.ts";
import { openSnapshots } from "../../server/db.ts";
import { createAnswerCache } from "../../server/answer-cache.ts";
import { runForApi } from "../../server/indicator-service.ts";
import { SnapshotCardinalities } from "../../server/answer-limits.ts";
import { SnapshotReferences } from "../../server/reference-codes.ts";
import { resolveLimits } from "../../server/limits.ts";
import { createWork } from "../../server/work.ts";
import { benchRequests, percentile, timeRuns } from "./requests.ts";

const [dbPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg);

/** The same request as the dashboard writes it in a URL query. */
function asQuery(input: RequestInput): Request["query"] {
  const query: Record<string, string> = {};
  if (input.by?.length) query.by = input.by.join(",");
  const [filter] = input.filters ?? [];
  if (filter) query.filter = `${filter.dimension}=${filter.values.join(",")}`;
  return query;
}

const db = await openDatabase(dbPath, { readOnly: true });
const catalogue = loadCatalogue();
const { model, definitions } = catalogue;
const deps: AppDeps = {
  snapshots: openSnapshots(dbPath),
  catalogue,
  plans: loadPlans(catalogue),
  clock: () => new Date(),
  // One request at a time here: limits that never refuse one of the benchmark's requests.
  work: createWork(
    resolveLimits({ maxGroups: Number.MAX_SAFE_INTEGER, maxAnswerCells: Number.MAX_SAFE_INTEGER }),
  ),
  cardinalities: new SnapshotCardinalities(catalogue.model),
  references: new SnapshotReferences(),
  answers: createAnswerCache(),
};
const results = [];
for (const definition of definitions) {
  for (const { label, input } of benchRequests(definition)) {
    let rows = 0;
    const uncached = await timeRuns(runs, async () => {
      rows = (await runIndicator(db.connection, definition, input, { model })).rows.length;
    });
    // The unmeasured warm-up run fills the cache; many more runs, as each takes microseconds.
    let hits = 0;
    const cached = await timeRuns(runs * 20, async () => {
      if ((await runForApi(deps, definition.id, asQuery(input))).hit) hits++;
    });
    results.push({
      id: definition.id,
      request: label,
      rows,
      uncached_p50_ms: percentile(uncached, 50),
      uncached_p95_ms: percentile(uncached, 95),
      cached_p50_ms: percentile(cached, 50),
      cached_p95_ms: percentile(cached, 95),
      // Below 1 when the answer was too large for the cache: the "cached" times are then computed.
      cache_hit_share: hits / (runs * 20),
    });
    process.stderr.write(
      `  ${definition.id} ${label}: ${percentile(uncached, 50).toFixed(1)} ms, cached ${percentile(cached, 50).toFixed(3)} ms\n`,
    );
  }
}
deps.snapshots.close();
db.close();
process.stdout.write(JSON.stringify(results) + "\n");
process.stderr.write(`PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
