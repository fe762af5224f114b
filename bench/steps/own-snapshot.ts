// For a step measured alone (--only-hostile, --only-search, --only-buyer): the ETL of the file into a database
// of its own, in a temporary folder removed afterwards, and the line that says what was measured.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure } from "./child.ts";

const CLI = fileURLToPath(new URL("../../etl/cli.ts", import.meta.url));

export interface OwnSnapshot {
  db: string;
  contracts: number;
  /** « Measured on … (load average …): FILE, N MB → N contracts. `COMMAND`. » */
  measuredLine: (command: string) => string;
}

/** What a section says was measured, and when, and with what. */
export function measuredLine(
  started: Date,
  load: number[],
  file: string,
  contracts: number,
  command: string,
): string {
  const when = started.toISOString().slice(0, 16).replace("T", " ");
  const average = load.map((n) => n.toFixed(1)).join(" / ");
  const mb = Math.round(statSync(file).size / 1e6);
  return `Measured on ${when} UTC (load average at start ${average}): ${file}, ${mb} MB → ${contracts} contracts. \`${command}\`.`;
}

export async function withOwnSnapshot<T>(
  file: string,
  name: string,
  say: (line: string) => void,
  step: (snapshot: OwnSnapshot) => Promise<T>,
): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), `decp-bench-${name}-`));
  try {
    const started = new Date();
    const load = loadavg();
    say(`the ETL of ${file}…`);
    const db = join(work, "observatory.duckdb");
    const etl = await measure([CLI, file, "--db", db, "--json"]);
    const { contracts } = JSON.parse(etl.stdout) as { contracts: number };
    return await step({
      db,
      contracts,
      measuredLine: (command) => measuredLine(started, load, file, contracts, command),
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
