// GET /api/runs: the history of ETL runs and the refresh schedule.
// POST /api/admin/refresh: starts a refresh by hand; only when OBSERVATORY_ADMIN_TOKEN is set,
// with `Authorization: Bearer <token>` (without a token the endpoint does not exist).
import { createHash, timingSafeEqual } from "node:crypto";
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { ApiError, notFound } from "../errors.ts";
import { rejectUnknownQuery } from "../params.ts";
import { answer } from "../respond.ts";

/** Compares digests, so neither the length nor the content leaks through timing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function adminRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/runs", async (req, res) => {
    rejectUnknownQuery(req, []);
    const refresh = deps.refresh;
    await answer(deps, res, async () => ({
      refresh: refresh ? refresh.status() : null,
      runs: refresh ? refresh.runs() : [],
    }));
  });

  router.post("/admin/refresh", async (req, res) => {
    const token = deps.adminToken;
    if (!token || !deps.refresh) throw notFound("manual refresh is off (no admin token set)");
    const header = req.get("authorization") ?? "";
    const given = /^Bearer (.+)$/.exec(header)?.[1] ?? "";
    if (!given || !sameToken(given, token)) {
      res.setHeader("WWW-Authenticate", "Bearer");
      throw new ApiError(401, [
        {
          code: "unauthorized",
          param: "authorization",
          message: "a valid admin token is required",
        },
      ]);
    }
    const { started } = deps.refresh.trigger();
    res.status(202).json({ started, refresh: deps.refresh.status() });
  });

  return router;
}
