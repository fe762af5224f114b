// One ETL run: read every source as a stream, normalise each record, stage the rows, build a new
// snapshot database beside the current one, and replace the current one only when all is done.
// A failed or interrupted run leaves the current database untouched.
import { existsSync, readdirSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SourceFormatError } from "./formats/types.ts";
import { download, isUrl, openSource } from "./formats/open-source.ts";
import { Staging } from "./load/staging.ts";
import { buildSnapshot } from "./load/build-snapshot.ts";
import { enrichPartContracts, etlMemoryLimit, etlThreads } from "./load/etl-memory.ts";
import { countsBySource, noCases, type SourceCounts } from "./load/source-counts.ts";
import { writeRunLog } from "./load/run-log.ts";
import {
  normaliseStream,
  normaliseWorkers,
  parallelMinBytes,
  type Parallel,
} from "./load/normalise-source.ts";
import type { EtlReport, SourceReport } from "./report.ts";
import { appendRun } from "./load/run-history.ts";
import { sniffTabular } from "./tabular/detect.ts";
import { readTabularSource, TABULAR_SYNTAXES, type TabularSyntax } from "./tabular/source.ts";
import { checkRowBalance, type TabularStats } from "./tabular/stats.ts";
import { acquireLock, cleanLeftovers, DEFAULT_KEEP, installSnapshot } from "./load/snapshots.ts";
import { inputLimitsFromEnv, type InputLimits } from "./formats/input-limits.ts";
import { checkShrink, DEFAULT_MAX_CONTRACT_DROP, servedContracts } from "./load/shrink-guard.ts";
import type { ReferenceInput } from "./reference/kinds.ts";
import { shippedReferences } from "./reference/defaults.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SAMPLES_DIR = join(ROOT, "data", "samples");
export const REFERENCE_DIR = join(ROOT, "data", "reference");
export const DEFAULT_DB = process.env.OBSERVATORY_DB ?? join(ROOT, "data", "observatory.duckdb");

/** The syntax a declared source must have: a file of another one fails the run. */
export type ExpectedSyntax = "json" | "xml" | TabularSyntax;

export type { EtlReport, SourceReport } from "./report.ts";

/** A file or URL, or a file with the name to record for it and the syntax it must have. */
export type EtlInput = string | { path: string; name: string; syntax?: ExpectedSyntax };

export interface EtlOptions {
  inputs: EtlInput[];
  dbPath: string;
  /** Progress lines (stderr in the command). */
  log?: (line: string) => void;
  /** "Today" for date checks; fixed in tests. */
  today?: Date;
  /** How many snapshots to keep for roll-back (default 3). */
  keepSnapshots?: number;
  /** The caller already holds the build lock (a refresh that downloaded first). */
  locked?: boolean;
  /** JSON files from this size are normalised by worker threads (default 32 MB). */
  parallelMinBytes?: number;
  /** Reference files (SIRENE, collectivités lists…); default: those shipped in data/reference. */
  references?: ReferenceInput[];
  /** Extra fields recorded with the run in the history (trigger, downloads). */
  context?: Record<string, unknown>;
  /**
   * Share (0–1) of the served contracts the new snapshot may lose before it is refused
   * (load/shrink-guard.ts; default 0.5). A fall to zero is always refused.
   */
  maxContractDrop?: number;
  /** Install the new snapshot even when it empties or shrinks the served one (--force). */
  force?: boolean;
  /** Largest record and largest expanded gzip stream (formats/input-limits.ts; env by default). */
  inputLimits?: Partial<InputLimits>;
}

/** The shipped samples, in name order (daily files are named by date, so later ones win ties). */
export function defaultInputs(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((name) => /\.(json|xml|csv|parquet)$/i.test(name))
    .sort()
    .map((name) => join(SAMPLES_DIR, name));
}

