// The reference files declared in observatory.config.json (`references`), fetched the way DECP
// sources are: a local file is hashed, a URL goes through the careful download (conditional GET,
// SHA-256, retries) into data/downloads/<id>/. A file counts as changed when its hash differs from
// the one the last good run used, so a new SIRENE stock alone makes a new snapshot.
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RefreshConfig } from "./config.ts";
import { download, readCache } from "./download.ts";
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
        try {
          const got = await download(reference.url, cacheDir, config.download);
          log(
            `${reference.id}: ${reference.url} ${got.changed ? "changed" : "unchanged"} (HTTP ${got.httpStatus}, ${got.bytes} bytes)`,
          );
          result.file = {
            name: reference.url,
            path: got.file,
            sha256: got.sha256,
            bytes: got.bytes,
            http_status: got.httpStatus,
          };
        } catch (error) {
          const cached = readCache(cacheDir);
          if (cached && config.allowPartial) {
            result.file = {
              name: reference.url,
              path: cached.file,
              sha256: cached.sha256,
              bytes: cached.bytes,
            };
          }
          throw error;
        }
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

async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
