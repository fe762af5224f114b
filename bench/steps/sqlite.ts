// The same indicators computed with SQLite (better-sqlite3, the engine decp.info once served from)
// on the same contracts, for a documented subset whose SQLite SQL is written by hand. Each pair's
// values are checked equal before any time is compared. Prints one JSON object on stdout.
import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import { findDefinition, loadCatalogue, runIndicator } from "../../indicators/index.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { percentile } from "./percentile.ts";

const [dbPath, sqlitePath, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 10);

// Indicator id and request → the same figure in SQLite (suspect amounts excluded as the engine does).
const PAIRS: {
  id: string;
  label: string;
  request: Record<string, unknown>;
  sql: string;
  value: (rows: Record<string, number>[]) => number;
}[] = [
  {
    id: "contracts_count",
    label: "plain",
    request: {},
    sql: "SELECT count(*) AS v FROM contracts",
    value: (r) => r[0].v,
  },
  {
    id: "amount_total",
    label: "plain",
    request: {},
    sql: "SELECT sum(montant) AS v FROM contracts WHERE montant IS NOT NULL AND NOT montant_suspect",
    value: (r) => r[0].v,
  },
  {
    id: "no_publicity_share",
    label: "plain",
    request: {},
    sql: "SELECT avg(CASE WHEN procedure = 'sans_publicite' THEN 1.0 ELSE 0 END) AS v FROM contracts",
    value: (r) => r[0].v,
  },
  {
    id: "contracts_count",
    label: "filter year=2025",
    request: { filters: [{ dimension: "year", op: "eq", values: ["2025"] }] },
    sql: "SELECT count(*) AS v FROM contracts WHERE year = 2025",
    value: (r) => r[0].v,
  },
];

function time(fn: () => Promise<unknown> | unknown): Promise<{ p50: number; p95: number }> {
  return (async () => {
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const started = process.hrtime.bigint();
      await fn();
      if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p95: percentile(times, 95) };
  })();
}

const duck = await openDatabase(dbPath, { readOnly: true });
rmSync(sqlitePath, { force: true });
const lite = new Database(sqlitePath);
lite.exec(
  `CREATE TABLE contracts (uid TEXT PRIMARY KEY, year INTEGER, montant REAL, montant_suspect INTEGER, procedure TEXT)`,
);
const insert = lite.prepare("INSERT INTO contracts VALUES (?, ?, ?, ?, ?)");
const loadStarted = Date.now();
for (let offset = 0; ; offset += 100_000) {
  const rows = await queryRows(
    duck.connection,
    `SELECT uid, year(date_notification) AS year, montant, montant_suspect::INTEGER AS s, procedure
     FROM contracts ORDER BY uid LIMIT 100000 OFFSET ${offset}`,
  );
  if (rows.length === 0) break;
  lite.transaction(() => {
    for (const r of rows) insert.run(r.uid, r.year, r.montant, r.s, r.procedure);
  })();
}
// What a decp.info-like user would index for these queries.
lite.exec(
  "CREATE INDEX contracts_year ON contracts (year); CREATE INDEX contracts_procedure ON contracts (procedure)",
);
const loadSeconds = (Date.now() - loadStarted) / 1000;

const catalogue = loadCatalogue();
const results = [];
for (const pair of PAIRS) {
  const definition = findDefinition(catalogue, pair.id);
  const engine = await runIndicator(duck.connection, definition, pair.request, {
    model: catalogue.model,
  });
  const engineValue = Number(engine.rows[0]?.value);
  const sqliteValue = pair.value(lite.prepare(pair.sql).all() as Record<string, number>[]);
  const equal = Math.abs(engineValue - sqliteValue) <= 1e-6 * Math.max(1, Math.abs(engineValue));
  const duckTime = await time(() =>
    runIndicator(duck.connection, definition, pair.request, { model: catalogue.model }),
  );
  const liteTime = await time(() => lite.prepare(pair.sql).all());
  results.push({
    id: pair.id,
    request: pair.label,
    duckdb_value: engineValue,
    sqlite_value: sqliteValue,
    equal,
    duckdb_p50_ms: duckTime.p50,
    sqlite_p50_ms: liteTime.p50,
    ratio: liteTime.p50 / duckTime.p50,
  });
}
duck.close();
lite.close();
process.stdout.write(JSON.stringify({ load_seconds: loadSeconds, results }) + "\n");
