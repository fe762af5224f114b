// Tells a tabular DECP file from its first bytes, never from its name: Parquet by its magic bytes
// (PAR1 at both ends), CSV by a header line split by a separator. JSON and XML are left to
// formats/open-source.ts. The encoding is stated, not assumed: a byte-order mark, else UTF-8 when
// every byte of the file is valid UTF-8, else UTF-8 with its stray bytes read as Windows-1252
// (stray-bytes.ts), unless it has under one valid multi-byte character per 50 stray bytes: then
// Windows-1252 throughout (the superset of Latin-1 that French spreadsheets write). Either is read
// through a UTF-8 copy since DuckDB reads UTF-8.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import { createGunzip } from "node:zlib";
import { join } from "node:path";
import { readFirstBytes } from "../formats/first-bytes.ts";
import { SourceFormatError } from "../formats/types.ts";
import { writeConvertedCopy } from "./converted-copy.ts";
import { copyWithStrayBytes } from "./stray-bytes.ts";

export type Container = "csv" | "parquet";

export interface Sniffed {
  container: Container;
  /** A gzip-compressed CSV (DuckDB reads it as such). */
  gzip: boolean;
  /** The encoding a byte-order mark declares, if any. */
  bom: "utf-8" | "utf-16le" | "utf-16be" | null;
}

export interface Inspected {
  bytes: number;
  sha256: string;
  /** As stated in the run summary: "UTF-8", "UTF-8 (BOM)", "WINDOWS-1252", "UTF-16LE",
   *  "UTF-8 (3 bytes not UTF-8 read as WINDOWS-1252)" … */
  encoding: string;
  /** The file DuckDB reads: the source itself, or its UTF-8 copy. */
  readPath: string;
  /** Whether readPath is gzip-compressed. */
  gzip: boolean;
}

const SEPARATORS = [",", ";", "|", "\t"] as const;
const HEAD_BYTES = 64 * 1024;

/** Parquet, CSV, or null for a file that is JSON, XML or empty (the JSON/XML path handles it). */
export async function sniffTabular(path: string, name: string): Promise<Sniffed | null> {
  const head = await readHead(path, HEAD_BYTES);
  if (head.length === 0) return null;
  if (head.subarray(0, 4).toString("latin1") === "PAR1") {
    const tail = await readTail(path, 4);
    if (tail.toString("latin1") !== "PAR1") {
      throw new SourceFormatError(name, "end of file", "truncated Parquet file (no closing PAR1)");
    }
    return { container: "parquet", gzip: false, bom: null };
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const bytes = gzip ? await readHead(path, HEAD_BYTES, true) : head;
  const bom = bomOf(bytes);
  const text = decodeHead(bytes, bom);
  const first = text.replace(/^\ufeff/, "").trimStart()[0];
  if (first === undefined || first === "{" || first === "[" || first === "<") return null;
  if (detectSeparator(firstLine(text)) === null) {
    throw new SourceFormatError(
      name,
      "start of file",
      "neither JSON, XML, Parquet nor CSV (the first line has no , ; | or tab separator)",
    );
  }
  return { container: "csv", gzip, bom };
}

/** The separator that splits a header line into the most columns (quoted text not counted). */
export function detectSeparator(line: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const separator of SEPARATORS) {
    const count = splitHeader(line, separator).length - 1;
    if (count > bestCount) [best, bestCount] = [separator, count];
  }
  return best;
}

/** A header line split on its separator, quotes removed ("a;""b"";c" style quoting). */
export function splitHeader(line: string, separator: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      out.push(cell);
      cell = "";
    } else cell += c;
  }
  out.push(cell);
  return out;
}

/** The header line of a CSV file as DuckDB will read it (after any transcoding). */
export async function readHeaderLine(inspected: Inspected): Promise<string> {
  const head = await readHead(inspected.readPath, HEAD_BYTES, inspected.gzip);
  return firstLine(head.toString("utf8").replace(/^\ufeff/, ""));
}

/**
 * Bytes and SHA-256 of the file as stored, and its encoding: the whole file is checked, and one
 * that is not entirely UTF-8 is read through a UTF-8 copy written in `workDir` for DuckDB, its
 * encoding stated in the summary with the count of its stray bytes.
 */
/** Above this many stray bytes per valid multi-byte character, a file is Windows-1252 throughout. */
const STRAY_BYTES_PER_CHARACTER = 50;

