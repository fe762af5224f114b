// npm run bench [-- --file /tmp/national.json] [--quick] [--out bench/results.json]
//               [--tabular /tmp/national.parquet [--only-tabular]] [--only-hostile] [--only-search]
//               [--only-buyer] [--sirene /tmp/sirene [--only-enrichment]]
// Measures, in one run on this machine: the ETL of a national-size file beside two DuckDB anchors
// on the same records, every indicator (uncached, cached, and on SQLite for the ratio), the
// server's throughput, the home page's load time, the name search and the buyer's page. Writes the JSON figures and a Markdown table
// next to them (results.md). A script, not a test: it reports targets met or missed, asserts none.
// Every heavy step runs in its own child process, so its wall time and peak RSS are its own.
import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase, queryRows } from "../lib/duckdb.ts";
import { measure } from "./steps/child.ts";
import { toMarkdown } from "./steps/report.ts";
import { checkTargets, type Results } from "./steps/results.ts";
import { measureServer } from "./steps/server.ts";
import { measureHostileLoad } from "./steps/hostile-load.ts";
import { measureTabular, tabularMarkdown, writeTabularSection } from "./tabular.ts";
import { benchHostile } from "./hostile.ts";
import { benchSearch, writeSearchSection } from "./search.ts";
import { measureSearch } from "./steps/search.ts";
import { benchBuyerPage, writeBuyerPageSection } from "./buyer-page.ts";
import { measureBuyerPage } from "./steps/buyer-page.ts";
import { measuredLine } from "./steps/own-snapshot.ts";
import { ENRICHMENT_MARKERS, enrichmentMarkdown, measureEnrichment } from "./enrichment.ts";
import { writeSection } from "./steps/section.ts";

const step = (name: string) => fileURLToPath(new URL(`steps/${name}`, import.meta.url));
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const say = (line: string) => process.stderr.write(`${line}\n`);

const USAGE = `usage: npm run bench [-- --file FILE] [--quick] [--out bench/results.json]
                 [--tabular FILE [--only-tabular]] [--only-hostile] [--only-search]
                 [--only-buyer] [--sirene DIR [--only-enrichment]]
FILE: npm run generate -- --contracts 1500000 --format v2 --out FILE (see bench/README.md)
`;

