// Appends newline-delimited JSON to a staging file, respecting the stream's back-pressure.
// DuckDB then reads these files at its full parse speed.
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

export class NdjsonWriter {
  private readonly stream: WriteStream;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
  }

  async append(bytes: Buffer): Promise<void> {
    if (!this.stream.write(bytes)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, "finish");
  }
}
