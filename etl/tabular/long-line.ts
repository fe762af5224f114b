// Where a CSV file has a line longer than a limit: DuckDB refuses such a file but names line 1,
// whatever line it was. Read again only on that failure, line breaks counted as they come.
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import type { Inspected } from "./detect.ts";

/** The first line (1-based, the header being line 1) longer than `limit` bytes, with its size. */
export async function firstLongLine(
  inspected: Pick<Inspected, "readPath" | "gzip">,
  limit: number,
): Promise<{ line: number; bytes: number } | null> {
  const raw = createReadStream(inspected.readPath, { highWaterMark: 1 << 20 });
  let line = 1;
  let length = 0; // bytes of the current line so far
  for await (const data of inspected.gzip ? raw.pipe(createGunzip()) : raw) {
    const chunk = data as Buffer;
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      length += end - start;
      if (length > limit) return { line, bytes: length };
      line++;
      length = 0;
      start = end + 1;
    }
    length += chunk.length - start;
  }
  return length > limit ? { line, bytes: length } : null;
}
