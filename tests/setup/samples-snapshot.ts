// Global setup: the snapshot of the shipped samples, built by the real ETL and copied by the tests
// that read it (tests/helpers/samples-db.ts, the test server), so no file can change what another
// reads, and a run no longer rebuilds it twenty times.
//
// Built once per content of what it is made from (tests/setup/snapshot-key.ts: the ETL's code,
// the data, the lockfile): the inner loop (`npm run test:fast`) reuses the last build while only
// the server, the indicators or the tests change. A clean clone, as in CI, always builds it.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { runEtl } from "../../etl/pipeline.ts";
import { TEST_TODAY } from "../helpers/test-today.ts";
import { ROOT, snapshotKey } from "./snapshot-key.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The samples' snapshot (read it through a copy) and the ETL report that built it (JSON). */
    samplesSnapshot: { dbPath: string; report: string };
  }
}

// In this checkout (ignored by git), not in node_modules, which several checkouts may share.
const CACHE = join(ROOT, "tests", "output", "samples-snapshot");
const DB = "observatory.duckdb";
const REPORT = "etl-report.json";

export default async function setup(project: TestProject): Promise<void> {
  const dir = join(CACHE, snapshotKey());
  if (!existsSync(join(dir, REPORT))) await build(dir);
  // Only this build is kept: an older key is a snapshot of code or data that no longer exist.
  for (const name of readdirSync(CACHE)) {
    if (join(CACHE, name) !== dir) rmSync(join(CACHE, name), { recursive: true, force: true });
  }
  project.provide("samplesSnapshot", {
    dbPath: join(dir, DB),
    report: readFileSync(join(dir, REPORT), "utf8"),
  });
}

/** Builds into a folder of its own, then renames it into place: whole or not at all. */
async function build(dir: string): Promise<void> {
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const report = await runEtl({ inputs: [], dbPath: join(building, DB), today: TEST_TODAY });
  if (report.status !== "ok") {
    rmSync(building, { recursive: true, force: true });
    throw new Error(`the samples' snapshot could not be built: ${report.error?.message}`);
  }
  writeFileSync(join(building, REPORT), JSON.stringify(report));
  try {
    renameSync(building, dir);
  } catch (error) {
    // Another run of the same checkout built the same key meanwhile: its copy is as good.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(dir, REPORT))) throw error;
  }
}
