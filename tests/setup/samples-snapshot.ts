// Global setup: the snapshot of the shipped samples, built by the real ETL and copied by the tests
// that read it (tests/helpers/samples-db.ts, the test server), so no file can change what another
// reads, and a run no longer rebuilds it twenty times.
//
// Built once per content of what it is made from (tests/setup/snapshot-key.ts: the ETL's code,
// the data, the lockfile): the inner loop (`npm run test:fast`) reuses the last build while only
// the server, the indicators or the tests change. A clean clone, as in CI, always builds it.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import {
  buildSnapshotFolder,
  isBuilt,
  reportText,
  SNAPSHOT_DB,
} from "../helpers/snapshot-folder.ts";
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

export default async function setup(project: TestProject): Promise<void> {
  const dir = join(CACHE, snapshotKey());
  if (!isBuilt(dir)) {
    const failed = await buildSnapshotFolder(dir, [], TEST_TODAY);
    if (failed) {
      throw new Error(`the samples' snapshot could not be built: ${failed.error?.message}`);
    }
  }
  // Only this build is kept: an older key is a snapshot of code or data that no longer exist.
  for (const name of readdirSync(CACHE)) {
    if (join(CACHE, name) !== dir) rmSync(join(CACHE, name), { recursive: true, force: true });
  }
  project.provide("samplesSnapshot", {
    dbPath: join(dir, SNAPSHOT_DB),
    report: reportText(dir),
  });
}
