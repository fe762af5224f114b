// Reads a request from strings (CLI flags, URL query): `by=year,region`, `grain=year`,
// `filter=departement=35` (repeatable). The filter syntax is a closed set of operators:
//   DIM=V  DIM!=V  DIM<V  DIM<=V  DIM>V  DIM>=V  DIM~V1,V2 (in)  DIM!~V1,V2 (not in)
import { clip, IndicatorError, type Issue } from "./errors.ts";
import type { IndicatorDefinition } from "./load.ts";
import type { Model } from "./model.ts";
import { getDefaultModel } from "./model.ts";
import {
  FILTER_SYMBOLS,
  validateRequest,
  type FilterOp,
  type IndicatorRequest,
  type RequestInput,
} from "./request.ts";

export type QueryInput = Record<string, string | readonly string[] | undefined>;

const PARAMETERS = new Set(["by", "grain", "filter"]);

// Longer operators first, so `>=` is not read as `>` followed by a value starting with `=`.
const FILTER_SYNTAX = /^([a-z][a-z0-9_]{0,62})(!=|>=|<=|!~|=|>|<|~)([\s\S]*)$/;

const OPERATORS: Record<string, FilterOp> = Object.fromEntries(
  Object.entries(FILTER_SYMBOLS).map(([op, symbol]) => [symbol, op as FilterOp]),
);

export function parseRequest(
  definition: IndicatorDefinition,
  query: QueryInput,
  model: Model = getDefaultModel(),
): IndicatorRequest {
  const issues: Issue[] = [];
  for (const key of Object.keys(query)) {
    if (!PARAMETERS.has(key)) {
      issues.push({
        code: "unknown_parameter",
        param: clip(key),
        message: "unknown parameter; use by, grain, filter",
      });
    }
  }
  const input: RequestInput = { by: [], filters: [] };
  input.by = asList(query.by)
    .flatMap((item) => item.split(","))
    .filter((item) => item !== "");
  const grain = asList(query.grain);
  if (grain.length > 1)
    issues.push({ code: "invalid_grain", param: "grain", message: "give one grain" });
  if (grain[0] !== undefined && grain[0] !== "") input.grain = grain[0];
  const filters: NonNullable<RequestInput["filters"]>[number][] = [];
  for (const text of asList(query.filter)) {
    const parsed = parseFilter(text);
    if (typeof parsed === "string")
      issues.push({ code: "invalid_filter", param: "filter", message: parsed });
    else filters.push(parsed);
  }
  input.filters = filters;
  if (issues.length > 0) {
    // Report the syntax problems together with what validation would say of the rest.
    try {
      validateRequest(definition, model, input);
    } catch (error) {
      if (error instanceof IndicatorError) issues.push(...error.issues);
      else throw error;
    }
    throw new IndicatorError(issues);
  }
  return validateRequest(definition, model, input);
}

export function parseFilter(
  text: string,
): { dimension: string; op: FilterOp; values: string[] } | string {
  const match = FILTER_SYNTAX.exec(text);
  if (!match) {
    return `cannot read filter "${clip(text)}": expected DIM=VALUE, DIM!=VALUE, DIM<VALUE, DIM<=VALUE, DIM>VALUE, DIM>=VALUE, DIM~V1,V2 or DIM!~V1,V2`;
  }
  const [, dimension = "", symbol = "", rest = ""] = match;
  const op = OPERATORS[symbol];
  if (!op) return `unknown operator "${clip(symbol)}"`;
  if (rest === "") return `filter "${clip(text)}" has no value`;
  // `region==53`, as other tools write equality, would test the value « =53 » and be refused
  // as an unknown code: said as the one sign too many, with what to write. No code, year or
  // period starts with « = »; a published name that does is still found with `~` (one of).
  if (rest.startsWith("=") && op !== "in" && op !== "nin") {
    return `filter "${clip(text)}" has one "=" too many: write ${clip(`${dimension}${symbol}${rest.replace(/^=+/, "")}`)}`;
  }
  const values = op === "in" || op === "nin" ? rest.split(",") : [rest];
  return { dimension, op, values };
}

function asList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : [...value];
}
