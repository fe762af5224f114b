// GET /api/contracts?q=: contracts by words of their objet; GET /api/contracts/:uid: one contract
// with its titulaires, modifications and subcontracting.
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { badRequest, notFound } from "../errors.ts";
import { contractDetail } from "../lookups/contracts.ts";
import { searchContracts } from "../lookups/contract-search.ts";
import { ContractSearchQuery } from "../api-schemas/parameters.ts";
import { MAX_SEARCH_WORDS, searchWords } from "../../client/src/shared/search-words.js";
import { intQuery, queryNames, queryString, rejectUnknownQuery, textParam } from "../params.ts";
import { answer } from "../respond.ts";

export function contractsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/contracts", async (req, res) => {
    rejectUnknownQuery(req, queryNames(ContractSearchQuery));
    const q = textParam(queryString(req, "q"), "q", ContractSearchQuery.shape.q.maxLength ?? 200);
    const limit = intQuery(req, "limit", ContractSearchQuery.shape.limit);
    const words = searchWords(q);
    if (words.length === 0) throw badRequest("q", "q ne contient aucun mot");
    if (words.length > MAX_SEARCH_WORDS) {
      throw badRequest("q", `q contient plus de ${MAX_SEARCH_WORDS} mots`);
    }
    await answer(deps, res, async (s) => ({ words, ...(await searchContracts(s, words, limit)) }));
  });

  router.get("/contracts/:uid", async (req, res) => {
    rejectUnknownQuery(req, []);
    const uid = req.params.uid;
    // uid = buyer SIRET + the contract id as published: free text, but bounded and printable.
    if (uid.length > 300 || /\p{Cc}/u.test(uid)) {
      throw badRequest("uid", "uid a au plus 300 caractères imprimables");
    }
    await answer(deps, res, async (s) => {
      const detail = await contractDetail(s, uid);
      if (!detail) throw notFound("aucun marché de cet uid dans les données servies", "uid");
      return { ...detail };
    });
  });
  return router;
}
