// The real ETL's snapshot of a list of input files, built once per content of what made it and
// then copied: the key is the samples' snapshot key (the ETL's code, the shipped data, the
// lockfile: tests/setup/snapshot-key.ts), the fixed "today", each input's name and bytes, and the
// run's settings (environment variables the ETL reads, worker threads), if any. A test that reads
// what the ETL built gets the same file it would have built itself; a test of the run itself
// (failures, limits, the lock, the CLI) still calls runEtl.
//
// The cache lives beside the samples' snapshot (tests/output/samples-snapshot/<key>/etl/), so it
// is dropped with it as soon as the ETL's code or the data change. A clean clone builds each
// entry once; the inner loop reuses them while only the server, the indicators or tests change.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { inject } from "vitest";
import { displayName, type EtlReport } from "../../etl/pipeline.ts";
import { ROOT } from "../setup/snapshot-key.ts";
import {
  buildSnapshotFolder,
  copySnapshotFolder,
  isBuilt,
  type RunSettings,
} from "./snapshot-folder.ts";

/**
 * Writes to `dbPath` the snapshot the ETL builds from `inputs` on `today` (with its run history)
 * and returns the run's report. Built by runEtl the first time, copied afterwards; a failed run
 * is returned as it is and never kept.
 */
export async function cachedEtl(
  inputs: string[],
  today: Date,
  dbPath: string,
  settings: RunSettings = {},
): Promise<EtlReport> {
  // A file outside the checkout (a fresh temporary folder) has a new name on every run: its
  // snapshot would never be found again, only pile up. Such inputs are refused: a test writes
  // them with writeTestInput, or calls runEtl itself.
  const outside = inputs.find((input) => isAbsolute(displayName(input)));
  if (outside) {
    throw new Error(`cachedEtl: ${outside} is outside the checkout, write it with writeTestInput`);
  }
  const entry = join(cacheRoot(), entryKey(inputs, today, settings));
  if (!isBuilt(entry)) {
    const failed = await buildSnapshotFolder(entry, inputs, today, settings);
    if (failed) return failed;
  }
  return copySnapshotFolder(entry, dbPath);
}

function cacheRoot(): string {
  return join(dirname(inject("samplesSnapshot").dbPath), "etl");
}

/**
 * What the snapshot depends on besides the ETL's code: the date, the run's settings, each input's
 * name and bytes.
 */
function entryKey(inputs: string[], today: Date, settings: RunSettings): string {
  const { env = {}, parallelMinBytes } = settings;
  const sortedEnv = Object.entries(env).sort(([a], [b]) => a.localeCompare(b));
  const hash = createHash("sha256")
    .update(today.toISOString())
    .update(`\0${JSON.stringify({ env: sortedEnv, parallelMinBytes })}`);
  for (const input of inputs) {
    // The name is stored in the snapshot (the source column), so it is part of the key.
    hash.update(`\0${displayName(input)}\0`).update(readFileSync(input));
  }
  return hash.digest("hex").slice(0, 24);
}

/**
 * The fixed path of this checkout (tests/output/inputs/, ignored by git) where a test writes an
 * input it makes up, so that its snapshot is found again by the next run: a file in a fresh
 * temporary folder has another name, hence another key, every time. `name` is the test's own (one
 * writer). For a file another module writes (a Parquet file…); otherwise see writeTestInput.
 */
export function testInputPath(name: string): string {
  const path = join(ROOT, "tests", "output", "inputs", name);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** Writes an input a test makes up to its fixed path (testInputPath) and returns the path. */
export function writeTestInput(name: string, content: string | Uint8Array): string {
  const path = testInputPath(name);
  writeFileSync(path, content);
  return path;
}
