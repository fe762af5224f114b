// Supplier look-ups: search by name or identifier, one supplier's summary.
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { checkNameWords } from "../lookups/name-search.ts";
import { searchSuppliers, supplierSummary } from "../lookups/suppliers.ts";
import { modelLabel } from "../lookups/labels.ts";
import { answer } from "../respond.ts";
import { SearchQuery, SupplierQuery } from "../api-schemas/parameters.ts";
import {
  intQuery,
  queryNames,
  queryString,
  rejectUnknownQuery,
  supplierIdParam,
  textParam,
} from "../params.ts";

export function suppliersRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/suppliers", async (req, res) => {
    rejectUnknownQuery(req, queryNames(SearchQuery));
    const q = checkNameWords(
      textParam(queryString(req, "q"), "q", SearchQuery.shape.q.maxLength ?? 200),
    );
    const limit = intQuery(req, "limit", SearchQuery.shape.limit);
    await answer(deps, res, async (s) => ({ ...(await searchSuppliers(s, q, limit)) }));
  });

  router.get("/suppliers/:id", async (req, res) => {
    rejectUnknownQuery(req, queryNames(SupplierQuery));
    const id = supplierIdParam(req.params.id);
    const limit = intQuery(req, "limit", SupplierQuery.shape.limit);
    await answer(deps, res, async (s) => {
      const summary = await supplierSummary(s, id, limit, (category) =>
        modelLabel(deps.catalogue.model, "titulaire_categorie", category),
      );
      if (!summary)
        throw notFound(`aucun marché du titulaire ${id} dans les données servies`, "id");
      return { ...summary };
    });
  });

  return router;
}