export async function inspectTabular(
  path: string,
  sniffed: Sniffed,
  workDir: string,
): Promise<Inspected> {
  const hash = createHash("sha256");
  let bytes = 0;
  // A UTF-8 byte-order mark is checked too: Excel's « CSV UTF-8 » writes one, and a line pasted
  // from elsewhere into such a file is no less stray.
  const checkUtf8 =
    sniffed.container === "csv" && (sniffed.bom === null || sniffed.bom === "utf-8");
  const checker = new Utf8Check();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
    if (checkUtf8 && !sniffed.gzip) checker.push(chunk as Buffer);
  }
  const base = { bytes, sha256: hash.digest("hex") };
  if (sniffed.container === "parquet") {
    // Parquet stores its text as UTF-8, by its specification.
    return { ...base, encoding: "UTF-8", readPath: path, gzip: false };
  }
  // A compressed file is checked on a second pass, through gunzip.
  if (checkUtf8 && sniffed.gzip) {
    for await (const chunk of createReadStream(path).pipe(createGunzip())) {
      checker.push(chunk as Buffer);
    }
  }
  if (checkUtf8 && checker.done()) {
    const encoding = sniffed.bom === "utf-8" ? "UTF-8 (BOM)" : "UTF-8";
    return { ...base, encoding, readPath: path, gzip: sniffed.gzip };
  }
  const copy = join(workDir, "utf8-copy.csv");
  if (checkUtf8) {
    const { multibyte, stray } = await copyWithStrayBytes(path, sniffed.gzip, copy);
    // Read so, a file written in Windows-1252 throughout comes out right too, but for the rare
    // pair of its bytes that happens to form a UTF-8 character (« É» »): it is read as
    // Windows-1252 only when such pairs are too few to be text (under one per 50 stray bytes).
    if (sniffed.bom === "utf-8" || multibyte * STRAY_BYTES_PER_CHARACTER >= stray) {
      const bytes = `${stray} ${stray === 1 ? "byte" : "bytes"}`;
      const encoding = `UTF-8 (${bytes} not UTF-8 read as WINDOWS-1252)`;
      return { ...base, encoding, readPath: copy, gzip: false };
    }
  }
  const from = sniffed.bom ?? "windows-1252";
  await transcode(path, sniffed.gzip, from, copy);
  return { ...base, encoding: from.toUpperCase(), readPath: copy, gzip: false };
}

/** Whether a byte stream is entirely valid UTF-8, checked chunk by chunk (natively, by isUtf8). */
class Utf8Check {
  private carry = Buffer.alloc(0);
  private valid = true;

  push(chunk: Buffer): void {
    if (!this.valid) return;
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = incompleteTail(data);
    this.valid = isUtf8(data.subarray(0, cut));
    this.carry = Buffer.from(data.subarray(cut));
  }

  done(): boolean {
    return this.valid && this.carry.length === 0;
  }
}

/** Where a multi-byte character cut by the end of a chunk starts (data.length if none is). */
function incompleteTail(data: Buffer): number {
  for (let i = data.length - 1; i >= Math.max(0, data.length - 3); i--) {
    const b = data[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (b < 0xc0) return data.length; // ASCII: nothing is cut
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return data.length - i < needed ? i : data.length;
  }
  return data.length;
}

function transcode(path: string, gzip: boolean, from: string, target: string): Promise<void> {
  const decoder = new TextDecoder(from);
  return writeConvertedCopy(path, gzip, target, {
    // The decoder drops a byte-order mark at the start of the stream, and only there.
    push: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  });
}

function bomOf(bytes: Buffer): Sniffed["bom"] {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

function decodeHead(bytes: Buffer, bom: Sniffed["bom"]): string {
  return new TextDecoder(bom ?? "utf-8").decode(bytes);
}

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** The first bytes; on a truncated gzip stream, what was read is enough to tell the format. */
async function readHead(path: string, count: number, gunzip = false): Promise<Buffer> {
  return (await readFirstBytes(path, count, gunzip)).bytes;
}

/** The last `count` bytes of a file (fewer when it is shorter). */
export async function readTail(path: string, count: number): Promise<Buffer> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const buffer = Buffer.alloc(Math.min(count, size));
    await file.read(buffer, 0, buffer.length, Math.max(0, size - count));
    return buffer;
  } finally {
    await file.close();
  }
}
