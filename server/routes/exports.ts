// GET /api/indicators/:id/export?format=…: the same result as /api/indicators/:id, as a file.
// Written in the export queue to a temporary file (export/write-export.ts), within the export's
// row limit, then streamed to the client and removed.
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { Router, type Request, type Response } from "express";
import { downloadName } from "../../client/src/shared/download-name.js";
import { compileIndicator, findDefinition } from "../../indicators/index.ts";
import type { AppDeps } from "../deps.ts";
import { badRequest } from "../errors.ts";
import { queryCodeCheck, readIndicatorQuery } from "../indicator-request.ts";
import { refuseUnknownCodes } from "../indicator-service.ts";
import { checkBreakdown } from "../answer-limits.ts";
import { queryString } from "../params.ts";
import { writeExport } from "../export/write-export.ts";
import { EXPORT_FORMAT_NAMES, type ExportFormatName } from "../api-schemas/indicators.ts";
import { runHeavy } from "../work.ts";

/** The file's name and ending: client/src/shared/download-name.js. */
interface Format {
  contentType: string;
}

export const EXPORT_FORMATS: Record<ExportFormatName, Format> = {
  csv_excel: { contentType: "text/csv; charset=utf-8" },
  csv: { contentType: "text/csv; charset=utf-8" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  parquet: { contentType: "application/vnd.apache.parquet" },
};

export function exportsRouter(deps: AppDeps): Router {
  const router = Router();
  const { model } = deps.catalogue;
  /** The format, the definition and the request of an export's address, or its 400/404. */
  const readExport = (req: Request<{ id: string }>) => {
    const format = queryString(req, "format") ?? "";
    if (!isFormat(format)) {
      throw badRequest(
        "format",
        `format doit être l'une des valeurs ${EXPORT_FORMAT_NAMES.join(", ")}`,
      );
    }
    const definition = findDefinition(deps.catalogue, req.params.id);
    const read = readIndicatorQuery(definition, req.query, model, ["format"]);
    return { format, definition, read };
  };

  // HEAD (a link checker, a download manager asking the name and type) is answered without
  // building the file: Express would otherwise run the GET below, taking the export slot and
  // DuckDB's time for a body it then drops. The request is checked as the GET checks it before
  // running (parameters, codes, size of the breakdown: the snapshot's counts, read once per
  // snapshot), so a HEAD that says 200 names a file the GET will build. Content-Length, known
  // only once the file is written, is left out, as RFC 9110 (9.3.2) allows. Not refused with a
  // 405: every general-purpose server must answer HEAD wherever it answers GET (RFC 9110, 9.1).
  router.head("/indicators/:id/export", async (req, res) => {
    const { format, definition, read } = readExport(req);
    const snapshotId = await deps.snapshots.use(async (snapshot) => {
      await refuseUnknownCodes(deps, snapshot, queryCodeCheck(model, read));
      const { plan, request } = compileIndicator(definition, read.request, { model });
      await checkBreakdown(snapshot, deps.cardinalities, plan, request, deps.work.limits);
      return snapshot.info.id;
    });
    fileHeaders(res, req.originalUrl, format, definition.id, snapshotId, definition.version);
    res.status(200).end();
  });

  router.get("/indicators/:id/export", async (req, res) => {
    const { format, definition, read } = readExport(req);
    const file = await runHeavy(deps.work, "exports", res, (signal) =>
      deps.snapshots.use(async (snapshot) => {
        await refuseUnknownCodes(deps, snapshot, queryCodeCheck(model, read));
        return writeExport(
          deps,
          snapshot,
          definition,
          read.request,
          format,
          req.originalUrl,
          signal,
        );
      }, signal),
    );
    const result = file.head;
    fileHeaders(
      res,
      req.originalUrl,
      format,
      result.indicator.id,
      result.snapshot_id,
      result.definition_version,
    );
    res.setHeader("Content-Length", String(file.bytes));
    try {
      await pipeline(createReadStream(file.path), res);
    } catch {
      // The client left during the download: nothing more to do than remove the file.
    } finally {
      await rm(file.dir, { recursive: true, force: true });
    }
  });
  return router;
}

/** The headers of a file, GET or HEAD alike. */
function fileHeaders(
  res: Response,
  url: string,
  format: ExportFormatName,
  indicatorId: string,
  snapshotId: string,
  definitionVersion: number,
): void {
  // Named after what the file holds, as the dashboard's link names it (same module). The
  // snapshot is in the X-Snapshot-Id header and in the XLSX and Parquet metadata.
  const query = new URLSearchParams(url.split("?")[1] ?? "");
  const name = downloadName(indicatorId, query, format);
  res.setHeader("Content-Type", EXPORT_FORMATS[format].contentType);
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
  res.setHeader("X-Snapshot-Id", snapshotId);
  res.setHeader("X-Definition-Version", String(definitionVersion));
}

function isFormat(text: string): text is ExportFormatName {
  return (EXPORT_FORMAT_NAMES as readonly string[]).includes(text);
}
