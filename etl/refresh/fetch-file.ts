// One declared file, as the refresh takes it: a local file hashed, or a URL downloaded into its
// cache folder. The DECP sources (refresh.ts) and the reference files (fetch-references.ts) go
// through the same steps, and the same fallback: with allowPartial, the last good copy of a file
// whose download failed stands in for it (the fetch is still reported as failed).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { RefreshConfig } from "./config.ts";
import { download, readCache } from "./download.ts";

export interface FetchedFile {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
  http_status?: number;
}

export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/**
 * Downloads `url` into `cacheDir`: the file and whether it changed. When the download fails and
 * allowPartial says so, `onFallback` gets the last good copy before the error is thrown for the
 * caller to record.
 */
export async function fetchUrl(
  id: string,
  url: string,
  cacheDir: string,
  config: RefreshConfig,
  log: (line: string) => void,
  onFallback: (cached: FetchedFile) => void,
): Promise<{ file: FetchedFile; changed: boolean }> {
  try {
    const got = await download(url, cacheDir, config.download);
    log(
      `${id}: ${url} ${got.changed ? "changed" : "unchanged"} (HTTP ${got.httpStatus}, ${got.bytes} bytes)`,
    );
    const file = { name: url, path: got.file, sha256: got.sha256, bytes: got.bytes };
    return { file: { ...file, http_status: got.httpStatus }, changed: got.changed };
  } catch (error) {
    const cached = readCache(cacheDir);
    if (cached && config.allowPartial) {
      onFallback({ name: url, path: cached.file, sha256: cached.sha256, bytes: cached.bytes });
    }
    throw error;
  }
}
