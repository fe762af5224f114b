// GET /api/contracts/:uid: one contract with its titulaires, modifications and subcontracting.
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { badRequest, notFound } from "../errors.ts";
import { contractDetail } from "../lookups/contracts.ts";
import { rejectUnknownQuery } from "../params.ts";
import { answer } from "../respond.ts";

export function contractsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/contracts/:uid", async (req, res) => {
    rejectUnknownQuery(req, []);
    const uid = req.params.uid;
    // uid = buyer SIRET + the contract id as published: free text, but bounded and printable.
    if (uid.length > 300 || /\p{Cc}/u.test(uid)) {
      throw badRequest("uid", "uid must be at most 300 printable characters");
    }
    await answer(deps, res, async (s) => {
      const detail = await contractDetail(s, uid);
      if (!detail) throw notFound("no contract with this uid in this snapshot", "uid");
      return { ...detail };
    });
  });
  return router;
}
