// Pieces every answer of the API shares: the snapshot stamp, errors, dates. The schemas of
// server/api-schemas/ are the one description of the API's answers: the OpenAPI document is
// generated from them (openapi/document.ts), the client's types are inferred from them
// (api-types.ts), and tests/server/openapi.test.ts checks real answers against them.
// These modules import zod and pure schema modules only, never node: the client's type-checker
// reads them through api-types.ts.
import { z } from "zod";

export const SnapshotId = z
  .string()
  .min(1)
  .describe("Run id of the ETL run that built the served snapshot.");

export const SnapshotInfoSchema = z.strictObject({
  id: SnapshotId,
  loaded_at: z.iso.datetime().nullable().describe("When that run finished."),
  contracts: z.int().min(0),
  concessions: z.int().min(0),
  synthetic: z.boolean().describe("Some source is generated test data."),
});

/** An answer stamped with the snapshot it comes from (respond.ts). */
export const stamped = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject({ snapshot_id: SnapshotId, ...shape });

/** The refusals' words are for a person, their code and parameter for a program. */
const FrenchMessage = z
  .string()
  .describe(
    "What is wrong and what to do, in French, for a person; `code` and `param` are the stable, machine-readable fields.",
  );

const IssueSchema = z.strictObject({
  code: z.string(),
  message: FrenchMessage,
  param: z.string().optional().describe("The request parameter at fault."),
});

export const ErrorSchema = z.strictObject({
  error: z.strictObject({
    status: z.int().min(400).max(599),
    code: z.string().meta({
      examples: ["unknown_dimension", "invalid_value", "too_many_groups", "server_busy"],
    }),
    message: FrenchMessage,
    param: z.string().optional().describe("The request parameter at fault."),
    issues: z.array(IssueSchema),
    limit: z
      .strictObject({ name: z.string(), value: z.number() })
      .optional()
      .describe(
        "The server limit the request met (max_groups, max_answer_cells, excel_rows, max_export_rows, query_timeout_seconds, queries_queue…) and its value.",
      ),
    export: z
      .string()
      .optional()
      .describe("An answer too large for the API: the same result as a file (CSV)."),
  }),
});

/** A date of the data (YYYY-MM-DD), or null when not published. */
export const DayOrNull = z.iso.date().nullable();

export const Count = z.int().min(0);

/** A sum of amounts in euros; null when no amount enters it. */
export const Euros = z.number().nullable();
