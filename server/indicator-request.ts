// Reads an indicator request from a URL query. Besides the engine's own syntax (by, grain,
// filter=DIM op VALUE), a dimension may be named directly: `region=53` (equals) or
// `procedure=a,b` (one of). Errors name the query parameter the user typed.
import type { Request } from "express";
import {
  IndicatorError,
  parseFilter,
  parseRequest,
  validateRequest,
  type IndicatorDefinition,
  type IndicatorRequest,
  type Issue,
  type Model,
  type QueryInput,
  type RequestFilter,
} from "../indicators/index.ts";
import { unknownFilterCodes, type CodeCheck } from "./reference-codes.ts";

const ENGINE_PARAMETERS = new Set(["by", "grain", "filter"]);

function asStrings(value: unknown): string[] | null {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  return null;
}

export interface ReadQuery {
  request: IndicatorRequest;
  /** The query parameter each of the request's filters came from (`region`, `filter`). */
  filterParams: string[];
}

/**
 * The check of the request's région and département codes against the snapshot's, each refusal
 * said at the parameter that carried the code (reference-codes.ts).
 */
export function queryCodeCheck(model: Model, read: ReadQuery): CodeCheck {
  return (known) => unknownFilterCodes(model, read.request, read.filterParams, known, "api");
}

/** The request, and where each filter came from: a value refused later is said at its parameter. */
export function readIndicatorQuery(
  definition: IndicatorDefinition,
  query: Request["query"],
  model: Model,
  routeParameters: readonly string[] = [],
): ReadQuery {
  const issues: Issue[] = [];
  const engineQuery: QueryInput = {};
  const shorthand: { param: string; filter: RequestFilter }[] = [];

  for (const [key, raw] of Object.entries(query)) {
    if (routeParameters.includes(key)) continue;
    const values = asStrings(raw);
    const param = key.slice(0, 60);
    if (values === null) {
      issues.push({
        code: "invalid_value",
        param,
        message: "une valeur en texte simple est attendue",
      });
      continue;
    }
    if (ENGINE_PARAMETERS.has(key)) {
      engineQuery[key] = values;
      continue;
    }
    if (!model.dimensions.has(key)) {
      const allowed = ["by", "grain", "filter", ...routeParameters, ...definition.filters];
      issues.push({
        code: "unknown_parameter",
        param,
        message: `paramètre inconnu ; paramètres permis : ${allowed.join(", ")}`,
      });
      continue;
    }
    if (values.length > 1) {
      // Each repeat would add a condition that must hold too: year=2019&year=2024 matches none.
      issues.push({
        code: "invalid_value",
        param,
        message: `${key} est donné ${values.length} fois : donnez-le une seule fois, plusieurs valeurs sous la forme ${key}=a,b (l'une d'elles), ou un intervalle avec filter=`,
      });
      continue;
    }
    for (const value of values) {
      // `region==53` arrives as region = « =53 »: read as the equality it was meant to be, so
      // that the engine says the sign too many (parseFilter) rather than « code inconnu ».
      const list = value.includes(",") && !value.startsWith("=");
      const parsed = parseFilter(`${key}${list ? "~" : "="}${value}`);
      if (typeof parsed === "string") {
        const message = value === "" ? `${key} n'a pas de valeur` : parsed;
        issues.push({ code: "invalid_value", param, message });
        continue;
      }
      // Checked alone so that a bad value is reported under the parameter that carried it.
      try {
        const checked = validateRequest(definition, model, { filters: [parsed] });
        shorthand.push(...checked.filters.map((filter) => ({ param, filter })));
      } catch (error) {
        if (!(error instanceof IndicatorError)) throw error;
        issues.push(...error.issues.map((issue) => ({ ...issue, param })));
      }
    }
  }

  let request: IndicatorRequest | null = null;
  try {
    request = parseRequest(definition, engineQuery, model);
  } catch (error) {
    if (!(error instanceof IndicatorError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0 || request === null) throw new IndicatorError(issues);
  const filterParams = [...request.filters.map(() => "filter"), ...shorthand.map((s) => s.param)];
  if (shorthand.length === 0) return { request, filterParams };
  // Validated once more together: the engine's limits (number of filters…) apply to the whole;
  // they keep the filters in their order, so each keeps its parameter.
  const whole = validateRequest(definition, model, {
    by: request.by,
    grain: request.grain,
    filters: [...request.filters, ...shorthand.map((s) => s.filter)],
  });
  return { request: whole, filterParams };
}
