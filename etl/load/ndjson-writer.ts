// Appends rows as newline-delimited JSON, in large batches, respecting the stream's back-pressure.
// DuckDB then reads these staging files at its full parse speed.
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

const BATCH_BYTES = 4 << 20;

export class NdjsonWriter {
  private readonly stream: WriteStream;
  private buffer = "";
  rows = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
  }

  /** Buffers a row; when `full` turns true, the caller awaits flush(). */
  write(row: object): void {
    this.buffer += JSON.stringify(row) + "\n";
    this.rows++;
  }

  get full(): boolean {
    return this.buffer.length >= BATCH_BYTES;
  }

  async flush(): Promise<void> {
    if (this.buffer === "") return;
    const ok = this.stream.write(this.buffer);
    this.buffer = "";
    if (!ok) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }
}
