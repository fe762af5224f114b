// A batch of raw records for a worker thread: their bytes copied end to end into one buffer of
// its own, so that the whole batch is transferred to the worker instead of copied.
import type { RecordKind } from "../formats/types.ts";
import type { RecordBytes } from "../formats/json-reader.ts";

const KINDS: (RecordKind | null)[] = [null, "marche", "contrat-concession"];

export function kindOfCode(code: number): RecordKind | null {
  return KINDS[code] ?? null;
}

export class RecordBatch {
  private buffer: Buffer;
  private used = 0;
  private readonly ends: number[] = [];
  private readonly kinds: number[] = [];
  readonly firstPosition: number;

  constructor(first: RecordBytes, initialBytes: number) {
    this.firstPosition = first.position;
    // allocUnsafeSlow: a buffer with an ArrayBuffer of its own, which can be transferred.
    this.buffer = Buffer.allocUnsafeSlow(Math.max(initialBytes, first.bytes.length));
    this.add(first);
  }

  get count(): number {
    return this.ends.length;
  }

  get bytes(): number {
    return this.used;
  }

  add(record: RecordBytes): void {
    if (record.position !== this.firstPosition + this.ends.length) {
      throw new Error(`record ${record.position} is out of order in its batch`);
    }
    if (this.used + record.bytes.length > this.buffer.length) {
      const larger = Buffer.allocUnsafeSlow(
        Math.max(this.buffer.length * 2, this.used + record.bytes.length),
      );
      this.buffer.copy(larger, 0, 0, this.used);
      this.buffer = larger;
    }
    this.used += record.bytes.copy(this.buffer, this.used);
    this.ends.push(this.used);
    this.kinds.push(KINDS.indexOf(record.kindHint));
  }

  /** What is sent to the worker, and the buffers to transfer with it. */
  take(): { bytes: ArrayBuffer; ends: Uint32Array; kinds: Uint8Array } {
    // The whole buffer is handed over (the last end tells how much of it is used).
    return {
      bytes: this.buffer.buffer as ArrayBuffer,
      ends: Uint32Array.from(this.ends),
      kinds: Uint8Array.from(this.kinds),
    };
  }
}
