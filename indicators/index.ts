// The indicator engine's public API (used by the server and the CLI). See CONTEXT.md.
export {
  loadCatalogue,
  findDefinition,
  parseDefinition,
  DEFAULT_DEFINITIONS_DIR,
  type Catalogue,
  type IndicatorDefinition,
  type LoadOptions,
} from "./compiler/load.ts";
export {
  runIndicator,
  streamIndicator,
  compileIndicator,
  type IndicatorResult,
  type IndicatorStream,
  type RunOptions,
  type StreamOptions,
} from "./engine.ts";
export {
  summarise,
  shapeOf,
  UNIT_LABELS,
  SHAPES,
  IndicatorSummarySchema,
  type IndicatorShape,
  type IndicatorSummary,
} from "./summary.ts";
export { describeColumns } from "./column-meta.ts";
export { placeIndicators, PlacementSchema, type Placement } from "./placement.ts";
export { PAGES, THEMES, type PageId, type ThemeId } from "./compiler/themes.ts";
export { parseRequest, parseFilter, type QueryInput } from "./compiler/parse-request.ts";
export {
  validateRequest,
  FILTER_OPS,
  GRAINS,
  type FilterOp,
  type Grain,
  type IndicatorRequest,
  type RequestFilter,
  type RequestInput,
} from "./compiler/request.ts";
export {
  IndicatorError,
  isIndicatorError,
  formatIssue,
  type Issue,
  type IssueCode,
} from "./compiler/errors.ts";
export {
  getDefaultModel,
  loadModel,
  describeDimensions,
  fieldCodeList,
  type Model,
} from "./compiler/model.ts";
export {
  ColumnMetaSchema,
  COLUMN_ROLES,
  COLUMN_TYPES,
  IndicatorRowSchema,
  KeyValue,
  labelColumn,
  MEASURED_COLUMNS,
  MEASURED_COLUMN_NAMES,
  FIGURE_NOT_JUDGED,
  ROW_FLAGS,
  STATUSES,
  TARGET_NOT_JUDGED,
  type ColumnMeta,
  type ColumnRole,
  type ColumnType,
  type IndicatorRow,
  type FigureNotJudged,
  type RowFlag,
  type Status,
  type TargetNotJudged,
} from "./result-columns.ts";
export type { CompiledQuery } from "./compiler/render-sql.ts";
export type { QueryPlan } from "./compiler/plan.ts";
export { toCsv } from "./csv.ts";
export {
  boundAnswer,
  cardinalitySql,
  countDimensionValues,
  type AnswerBound,
  type Cardinalities,
} from "./cardinality.ts";
