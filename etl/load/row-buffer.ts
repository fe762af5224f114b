// The staging rows of normalised records, as newline-delimited JSON text per table. Used by the
// main thread and by the normalisation workers alike; the text is then appended to the files.
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
export type StagedText = Record<StagingTable, string>;

export interface RecordOrigin {
  sourceIndex: number;
  source: string;
  position: number;
  raw: string;
}

const empty = (): StagedText =>
  Object.fromEntries(STAGING_TABLES.map((table) => [table, ""])) as StagedText;

export class RowBuffer {
  private text = empty();
  length = 0;

  private line(table: StagingTable, row: object): void {
    const json = JSON.stringify(row) + "\n";
    this.text[table] += json;
    this.length += json.length;
  }

  add(record: NormalisedRecord, origin: RecordOrigin): void {
    const tag = { source_index: origin.sourceIndex, record_position: origin.position };
    if (record.type === "reject") {
      this.line("rejects", {
        source: origin.source,
        position: origin.position,
        kind: record.kind,
        reason: record.reason,
        raw: origin.raw,
      });
      return;
    }
    for (const issue of record.issues) {
      this.line("field_issues", {
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
      this.line("contracts", Object.assign(record.contract, base, meta));
      for (const row of record.suppliers) this.line("contract_suppliers", Object.assign(row, tag));
      for (const row of record.modifications)
        this.line("contract_modifications", Object.assign(row, tag));
      for (const row of record.subcontracting)
        this.line("subcontracting_acts", Object.assign(row, tag));
    } else {
      this.line("concessions", Object.assign(record.concession, base, meta));
      for (const row of record.holders) this.line("concession_holders", Object.assign(row, tag));
      for (const row of record.modifications)
        this.line("concession_modifications", Object.assign(row, tag));
      for (const row of record.execution)
        this.line("concession_execution", Object.assign(row, tag));
    }
  }

  /** The text gathered so far, and a fresh start. */
  take(): StagedText {
    const text = this.text;
    this.text = empty();
    this.length = 0;
    return text;
  }
}
