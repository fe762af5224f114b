// A refresh: fetch every enabled declared source (downloads cached per source), and build a new
// snapshot only when something changed, or when the current one was built by an older version of
// the code (etl/load/snapshot-format.ts). A failed source fails the run (unless allowPartial, which
// then uses its last good copy); in every case the current snapshot stays served, and the run is
// written to the history with the reason.
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { RefreshConfig, SourceConfig } from "./config.ts";
import { DownloadError } from "./download.ts";
import { fetchUrl, hashFile, type FetchedFile } from "./fetch-file.ts";
import { resolveDatagouv } from "./datagouv.ts";
import { displayName, runEtl, type EtlInput, type EtlReport } from "../pipeline.ts";
import { acquireLock, cleanLeftovers } from "../load/snapshots.ts";
import { appendRun, readRuns } from "../load/run-history.ts";
import { describeOutdated, SNAPSHOT_FORMAT, snapshotFormatOf } from "../load/snapshot-format.ts";
import {
  fetchReferences,
  lastReferences,
  referenceInputs,
  type ReferenceFetch,
} from "./fetch-references.ts";

/**
 * What starts a refresh in the server (and says so to its child process): its schedule, the API,
 * or a snapshot of an older version found at start.
 */
export const SERVER_TRIGGERS = ["schedule", "api", "upgrade"] as const;
export type ServerTrigger = (typeof SERVER_TRIGGERS)[number];

/** Why a refresh runs: by hand, or one of the server's reasons. */
export type Trigger = "manual" | ServerTrigger;

export interface SourceFetch {
  id: string;
  status: "changed" | "unchanged" | "failed";
  files: FetchedFile[];
  error?: string;
  duration_ms: number;
}

export interface RefreshReport {
  status: "ok" | "unchanged" | "failed";
  trigger: Trigger;
  started_at: string;
  finished_at: string;
  fetches: SourceFetch[];
  reference_fetches: ReferenceFetch[];
  run_id?: string;
  error?: { source: string | null; message: string };
}

export interface RefreshOptions {
  config: RefreshConfig;
  dbPath: string;
  trigger: Trigger;
  log?: (line: string) => void;
  today?: Date;
  /** Install the new snapshot even when it empties or shrinks the served one. */
  force?: boolean;
}

export async function refresh(options: RefreshOptions): Promise<RefreshReport | EtlReport> {
  const { config, trigger } = options;
  const log = options.log ?? (() => {});
  const dbPath = resolve(options.dbPath);
  const started = new Date();
  await mkdir(dirname(dbPath), { recursive: true });
  const release = await acquireLock(dbPath, log);
  try {
    await cleanLeftovers(dbPath, log);
    const fetches: SourceFetch[] = [];
    for (const source of config.sources.filter((s) => s.enabled)) {
      fetches.push(await fetchSource(source, config, dbPath, log));
    }
    const referenceFetches = await fetchReferences(config, dbPath, log);
    const base = {
      trigger,
      started_at: started.toISOString(),
      fetches,
      reference_fetches: referenceFetches,
    };
    const failed = [
      ...fetches.filter((f) => f.status === "failed"),
      ...referenceFetches
        .filter((f) => f.status === "failed")
        .map((f) => ({ ...f, files: f.file ? [f.file] : [] })),
    ];
    if (failed.length > 0 && (!config.allowPartial || failed.some((f) => f.files.length === 0))) {
      const message = failed.map((f) => `${f.id}: ${f.error}`).join("; ");
      return await record(dbPath, {
        ...base,
        status: "failed",
        error: { source: failed[0].id, message },
      });
    }
    if (
      existsSync(dbPath) &&
      fetches.every((f) => f.status === "unchanged") &&
      referenceFetches.every((f) => f.status === "unchanged") &&
      sameInputsAsLastRun(dbPath, fetches) &&
      sameReferencesAsLastRun(dbPath, config.references ? referenceFetches : null)
    ) {
      const format = await snapshotFormatOf(dbPath);
      if (format === SNAPSHOT_FORMAT) {
        log("every source is unchanged: the current snapshot stays");
        return await record(dbPath, { ...base, status: "unchanged" });
      }
      log(`every source is unchanged, but ${describeOutdated(format)}: rebuilding it`);
    }
    const inputs: EtlInput[] = fetches.flatMap((f) =>
      f.files.map((file) => ({
        path: file.path,
        name: file.name,
        syntax: sourceOf(config, f.id)?.format,
      })),
    );
    return await runEtl({
      inputs,
      dbPath,
      log,
      today: options.today,
      keepSnapshots: config.keepSnapshots,
      maxContractDrop: config.maxContractDrop,
      force: options.force === true,
      references: referenceInputs(config, referenceFetches),
      locked: true,
      context: base,
    });
  } finally {
    await release();
  }
}

