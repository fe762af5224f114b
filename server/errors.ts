// Errors a user can fix carry a code and the parameter at fault and become 400/404; anything else
// is a bug: 500 with a generic message, the details only in the server log (never a stack trace).
import type { ErrorRequestHandler, RequestHandler } from "express";
import { isIndicatorError, type Model } from "../indicators/index.ts";
import type { ApiErrorBody } from "./api-types.ts";
import { frenchMessage } from "./engine-french.ts";

export interface ApiIssue {
  code: string;
  message: string;
  param?: string;
}

/** The limit a refused request met (limits.ts), so a client can tell which and how much. */
export interface LimitInfo {
  name: string;
  value: number;
}

export type ApiStatus = 400 | 401 | 404 | 405 | 413 | 429 | 431 | 503;

export interface ApiErrorExtra {
  limit?: LimitInfo;
  /** Where the same result can be had as a file, when it is too large for an answer. */
  export?: string;
  /** Headers sent with the error (Retry-After). */
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly status: ApiStatus;
  readonly issues: ApiIssue[];
  readonly extra: ApiErrorExtra;

  constructor(status: ApiStatus, issues: ApiIssue[], extra: ApiErrorExtra = {}) {
    super(issues.map((i) => i.message).join("; "));
    this.name = "ApiError";
    this.status = status;
    this.issues = issues;
    this.extra = extra;
  }
}

export function badRequest(param: string, message: string, code = "invalid_value"): ApiError {
  return new ApiError(400, [{ code, param, message }]);
}

export function notFound(message: string, param?: string): ApiError {
  return new ApiError(404, [{ code: "not_found", message, ...(param ? { param } : {}) }]);
}

export function errorBody(
  status: number,
  issues: ApiIssue[],
  extra: Omit<ApiErrorExtra, "headers"> = {},
): ApiErrorBody {
  const first = issues[0] ?? { code: "error", message: "erreur" };
  return {
    error: {
      status,
      code: first.code,
      message: first.message,
      ...(first.param !== undefined ? { param: first.param } : {}),
      issues,
      ...(extra.limit ? { limit: extra.limit } : {}),
      ...(extra.export ? { export: extra.export } : {}),
    },
  };
}

const body = errorBody;

/** Unknown /api paths answer in JSON like every other API error. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(notFound(`aucune route de l'API pour ${req.method} ${req.baseUrl}${req.path}`));
};

/**
 * `model` names the fields of the engine's messages, which are said in French here as the workshop
 * says them (engine-french.ts); their `code` and `param` stay as the engine wrote them.
 */
export function errorHandler(log: (line: string) => void, model: Model): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    // The client has gone (its work was cancelled): there is no one to answer.
    if (req.socket.destroyed) {
      log(`cancelled: ${req.method} ${req.originalUrl.slice(0, 200)} (the client left)`);
      return;
    }
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.extra.headers ?? {})) {
        res.setHeader(name, value);
      }
      res.status(error.status).json(body(error.status, error.issues, error.extra));
      return;
    }
    if (isIndicatorError(error)) {
      const issues = error.issues.map((i) => ({
        code: i.code,
        message: frenchMessage(i.message, model),
        ...(i.param !== undefined ? { param: i.param } : {}),
      }));
      res.status(error.httpStatus).json(body(error.httpStatus, issues));
      return;
    }
    // Express marks its own client errors (bad percent-encoding in a path…) with a 4xx status.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      res
        .status(status)
        .json(body(status, [{ code: "bad_request", message: "requête mal formée" }]));
      return;
    }
    log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    res.status(500).json(
      body(500, [
        {
          code: "internal_error",
          message: "erreur interne du serveur ; le détail est dans son journal",
        },
      ]),
    );
  };
}
