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
  compileIndicator,
  summarise,
  UNIT_LABELS,
  type IndicatorResult,
  type IndicatorSummary,
  type RunOptions,
} from "./engine.ts";
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
export { getDefaultModel, loadModel, describeDimensions, type Model } from "./compiler/model.ts";
export type { IndicatorRow, RowFlag, Status } from "./result-rows.ts";
export type { CompiledQuery } from "./compiler/render-sql.ts";
export type { QueryPlan } from "./compiler/plan.ts";
export { toCsv } from "./csv.ts";