export async function runEtl(options: EtlOptions): Promise<EtlReport> {
  const log = options.log ?? (() => {});
  const today = options.today ?? new Date();
  const started = new Date();
  const runId =
    started
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d+Z$/, "Z") + `-${process.pid}`;
  const dbPath = resolve(options.dbPath);
  const inputs = options.inputs.length > 0 ? options.inputs : defaultInputs();
  const buildDir = `${dbPath}.build-${runId}`;
  const report: EtlReport = {
    status: "failed",
    run_id: runId,
    db: dbPath,
    started_at: started.toISOString(),
    finished_at: "",
    duration_ms: 0,
    contracts: 0,
    concessions: 0,
    sources: [],
    references: [],
    coverage: [],
  };
  const limits: InputLimits = { ...inputLimitsFromEnv(process.env), ...options.inputLimits };
  // A wrong setting fails the run at once, not after its sources were read.
  etlMemoryLimit();
  etlThreads();
  enrichPartContracts();
  const parallel: Parallel = {
    workers: normaliseWorkers(),
    minBytes: options.parallelMinBytes ?? parallelMinBytes(),
  };
  let current: string | null = null;
  let releaseLock: (() => Promise<void>) | null = null;
  let staging: Staging | null = null;
  try {
    await mkdir(dirname(dbPath), { recursive: true });
    releaseLock = options.locked ? async () => {} : await acquireLock(dbPath, log);
    if (!options.locked) await cleanLeftovers(dbPath, log);
    await mkdir(buildDir, { recursive: true });
    staging = new Staging(buildDir);
    for (const [index, input] of inputs.entries()) {
      const source =
        typeof input === "string" ? { path: input, name: uniqueName(input, index, inputs) } : input;
      current = source.name;
      report.sources.push(
        await readSource(source, index, staging, buildDir, today, log, parallel, limits),
      );
    }
    current = null;
    await staging.close();
    log(`building the snapshot (${report.sources.length} sources)…`);
    const snapshotPath = join(buildDir, "snapshot.duckdb");
    const buildStarted = Date.now();
    const snapshot = await buildSnapshot(
      snapshotPath,
      staging,
      runId,
      REFERENCE_DIR,
      options.references ?? shippedReferences(REFERENCE_DIR),
      log,
    );
    report.references = snapshot.enrichment.references;
    report.coverage = snapshot.enrichment.coverage;
    log(`snapshot built in ${((Date.now() - buildStarted) / 1000).toFixed(1)} s`);
    try {
      const counts = await countsBySource(snapshot.connection);
      for (const source of report.sources) {
        Object.assign(source, counts.get(source.source) ?? emptyCounts());
        checkBalance(source);
      }
      report.status = "ok";
      finish(report, started);
      const totals = await writeRunLog(
        snapshot.connection,
        report,
        existsSync(dbPath) ? dbPath : null,
        log,
      );
      report.contracts = totals.contracts;
      report.concessions = totals.concessions;
      // Never empty or shrink the served observatory by surprise.
      const served = existsSync(dbPath) ? await servedContracts(snapshot.connection, dbPath) : null;
      const guard = {
        maxDrop: options.maxContractDrop ?? DEFAULT_MAX_CONTRACT_DROP,
        force: options.force === true,
      };
      checkShrink(served, totals.contracts, guard, log);
    } finally {
      snapshot.close();
    }
    await installSnapshot(snapshotPath, dbPath, runId, options.keepSnapshots ?? DEFAULT_KEEP);
    log(`snapshot ${runId} is now current`);
  } catch (error) {
    report.status = "failed";
    const message = error instanceof Error ? error.message : String(error);
    report.error = { source: error instanceof SourceFormatError ? error.source : current, message };
    finish(report, started);
  } finally {
    // A run that failed while reading left its staging files open: closed before their folder
    // goes (otherwise a descriptor per file is kept, or an error is thrown later by the opening).
    await staging?.discard();
    await rm(buildDir, { recursive: true, force: true });
    if (releaseLock) {
      await appendRun(dbPath, { ...options.context, ...report }).catch(() => undefined);
      await releaseLock();
    }
  }
  return report;
}

