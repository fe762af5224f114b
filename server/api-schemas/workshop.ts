// The indicator workshop (« Atelier »): the body of POST /api/workshop/preview and /validate, and
// their answers; GET /api/workshop gives what its form offers. A definition here is the same
// object as a YAML file of indicators/definitions/ (compiler/schema.ts), the request the same as
// the query of GET /api/indicators/:id, and the rows the same as that route's.
import { z } from "zod";
import { IndicatorRequestSchema } from "../../indicators/compiler/request-schema.ts";
import { MAX_FILTERS, GRAINS } from "../../indicators/compiler/request-schema.ts";
import { DefinitionSchema } from "../../indicators/compiler/schema.ts";
import type { RowFlag } from "../../indicators/result-columns.ts";
import { Count } from "./common.ts";
import { DimensionSchema, IndicatorResultSchema, IndicatorSchema } from "./indicators.ts";

/** The request part: the query parameters of GET /api/indicators/:id, as JSON. */
export const WorkshopQuerySchema = z.strictObject({
  by: z
    .string()
    .max(200)
    .optional()
    .describe("Breakdown dimensions, comma-separated (at most 3), among the definition's."),
  grain: z.enum(GRAINS).optional().describe("Time grain."),
  filter: z
    .array(z.string().max(600))
    .max(MAX_FILTERS)
    .optional()
    .describe(
      "Filters, as the indicator endpoint's `filter` parameter: `region=53`, `year>=2024`.",
    ),
});

export const WorkshopBodySchema = z.strictObject({
  definition: DefinitionSchema.describe(
    "An indicator definition: the keys of indicators/definitions/<id>.yaml, as JSON.",
  ),
  request: WorkshopQuerySchema.default({}),
  sql: z.boolean().default(false).describe("Also give the generated SQL and its bound values."),
});

const WarningSchema = z.strictObject({
  code: z.string(),
  path: z.string().describe("Dotted path in the definition."),
  message: z.string().describe("French."),
});

export const DiagnosticsSchema = z
  .strictObject({
    rows: z.int().min(0),
    flagged: z
      .strictObject({
        below_min_n: Count,
        low_coverage: Count,
        format_not_available: Count,
        format_partial: Count,
      } satisfies Record<RowFlag, typeof Count>)
      .describe("How many rows carry each flag."),
    warnings: z.array(WarningSchema).describe("What the figure cannot say, in French."),
  })
  .describe("What to check before publishing the figure.");

const SqlSchema = z
  .strictObject({
    text: z.string(),
    params: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .nullable()
  .describe("The generated SQL and its bound values, when asked (`sql: true`).");

export const WorkshopPreviewSchema = IndicatorResultSchema.extend({
  diagnostics: DiagnosticsSchema,
  sql: SqlSchema,
});

export const WorkshopValidationSchema = z.strictObject({
  valid: z.literal(true),
  indicator: IndicatorSchema,
  request: IndicatorRequestSchema,
  diagnostics: DiagnosticsSchema.omit({ rows: true, flagged: true }),
  sql: SqlSchema,
});

const FieldValueSchema = z.strictObject({ code: z.string(), label: z.string() });

export const WorkshopFieldSchema = z.strictObject({
  id: z.string(),
  label: z.string().describe("French."),
  description: z.string().optional(),
  type: z.enum(["string", "integer", "number", "boolean", "date", "string_list"]),
  ops: z.array(z.string()).describe("Condition operators that apply to the field."),
  values: z.array(FieldValueSchema).nullable().describe("Known codes, or null."),
  choices: z
    .enum(["region", "departement", "cpv_division"])
    .nullable()
    .describe(
      "The list of GET /api/filters whose codes (with their names) the field holds, or null: a région, département or CPV division is a code of the reference data, not a name.",
    ),
});

export const WorkshopModelSchema = z.strictObject({
  fields: z.array(WorkshopFieldSchema),
  supplier_fields: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  dimensions: z.array(DimensionSchema),
  definitions: z
    .array(DefinitionSchema)
    .describe("The catalogue's definitions, to start from (« partir de… »)."),
  limits: z.strictObject({
    body_bytes: z.int(),
    depth: z.int(),
    list: z.int(),
    requests_per_minute: z.int(),
  }),
});
