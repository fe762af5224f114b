// The indicator workshop (« Atelier »): GET /api/workshop (what the form offers), POST
// /api/workshop/validate (is this definition and request sound?) and POST /api/workshop/preview
// (its rows on the current snapshot). A definition sent here is checked by the catalogue's own
// schema and model and runs through the indicator endpoint's own query path
// (indicator-service.ts runCheckedRequest), never cached, never stored. Bounded: body size,
// depth, lists and texts (workshop/bounds.ts), a rate per client.
import express, { Router } from "express";
import { compileIndicator, type IndicatorDefinition } from "../../indicators/index.ts";
import type { CompiledQuery } from "../../indicators/index.ts";
import type { IndicatorResult, WorkshopPreview, WorkshopValidation } from "../api-types.ts";
import { answerText } from "../answer-body.ts";
import type { AppDeps } from "../deps.ts";
import { refuseUnknownCodes, runCheckedRequest } from "../indicator-service.ts";
import { describeIndicator } from "../indicator-view.ts";
import { rejectUnknownQuery } from "../params.ts";
import { unknownConditionCodes, unknownFilterCodes, type CodeCheck } from "../reference-codes.ts";
import { clientSignal } from "../work.ts";
import { definitionWarnings, rowDiagnostics } from "../workshop/diagnostics.ts";
import { bodyErrors } from "../workshop/error-body.ts";
import { workshopModel } from "../workshop/model-view.ts";
import { DEFAULT_RATE_LIMIT, rateLimit } from "../workshop/rate-limit.ts";
import { readWorkshopBody, type WorkshopInput } from "../workshop/read-body.ts";

/** A definition is a few kilobytes; the catalogue's largest is under 3. */
export const WORKSHOP_BODY_BYTES = 32 * 1024;

type SqlParam = string | number | boolean | null;

function sqlOf(query: CompiledQuery): { text: string; params: SqlParam[] } {
  const params = query.params.map((p): SqlParam =>
    typeof p === "string" || typeof p === "number" || typeof p === "boolean" || p === null
      ? p
      : String(p),
  );
  return { text: query.sql, params };
}

export function workshopRouter(deps: AppDeps): Router {
  const router = Router();
  const { model } = deps.catalogue;
  const limiter = rateLimit(DEFAULT_RATE_LIMIT);
  const json = express.json({ limit: WORKSHOP_BODY_BYTES, strict: true });
  const compile = (
    definition: IndicatorDefinition,
    request: Parameters<typeof compileIndicator>[1],
  ) => compileIndicator(definition, request, { model }).query;

  router.get("/workshop", (req, res) => {
    rejectUnknownQuery(req, []);
    res.json(
      workshopModel(deps.catalogue, {
        bodyBytes: WORKSHOP_BODY_BYTES,
        perMinute: Math.round((DEFAULT_RATE_LIMIT.max * 60_000) / DEFAULT_RATE_LIMIT.windowMs),
      }),
    );
  });

  /** Codes of régions and départements the snapshot does not know, in the conditions or the
   * request, and values outside a field's closed list in the conditions (the engine holds the
   * request's filters to those lists): refused at their box, not counted as N = 0
   * (reference-codes.ts, closed-lists.ts). */
  const codes =
    (input: WorkshopInput): CodeCheck =>
    (known) => [
      ...unknownConditionCodes(model, input.definition, known),
      ...unknownFilterCodes(model, input.request, input.filterParams, known, "box"),
    ];

  router.post("/workshop/validate", limiter, json, async (req, res) => {
    rejectUnknownQuery(req, []);
    const input = readWorkshopBody(req.body, model);
    const { definition, request, sql } = input;
    await deps.snapshots.use((snapshot) => refuseUnknownCodes(deps, snapshot, codes(input)));
    const query = compile(definition, request);
    const answer: WorkshopValidation = {
      valid: true,
      indicator: describeIndicator(definition, model),
      request,
      diagnostics: { warnings: definitionWarnings(definition, model) },
      sql: sql ? sqlOf(query) : null,
    };
    res.json(answer);
  });

  router.post("/workshop/preview", limiter, json, async (req, res) => {
    rejectUnknownQuery(req, []);
    const input = readWorkshopBody(req.body, model);
    const { definition, request, sql } = input;
    const query = sql ? sqlOf(compile(definition, request)) : null;
    const outcome = await runCheckedRequest(deps, definition, request, {
      codes: codes(input),
      cache: false,
      signal: clientSignal(res),
    });
    // The answer as the indicator endpoint writes it (answer-body.ts), read back to add to it.
    const result = JSON.parse(answerText(outcome.body)) as IndicatorResult;
    const rows = rowDiagnostics(result.rows, definition);
    const answer: WorkshopPreview = {
      ...result,
      diagnostics: {
        rows: result.rows.length,
        flagged: rows.flagged,
        warnings: [...definitionWarnings(definition, model), ...rows.warnings],
      },
      sql: query,
    };
    res.setHeader("X-Snapshot-Id", outcome.snapshotId);
    res.json(answer);
  });

  router.use("/workshop", bodyErrors(WORKSHOP_BODY_BYTES));
  return router;
}
