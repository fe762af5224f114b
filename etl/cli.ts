// npm run etl -- [FILE|URL …] [--db PATH] [--json]
// Progress goes to stderr; stdout carries the summary table, or only one JSON object with --json.
import { parseArgs } from "node:util";
import { DEFAULT_DB, runEtl } from "./pipeline.ts";
import { formatSummary } from "./summary.ts";

const USAGE = "usage: npm run etl -- [FILE|URL …] [--db PATH] [--json]";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { db: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(
      `${USAGE}\nWith no FILE, loads the DECP samples shipped in data/samples.\n`,
    );
    return 0;
  }
  const report = await runEtl({
    inputs: parsed.positionals,
    dbPath: parsed.values.db ?? DEFAULT_DB,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (parsed.values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(formatSummary(report));
  if (report.status !== "ok") {
    const where = report.error?.source ? `${report.error.source}: ` : "";
    const message = report.error?.message ?? "unknown error";
    process.stderr.write(
      `error: ${message.startsWith(where) ? message : where + message}\nThe database was not changed.\n`,
    );
    return 1;
  }
  return 0;
}

process.exitCode = await main();
