// Records one per line: the staging file DuckDB writes for a tabular source (etl/tabular/), a
// JSON object per line with no raw newline inside (JSON escapes them). Bytes are cut at each
// newline and handed over undecoded, as the JSON reader does, for worker threads.
import type { Readable } from "node:stream";
import type { RecordBytes } from "./json-reader.ts";
import { parseRecordText } from "./json-record.ts";
import type { SourceRecord } from "./types.ts";

const NEWLINE = 0x0a;

/** The records' bytes, in batches: those that end in each chunk read. */
export async function* readNdjsonRecordBytes(input: Readable): AsyncGenerator<RecordBytes[]> {
  let position = 0;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const batch: RecordBytes[] = [];
    let start = 0;
    for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
      if (end > start) {
        // A copy of its own: the chunk is not kept alive by the record.
        batch.push({
          position: position++,
          kindHint: null,
          bytes: Buffer.from(data.subarray(start, end)),
        });
      }
      start = end + 1;
    }
    carry = Buffer.from(data.subarray(start));
    if (batch.length > 0) yield batch;
  }
  if (carry.length > 0) yield [{ position, kindHint: null, bytes: carry }];
}

export async function* readNdjsonRecords(input: Readable): AsyncGenerator<SourceRecord> {
  for await (const batch of readNdjsonRecordBytes(input)) {
    for (const record of batch) {
      const text = record.bytes.toString("utf8");
      yield { position: record.position, kindHint: null, ...parseRecordText(text) };
    }
  }
}
