// Supplier look-ups: search by name or identifier, one supplier's summary.
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { searchSuppliers, supplierSummary } from "../lookups/suppliers.ts";
import { answer } from "../respond.ts";
import {
  intParam,
  queryString,
  rejectUnknownQuery,
  supplierIdParam,
  textParam,
} from "../params.ts";

export function suppliersRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/suppliers", async (req, res) => {
    rejectUnknownQuery(req, ["q", "limit"]);
    const q = textParam(queryString(req, "q"), "q", 200);
    const limit = intParam(queryString(req, "limit"), "limit", { min: 1, max: 100, fallback: 20 });
    await answer(deps, res, async (s) => ({ suppliers: await searchSuppliers(s, q, limit) }));
  });

  router.get("/suppliers/:id", async (req, res) => {
    rejectUnknownQuery(req, ["limit"]);
    const id = supplierIdParam(req.params.id);
    const limit = intParam(queryString(req, "limit"), "limit", { min: 1, max: 500, fallback: 50 });
    await answer(deps, res, async (s) => {
      const summary = await supplierSummary(s, id, limit);
      if (!summary) throw notFound(`no contract of supplier ${id} in this snapshot`, "id");
      return { ...summary };
    });
  });

  return router;
}
