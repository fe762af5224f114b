// The staging files of one run: every normalised row, tagged with the record it came from
// (source index, position), so that duplicates can be resolved afterwards in SQL. Line order does
// not matter, so text normalised by several workers is appended as it comes.
import { join } from "node:path";
import { NdjsonWriter } from "./ndjson-writer.ts";
import type { NormalisedRecord } from "../normalise/record.ts";
import {
  RowBuffer,
  STAGING_TABLES,
  type RecordOrigin,
  type StagedText,
  type StagingTable,
} from "./row-buffer.ts";

export { STAGING_TABLES, type RecordOrigin, type StagingTable } from "./row-buffer.ts";

const FLUSH_BYTES = 4 << 20;

export class Staging {
  readonly writers: Record<StagingTable, NdjsonWriter>;
  private readonly buffer = new RowBuffer();

  constructor(readonly dir: string) {
    this.writers = Object.fromEntries(
      STAGING_TABLES.map((table) => [table, new NdjsonWriter(join(dir, `${table}.ndjson`))]),
    ) as Record<StagingTable, NdjsonWriter>;
  }

  fileOf(table: StagingTable): string {
    return this.writers[table].path;
  }

  /** Stages the rows of one record normalised here; awaits only when the buffer is full. */
  async add(record: NormalisedRecord, origin: RecordOrigin): Promise<void> {
    this.buffer.add(record, origin);
    if (this.buffer.length >= FLUSH_BYTES) await this.append(this.buffer.take());
  }

  /** Appends text staged elsewhere (a worker). */
  async append(text: StagedText): Promise<void> {
    for (const table of STAGING_TABLES) {
      if (text[table] !== "") await this.writers[table].append(text[table]);
    }
  }

  async close(): Promise<void> {
    await this.append(this.buffer.take());
    await Promise.all(Object.values(this.writers).map((writer) => writer.close()));
  }
}
