// Errors a user can fix carry a code and the parameter at fault and become 400/404; anything else
// is a bug: 500 with a generic message, the details only in the server log (never a stack trace).
import type { ErrorRequestHandler, RequestHandler } from "express";
import { isIndicatorError } from "../indicators/index.ts";

export interface ApiIssue {
  code: string;
  message: string;
  param?: string;
}

export class ApiError extends Error {
  readonly status: 400 | 401 | 404 | 405 | 503;
  readonly issues: ApiIssue[];

  constructor(status: 400 | 401 | 404 | 405 | 503, issues: ApiIssue[]) {
    super(issues.map((i) => i.message).join("; "));
    this.name = "ApiError";
    this.status = status;
    this.issues = issues;
  }
}

export function badRequest(param: string, message: string, code = "invalid_value"): ApiError {
  return new ApiError(400, [{ code, param, message }]);
}

export function notFound(message: string, param?: string): ApiError {
  return new ApiError(404, [{ code: "not_found", message, ...(param ? { param } : {}) }]);
}

interface ErrorBody {
  error: { status: number; code: string; message: string; param?: string; issues: ApiIssue[] };
}

function body(status: number, issues: ApiIssue[]): ErrorBody {
  const first = issues[0] ?? { code: "error", message: "erreur" };
  return {
    error: {
      status,
      code: first.code,
      message: first.message,
      ...(first.param !== undefined ? { param: first.param } : {}),
      issues,
    },
  };
}

/** Unknown /api paths answer in JSON like every other API error. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(notFound(`no API route for ${req.method} ${req.path}`));
};

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof ApiError) {
      res.status(error.status).json(body(error.status, error.issues));
      return;
    }
    if (isIndicatorError(error)) {
      const issues = error.issues.map((i) => ({
        code: i.code,
        message: i.message,
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
        .json(body(status, [{ code: "bad_request", message: "malformed request" }]));
      return;
    }
    log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    res
      .status(500)
      .json(body(500, [{ code: "internal_error", message: "internal error; see the server log" }]));
  };
}
