// INSEE publishes the SIRENE stocks as one CSV inside a ZIP (several GB once inflated). DuckDB
// cannot read a ZIP, so the entry is streamed once to a file of the run's build folder (deleted
// with it), without holding it in memory. Only what the stocks use is read: one entry, stored or
// deflated, with ZIP64 sizes and offsets for files over 4 GB.
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createInflateRaw } from "node:zlib";

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

export async function isZip(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    await file.read(head, 0, 4, 0);
    return head.readUInt32LE(0) === LOCAL;
  } finally {
    await file.close();
  }
}

/** Writes the first .csv entry of the ZIP at `path` to `out`; returns the entry's name. */
export async function extractCsvEntry(path: string, out: string): Promise<string> {
  const entry = await firstCsvEntry(path);
  const file = await open(path, "r");
  let dataStart: number;
  try {
    const local = Buffer.alloc(30);
    await file.read(local, 0, 30, entry.localOffset);
    if (local.readUInt32LE(0) !== LOCAL) throw new Error(`${path}: broken ZIP local header`);
    dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await file.close();
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new Error(`${path}: ZIP compression method ${entry.method} is not supported`);
  }
  const input = createReadStream(path, {
    start: dataStart,
    end: dataStart + entry.compressedSize - 1,
  });
  const output = createWriteStream(out);
  if (entry.method === 0) await pipeline(input, output);
  else await pipeline(input, createInflateRaw(), output);
  return entry.name;
}

async function firstCsvEntry(path: string): Promise<Entry> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 65_557 + 20);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new Error(`${path}: not a ZIP file (no end of central directory)`);
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
      const eocd64Offset = Number(tail.readBigUInt64LE(at - 20 + 8));
      const eocd64 = Buffer.alloc(56);
      await file.read(eocd64, 0, 56, eocd64Offset);
      count = Number(eocd64.readBigUInt64LE(32));
      dirSize = Number(eocd64.readBigUInt64LE(40));
      dirOffset = Number(eocd64.readBigUInt64LE(48));
    }
    const dir = Buffer.alloc(dirSize);
    await file.read(dir, 0, dirSize, dirOffset);
    let p = 0;
    for (let n = 0; n < count && dir.readUInt32LE(p) === CENTRAL; n++) {
      const method = dir.readUInt16LE(p + 10);
      let compressedSize = dir.readUInt32LE(p + 20);
      let uncompressedSize = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      let localOffset = dir.readUInt32LE(p + 42);
      const name = dir.toString("utf8", p + 46, p + 46 + nameLength);
      // ZIP64 extra field: the 64-bit values, in order, of those set to 0xFFFFFFFF above.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = dir.readUInt16LE(e);
        const length = dir.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressedSize === 0xffffffff) {
            uncompressedSize = Number(dir.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(dir.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = Number(dir.readBigUInt64LE(q));
        }
        e += 4 + length;
      }
      if (/\.csv$/i.test(name)) return { name, method, compressedSize, localOffset };
      p = extraEnd + commentLength;
    }
    throw new Error(`${path}: the ZIP holds no .csv file`);
  } finally {
    await file.close();
  }
}
