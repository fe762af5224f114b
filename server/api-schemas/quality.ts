// GET /api/rejects, GET /api/rejects/record and GET /api/field-issues (routes/quality.ts): what the
// current snapshot's run rejected, repaired, nulled or flagged, counted by group and by source,
// with one page of rows.
import { z } from "zod";
import { Count, stamped } from "./common.ts";

export const FIELD_ACTIONS = ["repaired", "nulled", "flagged"] as const;
export const RAW_PREVIEW = 2000;

const Source = z.string().describe("Source file or URL, as in the run history.");
const Position = Count.describe("Position of the record in its source (0-based).");
const Kind = z.enum(["marche", "contrat-concession"]).nullable();

const page = <Group extends z.ZodRawShape, Row extends z.ZodRawShape>(group: Group, row: Row) =>
  stamped({
    total: Count.describe("Rows matching the filters."),
    groups: z
      .array(z.strictObject({ ...group, count: Count }))
      .describe("Counts by group, largest first."),
    by_source: z.array(z.strictObject({ source: Source, count: Count })),
    limit: Count,
    offset: Count,
    rows: z.array(z.strictObject(row)),
  });

export const RejectsSchema = page(
  { reason: z.string() },
  {
    source: Source,
    position: Position,
    kind: Kind,
    reason: z.string(),
    raw: z.string().describe(`The first ${RAW_PREVIEW} characters of the record.`),
    raw_truncated: z.boolean().describe("The record is longer than `raw`."),
  },
);

export const RejectSchema = stamped({
  record: z.strictObject({
    source: Source,
    position: Position,
    kind: Kind,
    reason: z.string(),
    raw: z.string().describe("The record as read from the source, whole."),
  }),
});

const Action = z.enum(FIELD_ACTIONS).describe("What the ETL did with the value.");

export const FieldIssuesSchema = page(
  {
    field: z.string().describe("Field path, list positions blanked: `titulaires[].id`."),
    problem: z.string(),
    action: Action,
  },
  {
    source: Source,
    position: Position,
    uid: z.string().nullable(),
    field: z.string(),
    raw_value: z
      .string()
      .nullable()
      .describe(`The value as read (${RAW_PREVIEW} characters at most).`),
    problem: z.string(),
    action: Action,
  },
);
