// GET /api/indicators (the catalogue) and GET /api/indicators/:id (one indicator's rows, with
// the metadata of each column). The engine declares the pieces: the definition's summary and
// shape (indicators/summary.ts), the columns and rows (indicators/result-columns.ts) and the
// checked request (indicators/compiler/request-schema.ts).
import { z } from "zod";
import { IndicatorRequestSchema } from "../../indicators/compiler/request-schema.ts";
import { ColumnMetaSchema, IndicatorRowSchema } from "../../indicators/result-columns.ts";
import { PlacementSchema } from "../../indicators/placement.ts";
import { IndicatorSummarySchema } from "../../indicators/summary.ts";
import { SnapshotInfoSchema, stamped } from "./common.ts";

export const DimensionRefSchema = z.strictObject({
  id: z.string(),
  label: z.string().describe("French label."),
});

/** A definition as users need it, its breakdowns and filters named in French. */
export const IndicatorSchema = IndicatorSummarySchema.extend({
  breakdowns: z.array(DimensionRefSchema).describe("Dimensions a request may break down by."),
  filters: z.array(DimensionRefSchema).describe("Dimensions a request may filter on."),
}).describe("A definition as users need it (indicators/definitions/<id>.yaml).");

const DimensionValueSchema = z.strictObject({ code: z.string(), label: z.string() });

export const DimensionSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  description: z.string().optional(),
  type: z.enum(["string", "integer"]).describe("Type of the key in result rows."),
  values: z
    .array(DimensionValueSchema)
    .nullable()
    .describe("Known codes and labels (closed list), or null when any value may occur."),
});

/** The definitions, the dimensions, and where the dashboard shows each indicator. */
export const CatalogueSchema = stamped({
  indicators: z.array(IndicatorSchema),
  dimensions: z.array(DimensionSchema),
  ...PlacementSchema.shape,
});

export const IndicatorResultSchema = stamped({
  snapshot: SnapshotInfoSchema,
  generated_at: z.iso.datetime().describe("When the figures were computed."),
  definition_version: z.int().min(1),
  indicator: IndicatorSchema,
  request: IndicatorRequestSchema,
  columns: z.array(ColumnMetaSchema).describe("The columns of the rows, in order."),
  rows: z.array(IndicatorRowSchema),
});

/** Formats of GET /api/indicators/:id/export. */
export const EXPORT_FORMAT_NAMES = ["csv_excel", "csv", "xlsx", "parquet"] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];
