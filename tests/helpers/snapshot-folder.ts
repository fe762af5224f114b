// A snapshot the tests build once and copy many times, kept as a folder: the database, its run
// history beside it, and the report of the run that built it. Used by the global setup (the
// samples' snapshot) and by the cache of other inputs' snapshots (etl-cache.ts).
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { runEtl, type EtlReport } from "../../etl/pipeline.ts";
import { historyPath } from "../../etl/load/run-history.ts";
import { withEnv } from "./with-env.ts";

export const SNAPSHOT_DB = "observatory.duckdb";
const REPORT = "etl-report.json";

/** Whether `dir` holds a whole snapshot (its report is written last). */
export const isBuilt = (dir: string): boolean => existsSync(join(dir, REPORT));

/** How a run differs from a default one: environment variables the ETL reads, a pipeline option. */
export interface RunSettings {
  /** Set for the run only (e.g. OBSERVATORY_ENRICH_PART_CONTRACTS), then restored. */
  env?: Record<string, string>;
  /** JSON files from this size are normalised by worker threads (runEtl's option). */
  parallelMinBytes?: number;
}

/**
 * Runs the ETL into a folder of its own, then renames it to `dir`: whole or not at all. Returns
 * the report of a failed run (nothing kept), null otherwise.
 */
export async function buildSnapshotFolder(
  dir: string,
  inputs: string[],
  today: Date,
  settings: RunSettings = {},
): Promise<EtlReport | null> {
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const { env = {}, parallelMinBytes } = settings;
  try {
    const report = await withEnv(env, () =>
      runEtl({
        inputs,
        dbPath: join(building, SNAPSHOT_DB),
        today,
        ...(parallelMinBytes === undefined ? {} : { parallelMinBytes }),
      }),
    );
    if (report.status !== "ok") return report;
    writeFileSync(join(building, REPORT), JSON.stringify(report));
    try {
      renameSync(building, dir);
    } catch (error) {
      // Another run or worker built the same snapshot meanwhile: its copy is as good.
      if (!isBuilt(dir)) throw error;
    }
    return null;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/** Copies the snapshot of `dir` (and its run history) to `dbPath`; the report that built it. */
export function copySnapshotFolder(dir: string, dbPath: string): EtlReport {
  copyFileSync(join(dir, SNAPSHOT_DB), dbPath);
  const history = historyPath(join(dir, SNAPSHOT_DB));
  if (existsSync(history)) copyFileSync(history, historyPath(dbPath));
  return { ...readReport(dir), db: dbPath };
}

/** The report of the run that built the snapshot of `dir`, as JSON text. */
export const reportText = (dir: string): string => readFileSync(join(dir, REPORT), "utf8");

const readReport = (dir: string): EtlReport => JSON.parse(reportText(dir)) as EtlReport;
