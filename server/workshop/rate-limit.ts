// A per-client limit on the workshop's requests (each may compile and run a query the catalogue
// has never cached): a fixed window per address, kept in memory and pruned as it goes. Over the
// limit, 429 with Retry-After. No persistence; a restart forgets every count.
import type { RequestHandler } from "express";
import { errorBody } from "./error-body.ts";

export interface RateLimit {
  /** Requests allowed per client and window. */
  max: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { max: 120, windowMs: 60_000 };

export function rateLimit(limit: RateLimit, now: () => number = Date.now): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    const time = now();
    const client = req.ip ?? req.socket.remoteAddress ?? "unknown";
    // Forget finished windows once in a while, so the map stays as small as the active clients.
    if (windows.size > 1000) {
      for (const [key, w] of windows) if (time - w.start >= limit.windowMs) windows.delete(key);
    }
    let window = windows.get(client);
    if (!window || time - window.start >= limit.windowMs) {
      window = { start: time, count: 0 };
      windows.set(client, window);
    }
    window.count += 1;
    if (window.count <= limit.max) return next();
    const retry = Math.max(1, Math.ceil((window.start + limit.windowMs - time) / 1000));
    res.setHeader("Retry-After", String(retry));
    res.status(429).json(
      errorBody(429, {
        code: "rate_limited",
        message: `trop de demandes à l'atelier : ${limit.max} par minute au plus ; réessayez dans ${retry} s`,
      }),
    );
  };
}
