// Reads a workshop body ({definition, request, sql}) into a checked definition and request, or
// fails with every problem in French, each at its path (`definition.measure.field`,
// `request.by`). The order is what keeps hostile bodies harmless: bounds first (depth, list and
// text lengths), then the envelope, then the catalogue's own zod schema and model check
// (parseDefinition), then the indicator endpoint's own request parsing. Nothing here touches a
// database; values only ever reach SQL as bound parameters, through the engine's plan.
import type { Request } from "express";
import { z } from "zod";
import {
  IndicatorError,
  parseDefinition,
  type IndicatorDefinition,
  type IndicatorRequest,
  type Issue,
  type Model,
} from "../../indicators/index.ts";
import { DefinitionSchema } from "../../indicators/compiler/schema.ts";
import { WorkshopQuerySchema } from "../api-schemas/workshop.ts";
import { ApiError, type ApiIssue } from "../errors.ts";
import { readIndicatorQuery } from "../indicator-request.ts";
import { outOfBounds } from "./bounds.ts";
import { boxMessage, startedTarget } from "./box-words.ts";
import { frenchMessage } from "../engine-french.ts";

export interface WorkshopInput {
  definition: IndicatorDefinition;
  request: IndicatorRequest;
  /** Where each of the request's filters came from (`request.region`). */
  filterParams: string[];
  sql: boolean;
}

const FRENCH = { error: z.locales.fr().localeError };

const Envelope = z.strictObject({
  definition: z.record(z.string(), z.unknown()),
  request: WorkshopQuerySchema.default({}),
  sql: z.boolean().default(false),
});

const fail = (issues: ApiIssue[]): never => {
  throw new ApiError(400, issues);
};

/**
 * zod issues → located French issues; an unknown key is reported at the key itself. Under a
 * definition, each says what to do in its box (box-words.ts), never zod's own words.
 */
function zodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: string,
  model: Model,
  definition?: unknown,
): ApiIssue[] {
  const at = (path: readonly PropertyKey[]) => [prefix, ...path.map(String)].join(".");
  return issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          code: "unknown_key",
          param: at([...issue.path, key.slice(0, 60)]),
          message: frenchMessage("unknown key", model),
        }))
      : [
          {
            code: "invalid_definition",
            param: at(issue.path),
            message:
              (definition !== undefined ? boxMessage(issue, definition) : null) ??
              frenchMessage(issue.message, model),
          },
        ],
  );
}

const located = (issues: Issue[], prefix: string, model: Model): ApiIssue[] =>
  issues.map((issue) => ({
    code: issue.code,
    param: [prefix, issue.path ?? issue.param].filter(Boolean).join("."),
    message: frenchMessage(issue.message, model),
  }));

export function readWorkshopBody(body: unknown, model: Model): WorkshopInput {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    fail([
      {
        code: "invalid_body",
        param: "body",
        message: "le corps doit être un objet JSON {definition, request}",
      },
    ]);
  }
  const tooBig = outOfBounds(body);
  if (tooBig) fail([{ code: "too_large", param: tooBig.path || "body", message: tooBig.message }]);
  const envelope = Envelope.safeParse(body, FRENCH);
  if (!envelope.success) fail(zodIssues(envelope.error.issues, "", model).map(trimDot));
  const {
    definition: raw,
    request: query,
    sql,
  } = (envelope as { data: z.output<typeof Envelope> }).data;

  const shape = DefinitionSchema.safeParse(raw, FRENCH);
  if (!shape.success) {
    const { issues, said } = startedTarget(shape.error.issues, raw);
    const target: ApiIssue[] = said
      ? [
          {
            code: "invalid_definition",
            param: ["definition", ...said.path].join("."),
            message: said.message,
          },
        ]
      : [];
    fail([...target, ...zodIssues(issues, "definition", model, raw)]);
  }
  const id = (shape as { data: z.output<typeof DefinitionSchema> }).data.id;
  const parsed = parseDefinition(raw, `atelier/${id}.yaml`, model);
  if (!parsed.definition) return fail(located(parsed.issues, "definition", model));
  const definition = parsed.definition;
  try {
    const read = readIndicatorQuery(definition, query as Request["query"], model);
    const filterParams = read.filterParams.map((param) => `request.${param}`);
    return { definition, request: read.request, filterParams, sql };
  } catch (error) {
    if (!(error instanceof IndicatorError)) throw error;
    return fail(located(error.issues, "request", model));
  }
}

const trimDot = (issue: ApiIssue): ApiIssue => ({
  ...issue,
  param: (issue.param ?? "").replace(/^\./, "") || "body",
});
