// Child step: the same indicators on SQLite (better-sqlite3, the engine decp.info once served
// from), through the compiler's SQLite dialect, on the same contracts copied from the ETL's
// database. Each pair of answers is compared before any time is: a ratio of times between
// different answers would mean nothing. Prints one JSON object on stdout.
import { statSync } from "node:fs";
import { loadCatalogue } from "../../indicators/index.ts";
import { openDatabase } from "../../lib/duckdb.ts";
import { benchRequests, percentile, timeRuns } from "./requests.ts";
import { loadSqlite } from "./sqlite-load.ts";
import { compareRows, openSqlite, runOnDuckdb, runOnSqlite } from "./sqlite-engine.ts";

const [dbPath, sqlitePath, runsArg, liteRunsArg] = process.argv.slice(2);
const [runs, liteRuns] = [Number(runsArg), Number(liteRunsArg)];

const duck = await openDatabase(dbPath, { readOnly: true });
const lite = openSqlite(sqlitePath);
const { model, definitions } = loadCatalogue();
const started = Date.now();
const loaded = await loadSqlite(duck.connection, lite, model);
const loadSeconds = (Date.now() - started) / 1000;
process.stderr.write(`  SQLite loaded in ${loadSeconds.toFixed(1)} s\n`);

const results = [];
for (const definition of definitions) {
  for (const { label, input } of benchRequests(definition)) {
    const difference = compareRows(
      await runOnDuckdb(duck.connection, definition, input, model),
      runOnSqlite(lite, definition, input, model),
    );
    // The comparison above warmed both engines up.
    const duckTimes = await timeRuns(
      runs,
      () => runOnDuckdb(duck.connection, definition, input, model),
      false,
    );
    const liteTimes = await timeRuns(
      liteRuns,
      () => runOnSqlite(lite, definition, input, model),
      false,
    );
    const [duckdbP50, sqliteP50] = [percentile(duckTimes, 50), percentile(liteTimes, 50)];
    results.push({
      id: definition.id,
      request: label,
      equal: difference === null,
      ...(difference ? { difference } : {}),
      duckdb_p50_ms: duckdbP50,
      sqlite_p50_ms: sqliteP50,
      ratio: sqliteP50 / duckdbP50,
    });
    process.stderr.write(
      `  ${definition.id} ${label}: SQLite ${sqliteP50.toFixed(0)} ms, ${(sqliteP50 / duckdbP50).toFixed(1)}×\n`,
    );
  }
}
duck.close();
lite.close();
const mb = Math.round(statSync(sqlitePath).size / 1e6);
process.stdout.write(
  JSON.stringify({ load_seconds: loadSeconds, file_mb: mb, ...loaded, results }) + "\n",
);
