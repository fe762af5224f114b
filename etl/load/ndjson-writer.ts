// Appends newline-delimited JSON to a staging file, respecting the stream's back-pressure.
// DuckDB then reads these files at its full parse speed.
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

export class NdjsonWriter {
  private readonly stream: WriteStream;
  /** The stream's error (the file could not be opened or written), thrown by the next call. */
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    // Without a listener, an error of the stream (its folder removed by a failed run before the
    // file was even opened) would be an uncaught exception that takes the whole process down.
    this.stream.on("error", (error) => {
      this.failure ??= error;
    });
  }

  async append(bytes: Buffer): Promise<void> {
    this.throwIfFailed();
    if (!this.stream.write(bytes)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    this.throwIfFailed();
    this.stream.end();
    await once(this.stream, "finish");
  }

  /**
   * Stops writing, whatever the file holds (a failed run): the file is closed before its folder
   * is removed, so that no descriptor is left open and no late error surfaces. Never throws.
   */
  async discard(): Promise<void> {
    if (this.stream.closed) return;
    const closed = once(this.stream, "close").catch(() => undefined);
    this.stream.destroy();
    await closed;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
