// Snapshot files around the live database:
//   <db>                      the current snapshot (a plain DuckDB file, opened read-only by readers)
//   <db>.lock                 who is the one ETL run allowed to build at a time: its pid, start time
//                             and boot id (process-identity.ts), so a reused pid is not mistaken for it
//   <db>.build-<run id>/      a run in progress (staging files and the next snapshot)
//   <dir>/snapshots/<run>.duckdb  the last few snapshots, hard links, for roll-back
// A snapshot file is never modified once built, so hard links are safe and cost no space.
import { existsSync, readdirSync, statSync } from "node:fs";
import { link, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { identityOf, parseIdentity, sameProcessRunning } from "./process-identity.ts";

export const DEFAULT_KEEP = 3;

export function snapshotsDir(dbPath: string): string {
  return join(dirname(dbPath), "snapshots");
}

/**
 * Takes the build lock, or throws naming the run that holds it. The lock of a holder that is no
 * longer running (dead, or its pid now another process's) is taken over.
 */
export async function acquireLock(
  dbPath: string,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const lockPath = `${dbPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(JSON.stringify(identityOf(process.pid)));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const recorded = parseIdentity(await readFile(lockPath, "utf8").catch(() => ""));
      const holder = recorded?.pid ?? 0;
      if (recorded && holder !== process.pid && sameProcessRunning(recorded)) {
        throw new Error(
          `another ETL run (pid ${holder}) is building ${basename(dbPath)}; try again when it ends`,
          { cause: error },
        );
      }
      log(`note: removing the lock of an interrupted run (pid ${holder || "unknown"})`);
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

/** Removes the build folders of runs that died (kill -9, crash) and says so. Call with the lock held. */
export async function cleanLeftovers(
  dbPath: string,
  log: (line: string) => void,
): Promise<string[]> {
  const dir = dirname(dbPath);
  if (!existsSync(dir)) return [];
  const prefix = `${basename(dbPath)}.build-`;
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed.push(name.slice(prefix.length));
  }
  for (const runId of removed)
    log(`note: cleaned the leftovers of interrupted run ${runId}; the current snapshot is intact`);
  return removed;
}

/**
 * Makes a complete snapshot the current one: keep a hard link for roll-back, then rename it over
 * the live path (atomic: a reader opening the path gets the old file or the new one, never a mix).
 */
export async function installSnapshot(
  snapshotPath: string,
  dbPath: string,
  runId: string,
  keep: number,
): Promise<void> {
  const kept = snapshotsDir(dbPath);
  await mkdir(kept, { recursive: true });
  await link(snapshotPath, join(kept, `${runId}.duckdb`)).catch(() => undefined);
  await rm(`${dbPath}.wal`, { force: true });
  await rename(snapshotPath, dbPath);
  await pruneSnapshots(dbPath, keep);
}

export interface KeptSnapshot {
  runId: string;
  path: string;
  bytes: number;
}

export function listSnapshots(dbPath: string): KeptSnapshot[] {
  const dir = snapshotsDir(dbPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".duckdb"))
    .sort()
    .map((name) => ({
      runId: name.slice(0, -".duckdb".length),
      path: join(dir, name),
      bytes: statSync(join(dir, name)).size,
    }));
}

async function pruneSnapshots(dbPath: string, keep: number): Promise<void> {
  const all = listSnapshots(dbPath);
  for (const old of all.slice(0, Math.max(0, all.length - keep)))
    await rm(old.path, { force: true });
}

/** Makes a kept snapshot current again (operator roll-back). */
export async function rollback(dbPath: string, runId: string): Promise<void> {
  const source = listSnapshots(dbPath).find((s) => s.runId === runId);
  if (!source) {
    const known =
      listSnapshots(dbPath)
        .map((s) => s.runId)
        .join(", ") || "none";
    throw new Error(`no kept snapshot ${runId} (kept: ${known})`);
  }
  const staged = `${dbPath}.rollback-${process.pid}`;
  await rm(staged, { force: true });
  await link(source.path, staged);
  await rm(`${dbPath}.wal`, { force: true });
  await rename(staged, dbPath);
}
