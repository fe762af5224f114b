// The reference files declared in observatory.config.json (`references`), fetched the way DECP
// sources are: a local file is hashed, a URL goes through the careful download (conditional GET,
// SHA-256, retries) into data/downloads/<id>/. A file counts as changed when its hash differs from
// the one the last good run used, so a new SIRENE stock alone makes a new snapshot.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RefreshConfig } from "./config.ts";
import { fetchUrl, hashFile } from "./fetch-file.ts";
import { displayName } from "../pipeline.ts";
import { readRuns } from "../load/run-history.ts";
import type { ReferenceInput } from "../reference/kinds.ts";

export interface ReferenceFetch {
  id: string;
  kind: ReferenceInput["kind"];
  status: "changed" | "unchanged" | "failed";
  file?: { name: string; path: string; sha256: string; bytes: number; http_status?: number };
  error?: string;
  duration_ms: number;
}

type LastRun = { status: string; references?: { source: string; sha256: string }[] };

/** The reference files of the last good run, by name → SHA-256. */
export function lastReferences(dbPath: string): Map<string, string> | null {
  const last = readRuns<LastRun>(dbPath)
    .filter((run) => run.status === "ok")
    .at(-1);
  if (!last || !Array.isArray(last.references)) return null;
  return new Map(last.references.map((r) => [r.source, r.sha256]));
}

export async function fetchReferences(
  config: RefreshConfig,
  dbPath: string,
  log: (line: string) => void,
): Promise<ReferenceFetch[]> {
  const before = lastReferences(dbPath) ?? new Map<string, string>();
  const fetches: ReferenceFetch[] = [];
  for (const reference of (config.references ?? []).filter((r) => r.enabled)) {
    const started = Date.now();
    const result: ReferenceFetch = {
      id: reference.id,
      kind: reference.kind,
      status: "unchanged",
      duration_ms: 0,
    };
    try {
      if ("path" in reference) {
        if (!existsSync(reference.path)) throw new Error(`${reference.path}: no such file`);
        const name = displayName(reference.path);
        result.file = { name, path: reference.path, ...(await hashFile(reference.path)) };
      } else {
        const cacheDir = join(dirname(dbPath), "downloads", reference.id, "file");
        const got = await fetchUrl(reference.id, reference.url, cacheDir, config, log, (cached) => {
          result.file = cached;
        });
        result.file = got.file;
      }
      result.status = before.get(result.file.name) === result.file.sha256 ? "unchanged" : "changed";
    } catch (error) {
      result.status = "failed";
      result.error = error instanceof Error ? error.message : String(error);
      log(`${reference.id}: FAILED ${result.error}`);
    }
    result.duration_ms = Date.now() - started;
    fetches.push(result);
  }
  return fetches;
}

/** The reference inputs of the run, in the configuration's order (absent: the shipped ones). */
export function referenceInputs(
  config: RefreshConfig,
  fetches: ReferenceFetch[],
): ReferenceInput[] | undefined {
  if (!config.references) return undefined;
  return fetches.flatMap((f) =>
    f.file ? [{ id: f.id, kind: f.kind, path: f.file.path, name: f.file.name }] : [],
  );
}
