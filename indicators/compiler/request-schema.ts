// A checked request, as validateRequest (request.ts) returns it and every answer repeats it: the
// breakdowns, the time grain and the filters, each with its operator and typed values. Declared
// with zod so that the API's schema (server/api-schemas/) is this one. No import but zod: the
// client's types reach this file through server/api-types.ts.
import { z } from "zod";

export const FILTER_OPS = ["eq", "neq", "lt", "lte", "gt", "gte", "in", "nin"] as const;
export const GRAINS = ["year", "quarter", "month"] as const;
export const MAX_BREAKDOWNS = 3;
export const MAX_FILTERS = 20;
export const MAX_VALUES = 200;
export const MAX_VALUE_LENGTH = 500;

export type FilterOp = (typeof FILTER_OPS)[number];
/** How each operator is written in a filter's text (`year>=2024`): parse-request.ts reads them. */
export const FILTER_SYMBOLS: Record<FilterOp, string> = {
  eq: "=",
  neq: "!=",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
  in: "~",
  nin: "!~",
};
export type Grain = (typeof GRAINS)[number];

const FilterValueSchema = z.union([z.string().max(MAX_VALUE_LENGTH), z.number()]);
export type FilterValue = z.infer<typeof FilterValueSchema>;

export const RequestFilterSchema = z.strictObject({
  dimension: z.string(),
  op: z.enum(FILTER_OPS),
  values: z.array(FilterValueSchema).max(MAX_VALUES),
});
export type RequestFilter = z.infer<typeof RequestFilterSchema>;

export const IndicatorRequestSchema = z.strictObject({
  by: z.array(z.string()).max(MAX_BREAKDOWNS).describe("Breakdown dimensions, in order."),
  grain: z.enum(GRAINS).nullable().describe("Time grain, or null."),
  filters: z.array(RequestFilterSchema).max(MAX_FILTERS).describe("All must hold."),
});
export type IndicatorRequest = z.infer<typeof IndicatorRequestSchema>;
