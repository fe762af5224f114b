// The API's error shape (api-schemas/common.ts ErrorSchema) for the workshop's own refusals that
// happen before a route runs: a body too large or malformed (413, 400), too many requests (429).
import type { ErrorRequestHandler } from "express";
import type { ApiErrorBody } from "../api-types.ts";

export function errorBody(
  status: number,
  issue: { code: string; message: string; param?: string },
): ApiErrorBody {
  return { error: { status, ...issue, issues: [issue] } };
}

/** express.json's errors, said plainly: the body's size limit, or JSON that does not parse. */
export function bodyErrors(limitBytes: number): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    const type = (error as { type?: unknown } | null)?.type;
    if (type === "entity.too.large") {
      res.status(413).json(
        errorBody(413, {
          code: "body_too_large",
          param: "body",
          message: `le corps dépasse ${Math.round(limitBytes / 1024)} Ko ; une définition tient en quelques Ko`,
        }),
      );
      return;
    }
    if (type === "entity.parse.failed") {
      res.status(400).json(
        errorBody(400, {
          code: "invalid_json",
          param: "body",
          message: "le corps n'est pas du JSON valide",
        }),
      );
      return;
    }
    if (type === "encoding.unsupported" || type === "charset.unsupported") {
      res.status(415).json(
        errorBody(415, {
          code: "unsupported_encoding",
          param: "body",
          message: "encodage non pris en charge (UTF-8 attendu)",
        }),
      );
      return;
    }
    next(error);
  };
}
