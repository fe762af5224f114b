// The observatory's HTTP application: JSON API under /api, the dashboard's static files elsewhere.
// No listen here: main.ts (or a test) decides where it runs.
import express, { type Express } from "express";
import type { AppDeps } from "./deps.ts";
import { ApiError, apiNotFound, errorHandler } from "./errors.ts";
import { frontDoor } from "./front-door.ts";
import { securityHeaders } from "./security.ts";
import { refuseBodies } from "./client-errors.ts";
import { adminRouter } from "./routes/admin.ts";
import { buyersRouter } from "./routes/buyers.ts";
import { buyerQualityRouter } from "./routes/buyer-quality.ts";
import { buyerReportRouter } from "./routes/buyer-report.ts";
import { contractsRouter } from "./routes/contracts.ts";
import { dataSourcesRouter } from "./routes/data-sources.ts";
import { filtersRouter } from "./routes/filters.ts";
import { healthRouter } from "./routes/health.ts";
import { indicatorsRouter } from "./routes/indicators.ts";
import { exportsRouter } from "./routes/exports.ts";
import { openApiRouter } from "./routes/openapi.ts";
import { staticRouter } from "./routes/static.ts";
import { spaserRouter } from "./routes/spaser.ts";
import { suppliersRouter } from "./routes/suppliers.ts";
import { qualityRouter } from "./routes/quality.ts";
import { workshopRouter } from "./routes/workshop.ts";

const WORKSHOP_POSTS = new Set(["/workshop/preview", "/workshop/validate"]);

export function createApp(deps: AppDeps): Express {
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  // Health, and refusals of a full queue, before any other middleware or router (front-door.ts).
  app.use(frontDoor(deps));
  app.use(securityHeaders);

  const api = express.Router();
  // Answers depend on the snapshot, which may change under the same URL.
  api.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  // Only the workshop's two computations read a body (workshop/read-body.ts bounds it at 32 KB);
  // any other is refused before anything else.
  api.use((req, res, next) =>
    req.method === "POST" && WORKSHOP_POSTS.has(req.path) ? next() : refuseBodies(req, res, next),
  );
  // Read-only API, but for the one admin action and the workshop's computations (nothing stored).
  api.use((req, _res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    if (req.method === "POST" && req.path === "/admin/refresh") return next();
    if (req.method === "POST" && WORKSHOP_POSTS.has(req.path)) return next();
    next(
      new ApiError(405, [{ code: "method_not_allowed", message: "l'API ne fait que lire (GET)" }]),
    );
  });
  api.use(healthRouter(deps));
  api.use(adminRouter(deps));
  api.use(openApiRouter());
  api.use(filtersRouter(deps));
  api.use(exportsRouter(deps));
  api.use(indicatorsRouter(deps));
  api.use(buyersRouter(deps));
  api.use(buyerQualityRouter(deps));
  api.use(buyerReportRouter(deps));
  api.use(spaserRouter(deps));
  api.use(suppliersRouter(deps));
  api.use(contractsRouter(deps));
  api.use(qualityRouter(deps));
  api.use(dataSourcesRouter(deps));
  api.use(workshopRouter(deps));
  api.use(apiNotFound);
  app.use("/api", api);

  app.use(staticRouter());
  app.use(errorHandler(log, deps.catalogue.model));
  return app;
}
