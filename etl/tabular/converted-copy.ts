// Writes a file (gunzipped when it is gzip) to another through a converter fed chunk by chunk,
// with back-pressure: the UTF-8 copies DuckDB reads of a file in another encoding (detect.ts) or
// with stray Windows-1252 bytes (stray-bytes.ts) are written the same way, a chunk at a time
// whatever the file's size.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createGunzip } from "node:zlib";

/** A converter: each chunk's output, then what it still holds at the end of the file. */
export interface ChunkConverter {
  push(chunk: Buffer): string | Buffer;
  end(): string | Buffer;
}

export async function writeConvertedCopy(
  path: string,
  gzip: boolean,
  target: string,
  converter: ChunkConverter,
): Promise<void> {
  const out = createWriteStream(target);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of gzip ? raw.pipe(createGunzip()) : raw) {
    if (!out.write(converter.push(chunk as Buffer))) await once(out, "drain");
  }
  out.end(converter.end());
  await once(out, "finish");
}
