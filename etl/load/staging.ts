// The staging files of one run: every normalised row, tagged with the record it came from
// (source index, position), so that duplicates can be resolved afterwards in SQL. Line order does
// not matter: each worker thread writes files of its own, and the snapshot reads them all.
import { join } from "node:path";
import { NdjsonWriter } from "./ndjson-writer.ts";
import type { NormalisedRecord } from "../normalise/record.ts";
import {
  RowBuffer,
  STAGING_TABLES,
  type RecordOrigin,
  type StagedBytes,
  type StagingTable,
} from "./row-buffer.ts";

export { STAGING_TABLES, type RecordOrigin, type StagingTable } from "./row-buffer.ts";

const FLUSH_BYTES = 4 << 20;

/** The staging file of a table; a tag names the files of one worker thread. */
export function stagingFile(dir: string, table: StagingTable, tag = ""): string {
  return join(dir, tag === "" ? `${table}.ndjson` : `${table}.${tag}.ndjson`);
}

export class Staging {
  readonly writers: Record<StagingTable, NdjsonWriter>;
  private readonly buffer = new RowBuffer();
  private readonly tags: string[] = [""];
  /** Files written by others (DuckDB, for a tabular source), per table. */
  private readonly included = new Map<string, string[]>();

  constructor(
    readonly dir: string,
    tag = "",
  ) {
    this.writers = Object.fromEntries(
      STAGING_TABLES.map((table) => [table, new NdjsonWriter(stagingFile(dir, table, tag))]),
    ) as Record<StagingTable, NdjsonWriter>;
  }

  /** Counts in the staging files written under this tag by a worker thread. */
  adopt(tag: string): void {
    this.tags.push(tag);
  }

  /** A staging file of a table written elsewhere: the rejected rows of a tabular source, or
   * the feed's own columns (tables outside STAGING_TABLES, loaded by load/feed-tables.ts). */
  include(table: string, file: string): void {
    this.included.set(table, [...(this.included.get(table) ?? []), file]);
  }

  /** Every staging file of a table: this thread's, the workers' and those included. */
  filesOf(table: StagingTable): string[] {
    return [
      ...this.tags.map((tag) => stagingFile(this.dir, table, tag)),
      ...this.includedFiles(table),
    ];
  }

  includedFiles(table: string): string[] {
    return this.included.get(table) ?? [];
  }

  /** Stages the rows of one record normalised here; awaits only when the buffer is full. */
  async add(record: NormalisedRecord, origin: RecordOrigin): Promise<void> {
    this.buffer.add(record, origin);
    if (this.buffer.length >= FLUSH_BYTES) await this.append(this.buffer.take());
  }

  private async append(bytes: StagedBytes): Promise<void> {
    for (const table of STAGING_TABLES) {
      if (bytes[table].length > 0) await this.writers[table].append(bytes[table]);
    }
  }

  async close(): Promise<void> {
    await this.append(this.buffer.take());
    await Promise.all(Object.values(this.writers).map((writer) => writer.close()));
  }

  /** Closes this thread's files without writing the rest (a failed run); a no-op once closed. */
  async discard(): Promise<void> {
    await Promise.all(Object.values(this.writers).map((writer) => writer.discard()));
  }
}
