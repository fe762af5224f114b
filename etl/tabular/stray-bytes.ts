// A CSV file that is UTF-8 but for a few stray bytes (a line pasted from a Windows-1252 tool, a
// producer's hand edit): reading the whole file as Windows-1252 garbles every accented letter of
// it (« procÃ©dure » on thousands of rows) to save a few. This copy keeps every valid UTF-8
// sequence as it is and reads each byte that belongs to none as a Windows-1252 character: the
// stray « é » written as 0xE9 comes out right too. It counts both, so that detect.ts can tell
// such a file from one written in Windows-1252 throughout (almost no valid multi-byte sequence).
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createGunzip } from "node:zlib";

export interface StrayBytesCopy {
  /** Multi-byte UTF-8 characters read as UTF-8. */
  multibyte: number;
  /** Bytes that were part of no valid UTF-8 sequence, each read as Windows-1252. */
  stray: number;
}

/**
 * The UTF-8 bytes of each byte 0x80–0xFF read as Windows-1252. Decoded in stream mode: Node 20's
 * one-shot decode of "windows-1252" reads 0x80–0x9F as Latin-1 (C1 controls, not « € ’ œ »).
 */
const WINDOWS_1252 = Array.from({ length: 128 }, (_, i) =>
  Buffer.from(
    new TextDecoder("windows-1252").decode(Uint8Array.of(0x80 + i), { stream: true }),
    "utf8",
  ),
);

const isContinuation = (byte: number | undefined) =>
  byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/**
 * The length of the valid UTF-8 sequence that starts at `i` (its lead byte is ≥ 0x80): 2 to 4,
 * 0 when the bytes there are no valid sequence, -1 when the data end before it could be told.
 */
function sequenceLength(data: Buffer, i: number): number {
  const lead = data[i];
  let length: number;
  let low = 0x80;
  let high = 0xbf; // the range of the second byte (narrower after E0, ED, F0, F4: RFC 3629)
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const byte = data[i + k];
    if (byte === undefined) return -1;
    if (k === 1 ? byte < low || byte > high : !isContinuation(byte)) return 0;
  }
  return length;
}

/**
 * A converter fed chunk by chunk: a sequence cut by the end of a chunk waits for the next one.
 * `counts` grows as it goes.
 */
export function strayBytesConverter(): {
  push(chunk: Buffer): Buffer;
  end(): Buffer;
  counts: StrayBytesCopy;
} {
  const counts: StrayBytesCopy = { multibyte: 0, stray: 0 };
  let carry = Buffer.alloc(0);
  return {
    counts,
    push(chunk) {
      const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const { pieces, rest } = convert(data, counts, false);
      carry = Buffer.from(rest);
      return Buffer.concat(pieces);
    },
    end() {
      return Buffer.concat(convert(carry, counts, true).pieces);
    },
  };
}

/** Writes `path` (gunzipped when `gzip`) to `target` as UTF-8, stray bytes read as Windows-1252. */
export async function copyWithStrayBytes(
  path: string,
  gzip: boolean,
  target: string,
): Promise<StrayBytesCopy> {
  const converter = strayBytesConverter();
  const out = createWriteStream(target);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of gzip ? raw.pipe(createGunzip()) : raw) {
    if (!out.write(converter.push(chunk as Buffer))) await once(out, "drain");
  }
  out.end(converter.end());
  await once(out, "finish");
  return converter.counts;
}

/** The converted bytes of `data`, and the bytes at its end that need the next chunk to be told. */
function convert(
  data: Buffer,
  counts: StrayBytesCopy,
  last: boolean,
): { pieces: Buffer[]; rest: Buffer } {
  const pieces: Buffer[] = [];
  let copied = 0; // bytes before this index are in `pieces`
  let i = 0;
  while (i < data.length) {
    if (data[i] < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(data, i);
    if (length === -1 && !last) break;
    if (length > 0) {
      counts.multibyte++;
      i += length;
      continue;
    }
    counts.stray++;
    pieces.push(data.subarray(copied, i), WINDOWS_1252[data[i] - 0x80]);
    i++;
    copied = i;
  }
  pieces.push(data.subarray(copied, i));
  return { pieces, rest: data.subarray(i) };
}
