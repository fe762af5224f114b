// GET /api/runs: the history of ETL runs and the refresh schedule, without filesystem paths.
// POST /api/admin/refresh: starts a refresh by hand; only when OBSERVATORY_ADMIN_TOKEN is set,
// with `Authorization: Bearer <token>` (without a token the endpoint does not exist). Wrong
// tokens are logged with their address, and an address that keeps trying is locked out for a
// while (admin-guard.ts).
import { Router } from "express";
import { FailedAttempts, sameToken } from "../admin-guard.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError, notFound } from "../errors.ts";
import { rejectUnknownQuery } from "../params.ts";
import { answerLight } from "../respond.ts";
import { publicRun } from "../public-runs.ts";

export function adminRouter(deps: AppDeps): Router {
  const router = Router();
  const log = deps.log ?? (() => {});
  const failures = new FailedAttempts(deps.adminThrottle);

  router.get("/runs", async (req, res) => {
    rejectUnknownQuery(req, []);
    const refresh = deps.refresh;
    await answerLight(deps, res, async () => ({
      refresh: refresh ? publicStatus(refresh.status()) : null,
      runs: refresh ? refresh.runs().map(publicRun) : [],
    }));
  });

  router.post("/admin/refresh", async (req, res) => {
    const token = deps.adminToken;
    if (!token || !deps.refresh)
      throw notFound(
        "la mise à jour à la demande est désactivée (aucun jeton d'administration configuré)",
      );
    const address = req.socket.remoteAddress ?? "unknown";
    const locked = failures.lockedFor(address);
    if (locked > 0) {
      log(`admin: refresh refused to ${address}: too many wrong tokens (locked ${locked} s)`);
      throw new ApiError(
        429,
        [
          {
            code: "too_many_attempts",
            param: "authorization",
            message: `Trop de jetons erronés depuis cette adresse : réessayez dans ${locked} s.`,
          },
        ],
        { headers: { "Retry-After": String(locked) } },
      );
    }
    const header = req.get("authorization") ?? "";
    const given = /^Bearer (.+)$/.exec(header)?.[1] ?? "";
    if (!given || !sameToken(given, token)) {
      const count = failures.fail(address);
      log(`admin: wrong or missing token from ${address} (${count} in the current window)`);
      res.setHeader("WWW-Authenticate", "Bearer");
      throw new ApiError(401, [
        {
          code: "unauthorized",
          param: "authorization",
          message: "un jeton d'administration valide est requis",
        },
      ]);
    }
    log(`admin: refresh requested by ${address}`);
    const { started } = deps.refresh.trigger();
    res.status(202).json({ started, refresh: publicStatus(deps.refresh.status()) });
  });

  return router;
}

/** The refresh status with its last outcome stripped of paths like the history. */
function publicStatus(status: ReturnType<NonNullable<AppDeps["refresh"]>["status"]>) {
  return { ...status, last: status.last ? publicRun(status.last) : null };
}
