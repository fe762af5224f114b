// GET /api/indicators/:id/export?format=…: the same result as /api/indicators/:id, as a file.
// Written in the export queue to a temporary file (export/write-export.ts), within the export's
// row limit, then streamed to the client and removed.
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { Router } from "express";
import { downloadName } from "../../client/src/shared/download-name.js";
import { findDefinition } from "../../indicators/index.ts";
import type { AppDeps } from "../deps.ts";
import { badRequest } from "../errors.ts";
import { queryCodeCheck, readIndicatorQuery } from "../indicator-request.ts";
import { refuseUnknownCodes } from "../indicator-service.ts";
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
  router.get("/indicators/:id/export", async (req, res) => {
    const format = queryString(req, "format") ?? "";
    if (!isFormat(format)) {
      throw badRequest(
        "format",
        `format doit être l'une des valeurs ${EXPORT_FORMAT_NAMES.join(", ")}`,
      );
    }
    const writer = EXPORT_FORMATS[format];
    const definition = findDefinition(deps.catalogue, req.params.id);
    const { model } = deps.catalogue;
    const read = readIndicatorQuery(definition, req.query, model, ["format"]);
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
    // Named after what the file holds, as the dashboard's link names it (same module). The
    // snapshot is in the X-Snapshot-Id header and in the XLSX and Parquet metadata.
    const query = new URLSearchParams(req.originalUrl.split("?")[1] ?? "");
    const name = downloadName(result.indicator.id, query, format);
    res.setHeader("Content-Type", writer.contentType);
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    res.setHeader("Content-Length", String(file.bytes));
    res.setHeader("X-Snapshot-Id", result.snapshot_id);
    res.setHeader("X-Definition-Version", String(result.definition_version));
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

function isFormat(text: string): text is ExportFormatName {
  return (EXPORT_FORMAT_NAMES as readonly string[]).includes(text);
}