async function record(
  dbPath: string,
  report: Omit<RefreshReport, "finished_at">,
): Promise<RefreshReport> {
  const full = { ...report, finished_at: new Date().toISOString() };
  await appendRun(dbPath, full);
  return full;
}

function sourceOf(config: RefreshConfig, id: string): SourceConfig | undefined {
  return config.sources.find((s) => s.id === id);
}

/** The last snapshot was built from exactly these files with these hashes. */
function sameInputsAsLastRun(dbPath: string, fetches: SourceFetch[]): boolean {
  const last = readRuns<{ status: string; sources?: { source: string; sha256: string }[] }>(dbPath)
    .filter((run) => run.status === "ok" && Array.isArray(run.sources))
    .at(-1);
  if (!last?.sources) return false;
  const before = new Map(last.sources.map((s) => [s.source, s.sha256]));
  const now = fetches.flatMap((f) => f.files);
  return now.length === before.size && now.every((file) => before.get(file.name) === file.sha256);
}

/** The last snapshot used exactly these reference files (null: the shipped ones, not compared). */
function sameReferencesAsLastRun(dbPath: string, fetches: ReferenceFetch[] | null): boolean {
  if (fetches === null) return true;
  const before = lastReferences(dbPath);
  if (!before) return false;
  const now = fetches.flatMap((f) => (f.file ? [f.file] : []));
  return now.length === before.size && now.every((file) => before.get(file.name) === file.sha256);
}

async function fetchSource(
  source: SourceConfig,
  config: RefreshConfig,
  dbPath: string,
  log: (line: string) => void,
): Promise<SourceFetch> {
  const started = Date.now();
  const result: SourceFetch = { id: source.id, status: "unchanged", files: [], duration_ms: 0 };
  try {
    if ("path" in source) {
      for (const path of localFiles(source.path)) {
        result.files.push({ name: displayName(path), path, ...(await hashFile(path)) });
      }
      result.status = changedSinceLastRun(dbPath, result.files) ? "changed" : "unchanged";
    } else {
      const urls =
        "url" in source
          ? [{ key: "file", url: source.url }]
          : await resolveDatagouv(config, source);
      for (const { key, url } of urls) {
        const cacheDir = join(dirname(dbPath), "downloads", source.id, key);
        const got = await fetchUrl(source.id, url, cacheDir, config, log, (cached) =>
          result.files.push(cached),
        );
        if (got.changed) result.status = "changed";
        result.files.push(got.file);
      }
    }
  } catch (error) {
    result.status = "failed";
    result.error =
      error instanceof DownloadError || error instanceof Error ? error.message : String(error);
    log(`${source.id}: FAILED ${result.error}`);
  }
  result.duration_ms = Date.now() - started;
  return result;
}

function changedSinceLastRun(dbPath: string, files: SourceFetch["files"]): boolean {
  const last = readRuns<{ status: string; sources?: { source: string; sha256: string }[] }>(dbPath)
    .filter((run) => run.status === "ok")
    .at(-1);
  const before = new Map((last?.sources ?? []).map((s) => [s.source, s.sha256]));
  return files.some((file) => before.get(file.name) !== file.sha256);
}

function localFiles(path: string): string[] {
  if (!existsSync(path)) throw new Error(`${path}: no such file or folder`);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => /\.(json|xml|csv|parquet)(\.gz)?$/i.test(name))
    .sort()
    .map((name) => join(path, name));
}
