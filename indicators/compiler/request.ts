// What a caller may ask of an indicator: breakdowns, a time grain, filters. Every name is
// resolved against the model and the definition's allowed lists; every value is typed and
// checked here, then only ever bound as a parameter.
import { clip, IndicatorError, type Issue } from "./errors.ts";
import type { IndicatorDefinition } from "./load.ts";
import type { Model, ModelDimension } from "./model.ts";
import {
  FILTER_OPS,
  FILTER_SYMBOLS,
  GRAINS,
  MAX_BREAKDOWNS,
  MAX_FILTERS,
  MAX_VALUES,
  MAX_VALUE_LENGTH,
  type FilterOp,
  type FilterValue,
  type Grain,
  type IndicatorRequest,
  type RequestFilter,
} from "./request-schema.ts";

export {
  FILTER_OPS,
  FILTER_SYMBOLS,
  GRAINS,
  MAX_BREAKDOWNS,
  MAX_FILTERS,
  MAX_VALUES,
  MAX_VALUE_LENGTH,
  type FilterOp,
  type FilterValue,
  type Grain,
  type IndicatorRequest,
  type RequestFilter,
} from "./request-schema.ts";

/** A request as a caller may build it; validateRequest checks and normalises it. */
export interface RequestInput {
  by?: readonly string[];
  grain?: string | null;
  filters?: readonly { dimension: string; op: string; values: readonly FilterValue[] }[];
}

const ORDERING_OPS: readonly FilterOp[] = ["lt", "lte", "gt", "gte"];

export function validateRequest(
  definition: IndicatorDefinition,
  model: Model,
  input: RequestInput,
): IndicatorRequest {
  const issues: Issue[] = [];
  const fail = (param: string, code: Issue["code"], message: string) =>
    issues.push({ code, param, message });

  const known = (id: string, allowed: readonly string[], param: string): ModelDimension | null => {
    const dimension = model.dimensions.get(id);
    if (!dimension) {
      fail(
        param,
        "unknown_dimension",
        `unknown dimension "${clip(id)}"; allowed: ${allowed.join(", ")}`,
      );
      return null;
    }
    if (!allowed.includes(id)) {
      fail(
        param,
        "dimension_not_allowed",
        `"${id}" is not available for ${definition.id}; allowed: ${allowed.join(", ")}`,
      );
      return null;
    }
    return dimension;
  };

  const by: string[] = [];
  for (const id of input.by ?? []) {
    if (known(id, definition.breakdowns, "by") && !by.includes(id)) by.push(id);
  }
  if (by.length > MAX_BREAKDOWNS)
    fail("by", "too_many_breakdowns", `at most ${MAX_BREAKDOWNS} breakdowns`);

  let grain: Grain | null = null;
  if (input.grain !== undefined && input.grain !== null) {
    const g = input.grain;
    if (!(GRAINS as readonly string[]).includes(g)) {
      fail("grain", "invalid_grain", `grain must be one of ${GRAINS.join(", ")}`);
    } else if (!definition.breakdowns.includes(g)) {
      fail("grain", "dimension_not_allowed", `${definition.id} cannot be broken down by ${g}`);
    } else {
      grain = g as Grain;
    }
  }

  const filters: RequestFilter[] = [];
  const inputFilters = input.filters ?? [];
  if (inputFilters.length > MAX_FILTERS)
    fail("filter", "invalid_filter", `at most ${MAX_FILTERS} filters`);
  for (const filter of inputFilters.slice(0, MAX_FILTERS)) {
    const dimension = known(filter.dimension, definition.filters, "filter");
    if (!dimension) continue;
    if (!(FILTER_OPS as readonly string[]).includes(filter.op)) {
      fail(
        "filter",
        "unknown_operator",
        `unknown operator "${clip(filter.op)}"; allowed: ${FILTER_OPS.join(", ")}`,
      );
      continue;
    }
    const op = filter.op as FilterOp;
    const values = checkValues(dimension, op, filter.values);
    if (typeof values === "string") fail("filter", "invalid_value", values);
    else filters.push({ dimension: dimension.id, op, values });
  }
  const empty = emptyRange(filters, model);
  if (empty) fail("filter", "invalid_filter", empty);
  if (issues.length > 0) throw new IndicatorError(issues);
  return { by, grain, filters };
}