function parseOptions() {
  try {
    return parseArgs({
      options: {
        file: { type: "string", default: "/tmp/national.json" },
        quick: { type: "boolean", default: false },
        out: { type: "string", default: root("bench/results.json") },
        // The consolidated tabular DECP (npm run generate -- --format tabular-parquet): its ETL beside
        // DuckDB's own reading; with --only-tabular, only that, its section of results.md replaced.
        tabular: { type: "string" },
        "only-tabular": { type: "boolean", default: false },
        // The ETL of --file then only the hostile-load step; its section of results.md replaced.
        "only-hostile": { type: "boolean", default: false },
        // The ETL of --file then only the name search; its section of results.md replaced.
        "only-search": { type: "boolean", default: false },
        // The ETL of --file then only the buyer's page; its section of results.md replaced.
        "only-buyer": { type: "boolean", default: false },
        // SIRENE stocks (npm run generate -- --format sirene-parquet|sirene-csv --out DIR): the ETL of
        // --file with them and without; with --only-enrichment, only that, its section replaced.
        sirene: { type: "string" },
        "only-enrichment": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    // An unknown or incomplete option: say which, then how to call it.
    say(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

const values = parseOptions();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const measuredOn = () =>
  `Measured on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC (load average at start ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" / ")}).`;

async function benchEnrichment(file: string, sireneDir: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "decp-bench-enrichment-"));
  try {
    const figures = await measureEnrichment(file, sireneDir, work, say);
    const command = `npm run bench -- ${process.argv.slice(2).join(" ")}`;
    const section = enrichmentMarkdown(figures, measuredOn(), command);
    writeSection(values.out.replace(/\.json$/, "") + ".md", ENRICHMENT_MARKERS, section);
    process.stdout.write(`${section}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function benchTabular(file: string): Promise<void> {
  if (!existsSync(file)) {
    say(`${file} not found. Generate it first:`);
    say(`  npm run generate -- --contracts 1500000 --format tabular-parquet --out ${file}`);
    process.exit(2);
  }
  const work = mkdtempSync(join(tmpdir(), "decp-bench-tabular-"));
  try {
    say(`tabular ETL of ${file}, beside DuckDB's own reading…`);
    const figures = await measureTabular(file, work);
    const command = `npm run bench -- ${process.argv.slice(2).join(" ")}`;
    const section = tabularMarkdown(figures, `${measuredOn()} Command: \`${command}\`.`);
    writeTabularSection(values.out.replace(/\.json$/, "") + ".md", section);
    process.stdout.write(`${section}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (values.tabular && values["only-tabular"]) {
  await benchTabular(values.tabular);
  process.exit(0);
}
if (values.sirene && values["only-enrichment"]) {
  await benchEnrichment(values.file, values.sirene);
  process.exit(0);
}
const file = values.file;
if (!existsSync(file)) {
  say(`${file} not found. Generate it first (about 2 minutes, 1.8 GB):`);
  say(`  npm run generate -- --contracts 1500000 --format v2 --out ${file}`);
  process.exit(2);
}
const runs = {
  uncached: values.quick ? 5 : 20,
  cached: values.quick ? 100 : 400,
  sqlite: values.quick ? 1 : 3,
  // DuckDB's side of the ratio, timed in the same process as SQLite's.
  duckdb_vs_sqlite: 5,
  server_seconds: values.quick ? 5 : 10,
  hostile_seconds: values.quick ? 10 : 30,
};

if (values["only-hostile"]) {
  const resultsMd = values.out.replace(/\.json$/, "") + ".md";
  process.stdout.write(`${await benchHostile(file, runs.hostile_seconds, resultsMd, say)}\n`);
  process.exit(0);
}

if (values["only-search"]) {
  const resultsMd = values.out.replace(/\.json$/, "") + ".md";
  process.stdout.write(`${await benchSearch(file, resultsMd, say)}\n`);
  process.exit(0);
}

if (values["only-buyer"]) {
  const resultsMd = values.out.replace(/\.json$/, "") + ".md";
  process.stdout.write(`${await benchBuyerPage(file, resultsMd, say)}\n`);
  process.exit(0);
}

function packageVersion(name: string): string {
  const path = root(`node_modules/${name}/package.json`);
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

async function engineVersions(): Promise<Record<string, string>> {
  const duck = await openDatabase(":memory:");
  const [{ v }] = await queryRows(duck.connection, "SELECT version() AS v");
  duck.close();
  const lite = new Database(":memory:");
  const { s } = lite.prepare("SELECT sqlite_version() AS s").get() as { s: string };
  lite.close();
  return {
    node: process.version,
    duckdb_engine: String(v),
    duckdb: packageVersion("@duckdb/node-api"),
    sqlite_engine: s,
    sqlite: packageVersion("better-sqlite3"),
    autocannon: packageVersion("autocannon"),
  };
}

const work = mkdtempSync(join(tmpdir(), "decp-bench-"));
try {
  const started = new Date();
  const machine = {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    ram_gb: Math.round(totalmem() / 2 ** 30),
    load_average: loadavg(),
  };
  say(`benchmark of ${file} in ${work}${values.quick ? " (quick)" : ""}`);
  say("plain Node byte scan…");
  const byteScan = await measure([step("anchors.ts"), "scan", file]);
  say("anchor (a): DuckDB read_json of the file as published…");
  const anchorA = await measure([step("anchors.ts"), "as-published", file, join(work, "a.duckdb")]);
  rmSync(join(work, "a.duckdb"), { force: true });
  say("anchor (b): the same records one per line (writing them is not timed)…");
  const ndjson = join(work, "records.ndjson");
  await measure([step("anchors.ts"), "write-ndjson", file, ndjson]);
  const anchorB = await measure([step("anchors.ts"), "ndjson", ndjson, join(work, "b.duckdb")]);
  rmSync(ndjson, { force: true });
  rmSync(join(work, "b.duckdb"), { force: true });

  say("the observatory's ETL…");
  const db = join(work, "observatory.duckdb");
  const etl = await measure([root("etl/cli.ts"), file, "--db", db, "--json"]);
  const report = JSON.parse(etl.stdout) as {
    contracts: number;
    sources: { records_read: number }[];
  };

  say("indicators, uncached and cached…");
  const indicators = JSON.parse(
    (await measure([step("indicators.ts"), db, String(runs.uncached)])).stdout,
  ) as Results["indicators"];
  say("the same indicators on SQLite…");
  const sqlite = JSON.parse(
    (
      await measure([
        step("sqlite.ts"),
        db,
        join(work, "observatory.sqlite"),
        String(runs.duckdb_vs_sqlite),
        String(runs.sqlite),
      ])
    ).stdout,
  ) as Results["sqlite"];

  say("the server with its answer cache off…");
  const server = [await measureServer(db, runs.server_seconds, false, say)];
  say("the server as shipped (answer cache, home page computed ahead)…");
  server.push(await measureServer(db, runs.server_seconds, true, say));
  say("hostile load: heavy uncached requests while health is probed…");
  const hostileLoad = await measureHostileLoad(db, runs.hostile_seconds, say);
  say("name search…");
  const search = await measureSearch(db, say);
  say("buyer page…");
  const buyerPage = await measureBuyerPage(db, say);

  const figures: Omit<Results, "targets"> = {
    date: started.toISOString(),
    machine,
    versions: await engineVersions(),
    runs,
    file: { path: file, mb: Math.round(statSync(file).size / 1e6) },
    etl: {
      byte_scan: byteScan,
      anchor_a: anchorA,
      anchor_b: anchorB,
      etl,
      records_read: report.sources.reduce((sum, s) => sum + s.records_read, 0),
      contracts: report.contracts,
      db_mb: Math.round(statSync(db).size / 1e6),
    },
    indicators,
    sqlite,
    server,
    hostile_load: hostileLoad,
  };
  const results: Results = { ...figures, targets: checkTargets(figures) };
  // Children's stdout is parsed above; the file keeps the figures only.
  const json = JSON.stringify(
    results,
    (key, value: unknown) => (key === "stdout" ? undefined : value),
    2,
  );
  writeFileSync(values.out, json + "\n");
  const markdown = toMarkdown(results);
  writeFileSync(values.out.replace(/\.json$/, "") + ".md", markdown);
  process.stdout.write(markdown);
  const command = `npm run bench -- ${process.argv.slice(2).join(" ")}`;
  const measured = measuredLine(started, machine.load_average, file, report.contracts, command);
  const resultsMd = values.out.replace(/\.json$/, "") + ".md";
  process.stdout.write(`${writeSearchSection(resultsMd, search, measured)}\n`);
  process.stdout.write(`${writeBuyerPageSection(resultsMd, buyerPage, measured)}\n`);
  if (values.tabular) await benchTabular(values.tabular);
  if (values.sirene) await benchEnrichment(file, values.sirene);
} finally {
  rmSync(work, { recursive: true, force: true });
}
