// Global setup: the snapshot of the shipped samples, built ONCE per test run by the real ETL.
// Test files that only read it get a copy (tests/helpers/samples-db.ts, the test server), so no
// file can change what another reads, and a run no longer rebuilds it twenty times.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { runEtl } from "../../etl/pipeline.ts";
import { TEST_TODAY } from "../helpers/test-today.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The samples' snapshot (read it through a copy) and the ETL report that built it (JSON). */
    samplesSnapshot: { dbPath: string; report: string };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "decp-samples-snapshot-"));
  const dbPath = join(dir, "observatory.duckdb");
  const report = await runEtl({ inputs: [], dbPath, today: TEST_TODAY });
  if (report.status !== "ok") {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the samples' snapshot could not be built: ${report.error?.message}`);
  }
  project.provide("samplesSnapshot", { dbPath, report: JSON.stringify(report) });
  return () => rmSync(dir, { recursive: true, force: true });
}