/** The filter's values, typed for the dimension, or why they cannot be used. */
function checkValues(
  dimension: ModelDimension,
  op: FilterOp,
  raw: readonly FilterValue[],
): FilterValue[] | string {
  const list = op === "in" || op === "nin";
  if (!list && raw.length !== 1) return `${op} on ${dimension.id} takes exactly one value`;
  if (raw.length > MAX_VALUES) return `at most ${MAX_VALUES} values per filter`;
  if (ORDERING_OPS.includes(op) && dimension.values !== null) {
    return `${dimension.id} has no order; use =, !=, in or nin`;
  }
  const out: FilterValue[] = [];
  for (const value of raw) {
    const text = String(value);
    if (text.length > MAX_VALUE_LENGTH) {
      return `a value of ${dimension.id} exceeds ${MAX_VALUE_LENGTH} characters`;
    }
    if (dimension.type === "integer") {
      if (!/^-?\d+$/.test(text)) return `${dimension.id} expects an integer, got "${clip(text)}"`;
      // Past nine digits no value of the data is near: said as out of range, not as « not an integer ».
      if (text.replace("-", "").length > 9) {
        return `${dimension.id} is out of range: "${clip(text)}" has more than nine digits`;
      }
      out.push(Number(text));
    } else if (dimension.shape && !dimension.shape.pattern.test(text)) {
      return `${dimension.id} expects a value like ${dimension.shape.example}, got "${clip(text)}"`;
    } else if (dimension.values !== null && !dimension.values.some((v) => v.code === text)) {
      const codes = dimension.values.map((v) => v.code).join(", ");
      return `unknown value "${clip(text)}" for ${dimension.id}; allowed: ${codes}`;
    } else {
      out.push(text);
    }
  }
  return out;
}

/**
 * Two bounds of one ordered dimension that no value meets (`year>=2025` and `year<=2020`), said
 * as a refusal: computed, they give N = 0 and no flag, which reads as « no contract » when the
 * period itself is wrong. Only dimensions whose order is the values' own are checked: a year (a
 * number), a quarter or a month (shaped text, whose order is the calendar's). An equality is a
 * bound on both sides. A period that is merely empty (year=2030) is no contradiction.
 */
function emptyRange(filters: readonly RequestFilter[], model: Model): string | null {
  type Bound = { filter: RequestFilter; value: FilterValue; strict: boolean };
  const lower = new Map<string, Bound>();
  const upper = new Map<string, Bound>();
  for (const filter of filters) {
    const dimension = model.dimensions.get(filter.dimension);
    const value = filter.values[0];
    if (!dimension || value === undefined || !(dimension.type === "integer" || dimension.shape)) {
      continue;
    }
    const strict = filter.op === "gt" || filter.op === "lt";
    const bound = { filter, value, strict };
    if (["gt", "gte", "eq"].includes(filter.op)) {
      const known = lower.get(filter.dimension);
      if (!known || value > known.value || (value === known.value && strict)) {
        lower.set(filter.dimension, bound);
      }
    }
    if (["lt", "lte", "eq"].includes(filter.op)) {
      const known = upper.get(filter.dimension);
      if (!known || value < known.value || (value === known.value && strict)) {
        upper.set(filter.dimension, bound);
      }
    }
  }
  for (const [dimension, low] of lower) {
    const high = upper.get(dimension);
    if (!high || high.filter === low.filter) continue;
    const apart =
      low.value > high.value || (low.value === high.value && (low.strict || high.strict));
    if (apart) {
      const text = (f: RequestFilter) =>
        clip(`${f.dimension}${FILTER_SYMBOLS[f.op]}${f.values[0]}`);
      return `empty range on ${dimension}: "${text(low.filter)}" and "${text(high.filter)}" cannot both hold`;
    }
  }
  return null;
}
