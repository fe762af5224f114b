// GET /api/health, GET /api/runs and POST /api/admin/refresh: is the server up, what does it
// serve, and the ETL runs (the history is kept as each run wrote it, so a run's record is open to
// fields this schema does not name; the fields it names are checked).
import { z } from "zod";
import { Count, SnapshotInfoSchema, stamped } from "./common.ts";

const QueueSchema = z
  .strictObject({
    running: Count,
    queued: Count,
    concurrency: Count.describe("Slots: how many run at once."),
    queue: Count.describe("How many may wait; beyond, requests get 503 with Retry-After."),
    done: Count,
    refused: Count.describe("Refused with 503 since start (queue full or waited too long)."),
    cancelled: Count.describe("Stopped because their client left."),
    timed_out: Count.describe("Interrupted at their time limit."),
  })
  .describe("One queue of heavy work (uncached answers and look-ups, or exports).");

export const HealthSchema = stamped({
  status: z.literal("ok"),
  snapshot: SnapshotInfoSchema,
  indicators: Count.describe("Definitions in the catalogue."),
  answer_cache: z
    .strictObject({ entries: Count, pinned: Count, bytes: Count, hits: Count, misses: Count })
    .nullable()
    .describe(
      "Indicator answers kept per snapshot and request (pinned: the home page's, never evicted); null when the cache is off.",
    ),
  work: z.strictObject({ queries: QueueSchema, exports: QueueSchema }),
  generated_at: z.iso.datetime(),
});

const RunSourceSchema = z.looseObject({
  source: z.string(),
  format: z.string().optional(),
  synthetic: z.boolean().optional(),
  bytes: Count.optional(),
  sha256: z.string().optional(),
  records_read: Count.optional(),
  loaded: Count.optional(),
  rejected: Count.optional(),
  duplicates: Count.optional(),
  field_issues: Count.optional(),
  duration_ms: Count.optional(),
});

const FetchSchema = z.looseObject({
  id: z.string(),
  status: z.enum(["changed", "unchanged", "failed"]),
  files: z.array(
    z.looseObject({
      name: z.string(),
      bytes: Count,
      sha256: z.string(),
      http_status: z.int().optional(),
    }),
  ),
  error: z.string().optional(),
});

const CoverageFigure = z.strictObject({ contracts: Count, amount: z.number() });

/** Who's who coverage of a run's snapshot (etl/reference/coverage.ts), for all and per format. */
export const CoverageRowSchema = z.strictObject({
  scope: z.string().describe("all, or a DECP format (v1, v2.0.0, v2)"),
  contracts: Count,
  amount: z.number().describe("sum of the amounts, suspect amounts left out"),
  covered: z.strictObject({
    buyer_named: CoverageFigure,
    buyer_typed: CoverageFigure,
    titulaires_named: CoverageFigure,
    titulaires_size_known: CoverageFigure,
    titulaires_located: CoverageFigure,
  }),
});

const ReferenceFileSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  source: z.string(),
  layout: z.string(),
  bytes: Count,
  sha256: z.string(),
  rows_kept: Count,
  duration_ms: Count,
});

/** One run of the history: an ETL run (sources) or a refresh that stopped before it (fetches). */
export const RunSchema = z.looseObject({
  status: z.enum(["ok", "failed", "unchanged"]),
  run_id: z.string().optional(),
  trigger: z.string().optional(),
  started_at: z.iso.datetime().optional(),
  finished_at: z.iso.datetime().optional(),
  duration_ms: Count.optional(),
  contracts: Count.optional(),
  concessions: Count.optional(),
  sources: z.array(RunSourceSchema).optional(),
  fetches: z.array(FetchSchema).optional(),
  references: z.array(ReferenceFileSchema).optional(),
  coverage: z.array(CoverageRowSchema).optional(),
  error: z
    .looseObject({ source: z.string().nullable().optional(), message: z.string() })
    .optional(),
});

export const RefreshStatusSchema = z.strictObject({
  running: z.boolean(),
  trigger: z.string().nullable(),
  started_at: z.iso.datetime().nullable(),
  schedule: z
    .strictObject({
      cron: z.string(),
      timezone: z.string(),
      next_run: z.iso.datetime().nullable(),
    })
    .nullable(),
  last: RunSchema.nullable().describe("The outcome of the last refresh this server ran."),
});

export const RunsSchema = stamped({
  refresh: RefreshStatusSchema.nullable().describe("null when the server runs no refresh."),
  runs: z.array(RunSchema).describe("Every run of the history, newest first."),
});

export const RefreshStartedSchema = z.strictObject({
  started: z.boolean().describe("false: a refresh was already running."),
  refresh: RefreshStatusSchema,
});
