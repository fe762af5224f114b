// The staging files of one run: every normalised row, tagged with the record it came from
// (source index, position), so that duplicates can be resolved afterwards in SQL.
import { join } from "node:path";
import { NdjsonWriter } from "./ndjson-writer.ts";
import type { NormalisedRecord } from "../normalise/record.ts";

export const STAGING_TABLES = [
  "contracts",
  "contract_suppliers",
  "contract_modifications",
  "subcontracting_acts",
  "concessions",
  "concession_holders",
  "concession_modifications",
  "concession_execution",
  "rejects",
  "field_issues",
] as const;

export type StagingTable = (typeof STAGING_TABLES)[number];

export interface RecordOrigin {
  sourceIndex: number;
  source: string;
  position: number;
  raw: string;
}

export class Staging {
  readonly writers: Record<StagingTable, NdjsonWriter>;

  constructor(readonly dir: string) {
    this.writers = Object.fromEntries(
      STAGING_TABLES.map((table) => [table, new NdjsonWriter(join(dir, `${table}.ndjson`))]),
    ) as Record<StagingTable, NdjsonWriter>;
  }

  fileOf(table: StagingTable): string {
    return this.writers[table].path;
  }

  /** Stages the rows of one record; awaits only when a staging buffer is full. */
  async add(record: NormalisedRecord, origin: RecordOrigin): Promise<void> {
    this.stage(record, origin);
    for (const writer of Object.values(this.writers)) if (writer.full) await writer.flush();
  }

  private stage(record: NormalisedRecord, origin: RecordOrigin): void {
    const tag = { source_index: origin.sourceIndex, record_position: origin.position };
    const w = this.writers;
    if (record.type === "reject") {
      w.rejects.write({
        source: origin.source,
        position: origin.position,
        kind: record.kind,
        reason: record.reason,
        raw: origin.raw,
      });
      return;
    }
    for (const issue of record.issues) {
      w.field_issues.write({
        source: origin.source,
        position: origin.position,
        uid: record.uid,
        field: issue.field,
        raw_value: issue.raw,
        problem: issue.problem,
        action: issue.action,
      });
    }
    const meta = { ...tag, published: record.published, decp_format: record.format };
    const base = { source: origin.source, source_position: origin.position };
    if (record.type === "marche") {
      w.contracts.write(Object.assign(record.contract, base, meta));
      for (const row of record.suppliers) w.contract_suppliers.write(Object.assign(row, tag));
      for (const row of record.modifications)
        w.contract_modifications.write(Object.assign(row, tag));
      for (const row of record.subcontracting) w.subcontracting_acts.write(Object.assign(row, tag));
    } else {
      w.concessions.write(Object.assign(record.concession, base, meta));
      for (const row of record.holders) w.concession_holders.write(Object.assign(row, tag));
      for (const row of record.modifications)
        w.concession_modifications.write(Object.assign(row, tag));
      for (const row of record.execution) w.concession_execution.write(Object.assign(row, tag));
    }
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.writers).map((writer) => writer.close()));
  }
}
