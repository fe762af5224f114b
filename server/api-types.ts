// The types of the API's answers, inferred from their zod schemas (api-schemas/): the server
// builds them, the client reads them in its JSDoc (client/src/types.js). Types only: every import
// is `import type`, and what it reaches imports zod and pure schema modules only, so a
// type-checker of the browser's code can read this file (tests/server/api-types.test.ts).
import type { z } from "zod";
import type { BuyerQualitySchema, QualityComponentSchema } from "./api-schemas/buyer-quality.ts";
import type { ErrorSchema, SnapshotInfoSchema } from "./api-schemas/common.ts";
import type {
  DataSourceSchema,
  DataSourcesSchema,
  ProducerSchema,
} from "./api-schemas/data-sources.ts";
import type { FilterChoicesSchema } from "./api-schemas/filters.ts";
import type {
  CatalogueSchema,
  DimensionRefSchema,
  DimensionSchema,
  IndicatorResultSchema,
  IndicatorSchema,
} from "./api-schemas/indicators.ts";
import type {
  BuyerContractsSchema,
  BuyerSearchSchema,
  BuyerSummarySchema,
  ContractSchema,
  ContractSearchSchema,
  SupplierSearchSchema,
  SupplierSummarySchema,
} from "./api-schemas/lookups.ts";
import type { FieldIssuesSchema, RejectSchema, RejectsSchema } from "./api-schemas/quality.ts";
import type {
  WorkshopBodySchema,
  WorkshopFieldSchema,
  WorkshopModelSchema,
  WorkshopPreviewSchema,
  WorkshopValidationSchema,
} from "./api-schemas/workshop.ts";
import type {
  BuyerPeersSchema,
  BuyerSpaserSchema,
  FigureSchema,
  PeerIndicatorSchema,
  SpaserIndicatorSchema,
  YearChoiceSchema,
} from "./api-schemas/spaser.ts";
import type {
  CoverageRowSchema,
  HealthSchema,
  RefreshStartedSchema,
  RefreshStatusSchema,
  RunSchema,
  RunsSchema,
} from "./api-schemas/status.ts";

export type {
  ColumnMeta as Column,
  ColumnRole,
  ColumnType,
  FigureNotJudged,
  IndicatorRow as Row,
  RowFlag,
  Status,
  TargetNotJudged,
} from "../indicators/result-columns.ts";
export type { IndicatorShape } from "../indicators/summary.ts";
export type { IndicatorRequest, RequestFilter } from "../indicators/compiler/request-schema.ts";

export type ApiErrorBody = z.infer<typeof ErrorSchema>;
export type SnapshotInfo = z.infer<typeof SnapshotInfoSchema>;
export type Health = z.infer<typeof HealthSchema>;
export type Run = z.infer<typeof RunSchema>;
export type CoverageRow = z.infer<typeof CoverageRowSchema>;
export type RefreshStatus = z.infer<typeof RefreshStatusSchema>;
export type Runs = z.infer<typeof RunsSchema>;
export type RefreshStarted = z.infer<typeof RefreshStartedSchema>;
export type FilterChoices = z.infer<typeof FilterChoicesSchema>;
export type Choice = FilterChoices["region"][number];
export type DimensionRef = z.infer<typeof DimensionRefSchema>;
export type Dimension = z.infer<typeof DimensionSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Bound = NonNullable<NonNullable<Indicator["thresholds"]>["green"]>;
export type Catalogue = z.infer<typeof CatalogueSchema>;
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;
export type BuyerSearch = z.infer<typeof BuyerSearchSchema>;
export type BuyerSummary = z.infer<typeof BuyerSummarySchema>;
export type BuyerContracts = z.infer<typeof BuyerContractsSchema>;
export type SupplierSearch = z.infer<typeof SupplierSearchSchema>;
export type SupplierSummary = z.infer<typeof SupplierSummarySchema>;
export type ContractDetail = z.infer<typeof ContractSchema>;
export type ContractSearch = z.infer<typeof ContractSearchSchema>;
export type BuyerSpaser = z.infer<typeof BuyerSpaserSchema>;
export type SpaserIndicator = z.infer<typeof SpaserIndicatorSchema>;
export type SpaserFigure = z.infer<typeof FigureSchema>;
export type BuyerPeers = z.infer<typeof BuyerPeersSchema>;
export type PeerIndicator = z.infer<typeof PeerIndicatorSchema>;
export type YearChoice = z.infer<typeof YearChoiceSchema>;
export type Rejects = z.infer<typeof RejectsSchema>;
export type Reject = z.infer<typeof RejectSchema>;
export type FieldIssues = z.infer<typeof FieldIssuesSchema>;
export type DataSources = z.infer<typeof DataSourcesSchema>;
export type DataSource = z.infer<typeof DataSourceSchema>;
export type Producer = z.infer<typeof ProducerSchema>;
export type WorkshopBody = z.input<typeof WorkshopBodySchema>;
export type WorkshopDefinition = z.input<typeof WorkshopBodySchema>["definition"];
export type WorkshopField = z.infer<typeof WorkshopFieldSchema>;
export type WorkshopModel = z.infer<typeof WorkshopModelSchema>;
export type WorkshopPreview = z.infer<typeof WorkshopPreviewSchema>;
export type WorkshopValidation = z.infer<typeof WorkshopValidationSchema>;
/** Any JSON value, and object (look-up rows read loosely). */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };
export type BuyerQuality = z.infer<typeof BuyerQualitySchema>;
export type QualityComponent = z.infer<typeof QualityComponentSchema>;
