// Careful downloads into a per-source cache: conditional GET (ETag / Last-Modified), streaming to a
// temporary file renamed only on success, SHA-256 to tell an unchanged file, a size limit, a total
// and an idle time-out, and retries with exponential back-off on network errors and 5xx answers.
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";

export interface DownloadOptions {
  timeoutSeconds: number;
  idleTimeoutSeconds: number;
  maxBytes: number;
  retries: number;
  retryDelaySeconds: number;
}

export interface CachedFile {
  url: string;
  file: string;
  bytes: number;
  sha256: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: string;
}

export interface DownloadResult extends CachedFile {
  changed: boolean;
  httpStatus: number;
  attempts: number;
}

export class DownloadError extends Error {
  constructor(
    readonly url: string,
    message: string,
    readonly attempts: number,
    readonly retryable: boolean,
  ) {
    super(`${url}: ${message}`);
    this.name = "DownloadError";
  }
}

export function readCache(cacheDir: string): CachedFile | null {
  const meta = join(cacheDir, "meta.json");
  if (!existsSync(meta)) return null;
  try {
    const cached = JSON.parse(readFileSync(meta, "utf8")) as CachedFile;
    return existsSync(cached.file) ? cached : null;
  } catch {
    return null;
  }
}

export async function download(
  url: string,
  cacheDir: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  await mkdir(cacheDir, { recursive: true });
  // Temporary files of a download killed mid-way (kill -9) are never reused.
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith(".download-")) await rm(join(cacheDir, name), { force: true });
  }
  let attempt = 0;
  for (;;) {
    attempt++;
    try {
      return await downloadOnce(url, cacheDir, options, attempt);
    } catch (error) {
      const failure =
        error instanceof DownloadError
          ? error
          : new DownloadError(url, describe(error), attempt, true);
      if (!failure.retryable || attempt > options.retries) {
        throw new DownloadError(
          url,
          `${failure.message.replace(`${url}: `, "")} (after ${attempt} attempt${attempt > 1 ? "s" : ""})`,
          attempt,
          false,
        );
      }
      await new Promise((resolve) =>
        setTimeout(resolve, options.retryDelaySeconds * 1000 * 2 ** (attempt - 1)),
      );
    }
  }
}

async function downloadOnce(
  url: string,
  cacheDir: string,
  options: DownloadOptions,
  attempt: number,
): Promise<DownloadResult> {
  const cached = readCache(cacheDir);
  const headers: Record<string, string> = { "accept-encoding": "gzip" };
  if (cached?.etag) headers["if-none-match"] = cached.etag;
  if (cached?.lastModified) headers["if-modified-since"] = cached.lastModified;

  const controller = new AbortController();
  const total = setTimeout(
    () => controller.abort(new Error(`time-out after ${options.timeoutSeconds} s`)),
    options.timeoutSeconds * 1000,
  );
  let idle = setTimeout(() => {}, 0);
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () => controller.abort(new Error(`no data for ${options.idleTimeoutSeconds} s`)),
      options.idleTimeoutSeconds * 1000,
    );
  };
  const temp = join(cacheDir, `.download-${process.pid}-${attempt}`);
  try {
    armIdle();
    const response = await fetch(url, { headers, signal: controller.signal, redirect: "follow" });
    if (response.status === 304 && cached) {
      await response.body?.cancel();
      return { ...cached, changed: false, httpStatus: 304, attempts: attempt };
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new DownloadError(
        url,
        `HTTP ${response.status} ${response.statusText}`,
        attempt,
        response.status >= 500 || response.status === 429,
      );
    }
    const announced = Number(response.headers.get("content-length") ?? "0");
    if (announced > options.maxBytes) {
      throw new DownloadError(
        url,
        `file of ${announced} bytes exceeds the limit of ${options.maxBytes}`,
        attempt,
        false,
      );
    }
    const hash = createHash("sha256");
    let bytes = 0;
    const out = createWriteStream(temp);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      armIdle();
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        throw new DownloadError(
          url,
          `download exceeds the limit of ${options.maxBytes} bytes`,
          attempt,
          false,
        );
      }
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    if (bytes === 0) throw new DownloadError(url, "empty response body", attempt, false);
    const sha256 = hash.digest("hex");
    const result: CachedFile = {
      url,
      file: join(cacheDir, "data"),
      bytes,
      sha256,
      etag: response.headers.get("etag"),
      lastModified: response.headers.get("last-modified"),
      fetchedAt: new Date().toISOString(),
    };
    const changed = cached?.sha256 !== sha256;
    if (changed) await rename(temp, result.file);
    await writeFile(join(cacheDir, "meta.json.tmp"), JSON.stringify(result, null, 2));
    await rename(join(cacheDir, "meta.json.tmp"), join(cacheDir, "meta.json"));
    return { ...result, changed, httpStatus: response.status, attempts: attempt };
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    const reason = controller.signal.aborted ? describe(controller.signal.reason) : describe(error);
    throw new DownloadError(url, reason, attempt, true);
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
    await rm(temp, { force: true });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
