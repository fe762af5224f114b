// A CSV file that is UTF-8 but for a few stray bytes (a line pasted from a Windows-1252 tool, a
// producer's hand edit): reading the whole file as Windows-1252 garbles every accented letter of
// it (« procÃ©dure » on thousands of rows) to save a few. This copy keeps every valid UTF-8
// sequence as it is and reads each byte that belongs to none as a Windows-1252 character: the
// stray « é » written as 0xE9 comes out right too. It counts both, so that detect.ts can tell
// such a file from one written in Windows-1252 throughout (almost no valid multi-byte sequence).
import { utf8SequenceLength } from "../formats/utf8.ts";
import { writeConvertedCopy } from "./converted-copy.ts";

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
  await writeConvertedCopy(path, gzip, target, converter);
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
    const length = utf8SequenceLength(data, i);
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