async function readSource(
  input: { path: string; name: string; syntax?: ExpectedSyntax },
  index: number,
  staging: Staging,
  buildDir: string,
  today: Date,
  log: (line: string) => void,
  parallel: Parallel,
  limits: InputLimits,
): Promise<SourceReport> {
  const started = Date.now();
  const name = input.name;
  const path = isUrl(input.path) ? await download(input.path, buildDir, index) : input.path;
  const context = {
    name,
    index,
    staging,
    today,
    log,
    parallel,
    maxRecordBytes: limits.maxRecordBytes,
  };
  // CSV and Parquet are told from their first bytes; DuckDB groups their rows into records.
  const sniffed = await sniffTabular(path, name);
  const expected = input.syntax;
  if (sniffed) {
    const found = sniffed.container;
    if (expected !== undefined && expected !== found) {
      throw new SourceFormatError(
        name,
        "start of file",
        `expected ${expected.toUpperCase()}, found ${found.toUpperCase()}`,
      );
    }
    const tabular = await readTabularSource(
      path,
      sniffed,
      join(buildDir, `tabular-${index}`),
      context,
    );
    log(describeRead(name, tabular.format, tabular.normalised, started));
    return report(name, started, tabular.normalised, tabular.file, tabular.format, tabular.stats);
  }
  if (expected !== undefined && TABULAR_SYNTAXES.includes(expected as TabularSyntax)) {
    throw new SourceFormatError(
      name,
      "start of file",
      `expected ${expected.toUpperCase()}, found JSON or XML`,
    );
  }
  const opened = await openSource(
    path,
    name,
    expected as "json" | "xml" | undefined,
    limits.maxExpandedBytes,
  );
  const bytesRead = () => opened.stats.bytes;
  const normalised = await normaliseStream({ ...opened, bytesRead }, context);
  const syntax = opened.syntax.toUpperCase();
  const formats = [...normalised.formats].sort().join("+");
  const format = formats !== "" ? `${formats} ${syntax}` : syntax;
  log(describeRead(name, format, normalised, started));
  return report(
    name,
    started,
    normalised,
    { ...opened.stats, synthetic: opened.synthetic },
    format,
  );
}

function report(
  name: string,
  started: number,
  normalised: { read: number; rejected: number },
  file: { bytes: number; sha256: string; synthetic: boolean },
  format: string,
  tabular?: TabularStats,
): SourceReport {
  return {
    source: name,
    format,
    synthetic: file.synthetic,
    bytes: file.bytes,
    sha256: file.sha256,
    records_read: normalised.read,
    rejected: normalised.rejected,
    ...emptyCounts(),
    duration_ms: Date.now() - started,
    ...(tabular ? { tabular } : {}),
  };
}

function describeRead(
  name: string,
  format: string,
  normalised: { read: number; rejected: number },
  started: number,
): string {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `${name}: ${format}, ${normalised.read} records read, ${normalised.rejected} rejected (${seconds} s)`;
}

function emptyCounts(): SourceCounts {
  return {
    loaded: 0,
    duplicates: 0,
    field_issues: 0,
    derived_keys: { placeholder_id: 0, shared_id: 0 },
    cases: noCases(),
  };
}

function checkBalance(source: SourceReport): void {
  if (source.tabular) checkRowBalance(source.source, source.tabular, source.records_read);
  if (source.records_read !== source.loaded + source.rejected + source.duplicates) {
    throw new Error(
      `${source.source}: ${source.records_read} records read but ${source.loaded} loaded + ` +
        `${source.rejected} rejected + ${source.duplicates} duplicates`,
    );
  }
}

function finish(report: EtlReport, started: Date): void {
  const finished = new Date();
  report.finished_at = finished.toISOString();
  report.duration_ms = finished.getTime() - started.getTime();
}

/** The name recorded for a source: unique within the run, even if a file is given twice. */
function uniqueName(input: string, index: number, all: EtlInput[]): string {
  const name = displayName(input);
  const earlier = all
    .slice(0, index)
    .filter((other) => typeof other === "string" && displayName(other) === name);
  return earlier.length > 0 ? `${name}#${earlier.length + 1}` : name;
}

export function displayName(input: string): string {
  if (isUrl(input)) return input;
  const rel = relative(process.cwd(), resolve(input));
  return rel.startsWith("..") ? resolve(input) : rel;
}
