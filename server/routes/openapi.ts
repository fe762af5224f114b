// GET /api/openapi.json
import { Router } from "express";
import { openApiDocument } from "../openapi/document.ts";

export function openApiRouter(): Router {
  const router = Router();
  const document = openApiDocument();
  router.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  return router;
}
