// The first bytes of a file (or of its gzip-expanded content), to tell its format before reading
// it. One reader for the JSON/XML sniffing (open-source.ts) and the tabular one (tabular/detect.ts):
// each decides what a gzip error means to it, so the error is returned beside what was read.
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";

export interface FirstBytes {
  bytes: Buffer;
  /** The gzip stream failed after `bytes` (truncated or not gzip at all); null otherwise. */
  error: Error | null;
}

export async function readFirstBytes(
  path: string,
  count: number,
  gunzip = false,
): Promise<FirstBytes> {
  const parts: Buffer[] = [];
  let total = 0;
  let error: Error | null = null;
  const source = createReadStream(path, { start: 0, end: gunzip ? undefined : count - 1 });
  const stream = gunzip ? source.pipe(createGunzip()) : source;
  try {
    for await (const chunk of stream) {
      parts.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= count) break;
    }
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
  } finally {
    source.destroy();
  }
  return { bytes: Buffer.concat(parts), error };
}
