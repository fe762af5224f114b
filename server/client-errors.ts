// Errors Node's HTTP parser meets before Express sees a request (headers or URL too long,
// malformed request line) answered in JSON like every other error, instead of Node's bodiless
// 431 or 400; and request bodies, which the API never reads, refused with 413.
import { STATUS_CODES, type Server } from "node:http";
import type { Duplex } from "node:stream";
import type { RequestHandler } from "express";
import { ApiError, errorBody } from "./errors.ts";

/** The largest body the API accepts (and ignores): it reads none. */
export const MAX_BODY_BYTES = 1024;

export function answerParserErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection reset or a timed-out socket has no one to answer.
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const status = tooLarge ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const body = JSON.stringify(
      errorBody(status, [
        tooLarge
          ? {
              code: "headers_too_large",
              message: "L'adresse ou les en-têtes de la requête sont trop longs.",
            }
          : { code: "bad_request", message: "Requête HTTP mal formée." },
      ]),
    );
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Connection: close\r\n\r\n" +
        body,
    );
  });
}

/** 413 for a request carrying a body larger than MAX_BODY_BYTES (or of unknown length). */
export const refuseBodies: RequestHandler = (req, res, next) => {
  const length = Number(req.headers["content-length"] ?? 0);
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!chunked && length <= MAX_BODY_BYTES) return next();
  // The body is not read: the connection closes after the answer.
  res.setHeader("Connection", "close");
  next(
    new ApiError(
      413,
      [{ code: "body_too_large", message: "L'API ne lit pas de corps de requête." }],
      { limit: { name: "max_body_bytes", value: MAX_BODY_BYTES } },
    ),
  );
};
