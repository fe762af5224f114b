// GET /api/buyers/:siret/report?year=YYYY&format=html|pdf|docx: a buyer's annual report on its
// responsible purchasing (server/report/). Built one at a time (report/render-slot.ts), the data
// gathered on one snapshot. The HTML page gets its own Content-Security-Policy: no script at
// all, its inline styles and images only.
import { existsSync } from "node:fs";
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { BuyerReportQuery } from "../api-schemas/parameters.ts";
import { listed } from "../../client/src/shared/french-words.js";
import { ApiError, badRequest } from "../errors.ts";
import type { Snapshot } from "../db.ts";
import {
  enumQuery,
  intParam,
  queryNames,
  queryString,
  rejectUnknownQuery,
  siretParam,
} from "../params.ts";
import { trendCharts } from "../report/charts.ts";
import { gatherReport } from "../report/data.ts";
import { reportDocx } from "../report/docx.ts";
import { reportHtml } from "../report/html.ts";
import { refusalPage } from "../report/refusal-page.ts";
import { chromiumPath, htmlToPdf, pdfUnavailable } from "../report/pdf.ts";
import { inReportSlot } from "../report/render-slot.ts";
import { buyerYears } from "../spaser/buyer-scope.ts";
import { requireBuyer } from "./buyer-quality.ts";

const REPORT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "script-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const TYPES = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/**
 * A year in which the buyer notified no contract has nothing to report: its report said
 * « n'a publié aucun marché notifié en 2020 » and counted every indicator « faute de marché
 * concerné », for 1990 and 2030 alike. Refused, naming the years that have one (the buyer page
 * offers only those).
 */
async function requireYear(snapshot: Snapshot, siret: string, year: number): Promise<void> {
  const years = (await buyerYears(snapshot, [siret])).map((y) => y.year);
  if (years.includes(year)) return;
  const message =
    years.length === 0
      ? `aucun marché de l'acheteur ${siret} n'a de date de notification dans les données servies : pas de rapport annuel`
      : `aucun marché de l'acheteur ${siret} notifié en ${year} dans les données servies : rapport annuel disponible pour ${listed(years.map(String))}`;
  throw new ApiError(404, [{ code: "no_contract_in_year", param: "year", message }]);
}

export function buyerReportRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/buyers/:siret/report", async (req, res) => {
    rejectUnknownQuery(req, queryNames(BuyerReportQuery));
    const siret = siretParam(req.params.siret);
    const bounds = BuyerReportQuery.shape.year;
    const raw = queryString(req, "year");
    if (raw === undefined || raw === "") throw badRequest("year", "year est obligatoire (AAAA)");
    const year = intParam(raw, "year", {
      min: bounds.minValue ?? 1990,
      max: bounds.maxValue ?? 2100,
      fallback: 0,
    });
    const formats = BuyerReportQuery.shape.format.unwrap().options;
    const format = enumQuery(req, "format", formats, "html");
    // Said before any work: a missing browser is known at once.
    if (format === "pdf" && !existsSync(chromiumPath())) throw pdfUnavailable(chromiumPath());
    const report = inReportSlot(async () => {
      const data = await deps.snapshots.use(async (s) => {
        await requireBuyer(s, siret);
        await requireYear(s, siret, year);
        return gatherReport(deps, s, siret, year);
      });
      const charts = await trendCharts(data.indicators, year);
      const page = reportHtml(data, charts);
      const file =
        format === "html"
          ? Buffer.from(page, "utf8")
          : format === "pdf"
            ? await htmlToPdf(page)
            : await reportDocx(data, charts);
      return { body: file, snapshotId: data.snapshot.id };
    });
    // A person who followed a link to a report that cannot be made reads why on a page.
    const made = await report.catch((error: unknown) => {
      if (
        format === "html" &&
        error instanceof ApiError &&
        req.accepts(["json", "html"]) === "html"
      )
        return error;
      throw error;
    });
    if (made instanceof ApiError) {
      res.status(made.status);
      res.setHeader("Content-Type", TYPES.html);
      res.setHeader("Content-Security-Policy", REPORT_CSP);
      res.send(refusalPage(siret, made));
      return;
    }
    const { body, snapshotId } = made;
    res.setHeader("Content-Type", TYPES[format]);
    res.setHeader("X-Snapshot-Id", snapshotId);
    if (format === "html") res.setHeader("Content-Security-Policy", REPORT_CSP);
    else {
      res.setHeader(
        "Content-Disposition",
        `attachment; filename="rapport-annuel_${siret}_${year}.${format}"`,
      );
    }
    res.send(body);
  });
  return router;
}
