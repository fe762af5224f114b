// npm run bench [-- --file /tmp/national.json] [--quick]
// Measures, in one run on this machine, the ETL of a national-size file beside its anchors, every
// indicator's latency, SQLite on the same data, and the server's throughput; writes
// bench/results.json and bench/results.md. A script, not a test: figures are printed, not asserted.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { measure } from "./steps/child.ts";
import { toMarkdown, type Results } from "./steps/report.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const { values } = parseArgs({
  options: { file: { type: "string", default: "/tmp/national.json" }, quick: { type: "boolean" } },
});
const file = values.file;
if (!existsSync(file)) {
  process.stderr.write(
    `${file} not found: npm run generate -- --contracts 1500000 --format v2 --out ${file}\n`,
  );
  process.exit(2);
}
const runs = values.quick ? 3 : 10;
const work = mkdtempSync(join(tmpdir(), "decp-bench-"));
const say = (line: string) => process.stderr.write(`${line}\n`);

try {
  const results: Results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? "?",
      cores: cpus().length,
      ram_gb: Math.round(totalmem() / 2 ** 30),
    },
    versions: {
      node: process.version,
      duckdb: readVersion("@duckdb/node-api"),
      sqlite: readVersion("better-sqlite3"),
    },
    file: { path: file, mb: Math.round(statSync(file).size / 1e6) },
    etl: {},
    indicators: [],
    sqlite: { load_seconds: 0, results: [] },
    server: [],
  };
  say("byte scan…");
  results.etl.byte_scan = await measure([join(HERE, "steps/anchors.ts"), "scan", file]);
  say("anchor (a): read_json of the file as published…");
  results.etl.anchor_a = await measure([
    join(HERE, "steps/anchors.ts"),
    "as-published",
    file,
    join(work, "a.duckdb"),
  ]);
  say("anchor (b): the same records one per line…");
  const ndjson = join(work, "records.ndjson");
  await measure([join(HERE, "steps/anchors.ts"), "write-ndjson", file, ndjson]);
  results.etl.anchor_b = await measure([
    join(HERE, "steps/anchors.ts"),
    "ndjson",
    file,
    ndjson,
    join(work, "b.duckdb"),
  ]);
  rmSync(ndjson, { force: true });
  say("the observatory's ETL…");
  const db = join(work, "observatory.duckdb");
  const etl = await measure([join(HERE, "../etl/cli.ts"), file, "--db", db, "--json"]);
  results.etl.etl = etl;
  results.etl.contracts = (JSON.parse(etl.stdout) as { contracts: number }).contracts;
  results.etl.db_mb = Math.round(statSync(db).size / 1e6);
  say("indicators…");
  results.indicators = JSON.parse(
    (await measure([join(HERE, "steps/indicators.ts"), db, String(runs)])).stdout,
  );
  say("SQLite…");
  results.sqlite = JSON.parse(
    (await measure([join(HERE, "steps/sqlite.ts"), db, join(work, "sqlite.db"), String(runs)]))
      .stdout,
  );
  say("server throughput…");
  results.server = await serverThroughput(db, values.quick ? 3 : 10);

  const json = JSON.stringify(results, (key, value) => (key === "stdout" ? undefined : value), 2);
  writeFileSync(join(HERE, "results.json"), json + "\n");
  const markdown = toMarkdown(results);
  writeFileSync(join(HERE, "results.md"), markdown);
  process.stdout.write(markdown);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function readVersion(name: string): string {
  const path = fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url));
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

async function serverThroughput(dbPath: string, seconds: number): Promise<Results["server"]> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const server: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", join(HERE, "../server/main.ts")],
    {
      env: { ...process.env, OBSERVATORY_DB: dbPath, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.stderr?.on("data", (c: Buffer) => c.toString().includes("observatoire") && resolve());
      server.on("exit", (code) => reject(new Error(`server exited ${code}`)));
    });
    const out: Results["server"] = [];
    for (const path of [
      "/api/indicators/contracts_count",
      "/api/health",
      "/api/indicators/single_offer_rate?grain=year",
    ]) {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}${path}`,
        connections: 10,
        duration: seconds,
      });
      out.push({
        path,
        requests_per_second: result.requests.average,
        p50_ms: result.latency.p50,
        p99_ms: result.latency.p99,
        errors: result.errors + result.non2xx + result.timeouts,
      });
    }
    return out;
  } finally {
    server.kill("SIGTERM");
  }
}
