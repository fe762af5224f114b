// The named schemas of the OpenAPI document (components.schemas): each answer, and the parts
// several answers share. A schema not named here is written out where it is used.
import { z } from "zod";
import { IndicatorRequestSchema } from "../../indicators/compiler/request-schema.ts";
import { ColumnMetaSchema, IndicatorRowSchema } from "../../indicators/result-columns.ts";
import { BuyerQualitySchema } from "../api-schemas/buyer-quality.ts";
import { ErrorSchema, SnapshotInfoSchema } from "../api-schemas/common.ts";
import { DataSourcesSchema } from "../api-schemas/data-sources.ts";
import { FilterChoicesSchema } from "../api-schemas/filters.ts";
import {
  CatalogueSchema,
  DimensionRefSchema,
  DimensionSchema,
  IndicatorResultSchema,
  IndicatorSchema,
} from "../api-schemas/indicators.ts";
import {
  BuyerContractsSchema,
  BuyerSearchSchema,
  BuyerSummarySchema,
  ContractSchema,
  ContractSearchSchema,
  SupplierSearchSchema,
  SupplierSummarySchema,
} from "../api-schemas/lookups.ts";
import { BuyerPeersSchema, BuyerSpaserSchema, YearChoiceSchema } from "../api-schemas/spaser.ts";
import { FieldIssuesSchema, RejectSchema, RejectsSchema } from "../api-schemas/quality.ts";
import {
  WorkshopBodySchema,
  WorkshopModelSchema,
  WorkshopPreviewSchema,
  WorkshopValidationSchema,
} from "../api-schemas/workshop.ts";
import { Condition } from "../../indicators/compiler/condition-schema.ts";
import {
  HealthSchema,
  RefreshStartedSchema,
  RefreshStatusSchema,
  RunSchema,
  RunsSchema,
} from "../api-schemas/status.ts";

export const COMPONENTS = {
  Error: ErrorSchema,
  Snapshot: SnapshotInfoSchema,
  Health: HealthSchema,
  Run: RunSchema,
  RefreshStatus: RefreshStatusSchema,
  Runs: RunsSchema,
  RefreshStarted: RefreshStartedSchema,
  FilterChoices: FilterChoicesSchema,
  DimensionRef: DimensionRefSchema,
  Dimension: DimensionSchema,
  Indicator: IndicatorSchema,
  Catalogue: CatalogueSchema,
  Column: ColumnMetaSchema,
  Row: IndicatorRowSchema,
  IndicatorRequest: IndicatorRequestSchema,
  IndicatorResult: IndicatorResultSchema,
  Buyers: BuyerSearchSchema,
  BuyerSummary: BuyerSummarySchema,
  BuyerContracts: BuyerContractsSchema,
  BuyerQuality: BuyerQualitySchema,
  BuyerSpaser: BuyerSpaserSchema,
  BuyerPeers: BuyerPeersSchema,
  YearChoice: YearChoiceSchema,
  Suppliers: SupplierSearchSchema,
  SupplierSummary: SupplierSummarySchema,
  Contract: ContractSchema,
  ContractSearch: ContractSearchSchema,
  Rejects: RejectsSchema,
  Reject: RejectSchema,
  FieldIssues: FieldIssuesSchema,
  DataSources: DataSourcesSchema,
  Condition: Condition,
  WorkshopBody: WorkshopBodySchema,
  WorkshopModel: WorkshopModelSchema,
  WorkshopPreview: WorkshopPreviewSchema,
  WorkshopValidation: WorkshopValidationSchema,
} as const satisfies Record<string, z.ZodType>;

export type ComponentName = keyof typeof COMPONENTS;

const REF_PREFIX = "#/components/schemas/";
export const ref = (name: ComponentName) => ({ $ref: `${REF_PREFIX}${name}` });

/** JSON Schema (2020-12, as OpenAPI 3.1 reads it) of every component, referring to each other. */
export function componentSchemas(): Record<string, Record<string, unknown>> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `${REF_PREFIX}${id}`,
    target: "draft-2020-12",
    io: "output",
  });
  // Each schema lives inside the document: no `$schema`, and no `$id` (a fragment is no id).
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, without(schema, ["$schema", "$id"])]),
  );
}

/** A parameter's schema, written out (parameters are strings on the wire, typed here). */
export function inlineSchema(schema: z.ZodType): Record<string, unknown> {
  const written = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
  return without(written, ["$schema"]);
}

function without(schema: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)));
}
