// Opens one source for reading: a local file, or a URL downloaded first to a temporary file.
// Gzip is undone on the fly; JSON or XML is told from the first meaningful byte, never from the
// file name; bytes and SHA-256 of the file as stored are measured while it is read. The expanded
// size of gzip data is bounded (input-limits.ts): a gzip bomb fails with that reason.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { DEFAULT_MAX_EXPANDED_BYTES, expansionLimit } from "./input-limits.ts";
import { readFirstBytes } from "./first-bytes.ts";
import { SourceFormatError } from "./types.ts";

export interface OpenedSource {
  syntax: "json" | "xml";
  /** Size of the stored file in bytes. */
  size: number;
  /** The file declares itself synthetic (bench/generate.ts writes "$synthetic" first). */
  synthetic: boolean;
  stream: Readable;
  /** Bytes and hash of the stored file; final once the stream has been read to its end. */
  stats: { bytes: number; sha256: string };
}

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

export async function download(url: string, dir: string, index: number): Promise<string> {
  const target = join(dir, `download-${index}`);
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new SourceFormatError(url, "download", `HTTP ${response.status} ${response.statusText}`);
  }
  await pipeline(
    Readable.fromWeb(response.body as import("node:stream/web").ReadableStream),
    createWriteStream(target),
  );
  return target;
}

export async function openSource(
  path: string,
  name: string,
  expected?: "json" | "xml",
  maxExpandedBytes = DEFAULT_MAX_EXPANDED_BYTES,
): Promise<OpenedSource> {
  const { size } = await stat(path).catch(() => {
    throw new SourceFormatError(name, "open", "file not found");
  });
  const head = await firstBytes(path, 64 * 1024);
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const text = gzipped ? await firstBytes(path, 64 * 1024, true) : head;
  const syntax = detectSyntax(text, name);
  if (expected && syntax !== expected) {
    throw new SourceFormatError(
      name,
      "start of file",
      `expected ${expected.toUpperCase()}, found ${syntax.toUpperCase()}`,
    );
  }

  const hash = createHash("sha256");
  const stats = { bytes: 0, sha256: "" };
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  raw.on("data", (chunk) => {
    stats.bytes += chunk.length;
    hash.update(chunk as Buffer);
  });
  raw.on("end", () => (stats.sha256 = hash.digest("hex")));
  let stream: Readable;
  if (gzipped) {
    const gunzip = raw.pipe(createGunzip());
    stream = gunzip.pipe(expansionLimit(name, maxExpandedBytes));
    gunzip.on("error", (error) => stream.destroy(error));
    // Past the limit, nothing more is read or expanded.
    stream.on("error", () => raw.destroy());
  } else {
    stream = raw.pipe(new PassThrough({ highWaterMark: 1 << 20 }));
  }
  raw.on("error", (error) => stream.destroy(error));
  const synthetic = /^\s*\{\s*"\$synthetic"\s*:/.test(
    text
      .subarray(0, 200)
      .toString("utf8")
      .replace(/^\ufeff/, ""),
  );
  return { syntax, stream, stats, synthetic, size };
}

function detectSyntax(head: Buffer, name: string): "json" | "xml" {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  // JSON and XML whitespace only: a file of zeros (a gzip bomb's usual content) is not "empty".
  while (i < head.length && [0x09, 0x0a, 0x0d, 0x20].includes(head[i])) i++;
  if (i >= head.length) throw new SourceFormatError(name, "start of file", "the file is empty");
  if (head[i] === 0x7b || head[i] === 0x5b) return "json";
  if (head[i] === 0x3c) return "xml";
  throw new SourceFormatError(
    name,
    "start of file",
    "neither JSON nor XML (first character " + JSON.stringify(String.fromCharCode(head[i])) + ")",
  );
}

/** The first bytes; a gzip stream that fails there is unreadable gzip data. */
async function firstBytes(path: string, count: number, gunzip = false): Promise<Buffer> {
  const { bytes, error } = await readFirstBytes(path, count, gunzip);
  if (error) {
    throw new SourceFormatError(path, "start of file", `unreadable gzip data: ${error.message}`);
  }
  return bytes;
}
