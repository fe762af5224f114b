// A ZIP archive written as a stream (the container of an XLSX file): each entry is deflated as its
// text arrives, its CRC and sizes written after it in a data descriptor, and the central directory
// at the end. Nothing holds a whole entry, so a sheet of a million rows costs a few chunks of
// memory. Deflate runs on libuv's threads, off the main thread. No ZIP64: entries stay below 4 GB
// (an export has at most Excel's 1,048,575 rows).
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { crc32, createDeflateRaw } from "node:zlib";

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
/** Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const MAX_32 = 0xffffffff;

interface Written {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** MS-DOS time and date of `date` (ZIP's only clock). */
function dosTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];
  private readonly stamp: { time: number; date: number };

  constructor(
    private readonly out: Writable,
    now = new Date(),
  ) {
    this.stamp = dosTime(now);
  }

  /** Writes bytes, waiting when the destination asks to (backpressure). */
  private async write(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    if (!this.out.write(bytes)) await once(this.out, "drain");
  }

  /** Adds one entry whose content is the given pieces of text, in order. */
  async add(name: string, content: AsyncIterable<string> | Iterable<string>): Promise<void> {
    const entry: Written = {
      name: Buffer.from(name, "utf8"),
      offset: this.offset,
      crc: 0,
      compressed: 0,
      size: 0,
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    // CRC and sizes (14–25) stay 0: the data descriptor gives them.
    header.writeUInt16LE(entry.name.length, 26);
    await this.write(Buffer.concat([header, entry.name]));

    const deflate = createDeflateRaw({ level: 6 });
    const drained = (async () => {
      for await (const piece of deflate as AsyncIterable<Buffer>) {
        entry.compressed += piece.length;
        await this.write(piece);
      }
    })();
    try {
      for await (const text of content) {
        const bytes = Buffer.from(text, "utf8");
        entry.crc = crc32(bytes, entry.crc);
        entry.size += bytes.length;
        if (entry.size > MAX_32) throw new Error(`${name}: larger than 4 GB`);
        if (!deflate.write(bytes)) await once(deflate, "drain");
      }
    } catch (error) {
      // The content failed (limit, client gone): the archive is abandoned.
      deflate.destroy();
      await drained.catch(() => undefined);
      throw error;
    }
    deflate.end();
    await drained;

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.write(descriptor);
    this.entries.push(entry);
  }

  /** Writes the central directory and ends the destination stream. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_HEADER, 0);
      header.writeUInt16LE(VERSION, 4); // made by
      header.writeUInt16LE(VERSION, 6); // needed
      header.writeUInt16LE(FLAGS, 8);
      header.writeUInt16LE(DEFLATE, 10);
      header.writeUInt16LE(this.stamp.time, 12);
      header.writeUInt16LE(this.stamp.date, 14);
      header.writeUInt32LE(entry.crc >>> 0, 16);
      header.writeUInt32LE(entry.compressed, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      header.writeUInt32LE(entry.offset, 42);
      await this.write(Buffer.concat([header, entry.name]));
    }
    const size = this.offset - start;
    if (this.offset > MAX_32) throw new Error("the archive is larger than 4 GB");
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.out.end();
    // Settles even when the stream failed before this point, which a wait for "finish" would not
    // (its writable side only: a duplex's readable side is its reader's business).
    await finished(this.out, { readable: false });
  }
}
