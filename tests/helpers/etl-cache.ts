// The real ETL's snapshot of a list of input files, built once per content of what made it and
// then copied: the key is the samples' snapshot key (the ETL's code, the shipped data, the
// lockfile: tests/setup/snapshot-key.ts), the fixed "today" and each input's name and bytes. A
// test that reads what the ETL built gets the same file it would have built itself; a test of the
// run itself (failures, limits, the lock, the CLI) still calls runEtl.
//
// The cache lives beside the samples' snapshot (tests/output/samples-snapshot/<key>/etl/), so it
// is dropped with it as soon as the ETL's code or the data change. A clean clone builds each
// entry once; the inner loop reuses them while only the server, the indicators or tests change.
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { inject } from "vitest";
import { displayName, runEtl, type EtlReport } from "../../etl/pipeline.ts";
import { historyPath } from "../../etl/load/run-history.ts";
import { ROOT } from "../setup/snapshot-key.ts";

const DB = "observatory.duckdb";
const REPORT = "etl-report.json";

/**
 * Writes to `dbPath` the snapshot the ETL builds from `inputs` on `today` (with its run history)
 * and returns the run's report. Built by runEtl the first time, copied afterwards; a failed run
 * is returned as it is and never kept.
 */
export async function cachedEtl(inputs: string[], today: Date, dbPath: string): Promise<EtlReport> {
  // A file outside the checkout (a fresh temporary folder) has a new name on every run: its
  // snapshot would never be found again, only pile up. Such inputs run the ETL directly.
  if (inputs.some((input) => isAbsolute(displayName(input)))) {
    return runEtl({ inputs, dbPath, today });
  }
  const entry = join(cacheRoot(), entryKey(inputs, today));
  if (!existsSync(join(entry, REPORT))) {
    const failed = await build(entry, inputs, today);
    if (failed) return failed;
  }
  copyFileSync(join(entry, DB), dbPath);
  const history = historyPath(join(entry, DB));
  if (existsSync(history)) copyFileSync(history, historyPath(dbPath));
  const report = JSON.parse(readFileSync(join(entry, REPORT), "utf8")) as EtlReport;
  return { ...report, db: dbPath };
}

function cacheRoot(): string {
  return join(dirname(inject("samplesSnapshot").dbPath), "etl");
}

/** What the snapshot depends on besides the ETL's code: the date, each input's name and bytes. */
function entryKey(inputs: string[], today: Date): string {
  const hash = createHash("sha256").update(today.toISOString());
  for (const input of inputs) {
    // The name is stored in the snapshot (the source column), so it is part of the key.
    hash.update(`\0${displayName(input)}\0`).update(readFileSync(input));
  }
  return hash.digest("hex").slice(0, 24);
}

/**
 * Runs the ETL into a folder of its own, then renames it into place: whole or not at all.
 * Returns the report of a failed run (not kept), nothing otherwise.
 */
async function build(entry: string, inputs: string[], today: Date): Promise<EtlReport | null> {
  const building = `${entry}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    const report = await runEtl({ inputs, dbPath: join(building, DB), today });
    if (report.status !== "ok") return report;
    writeFileSync(join(building, REPORT), JSON.stringify(report));
    try {
      renameSync(building, entry);
    } catch (error) {
      // Another worker built the same entry meanwhile: its copy is as good.
      if (!existsSync(join(entry, REPORT))) throw error;
    }
    return null;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/**
 * Writes an input a test makes up to a fixed path of this checkout (tests/output/inputs/, ignored
 * by git), so that its snapshot is found again by the next run: a file in a fresh temporary
 * folder has another name, hence another key, every time. `name` is the test's own (one writer).
 */
export function writeTestInput(name: string, content: string): string {
  const path = join(ROOT, "tests", "output", "inputs", name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}
