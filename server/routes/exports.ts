// GET /api/indicators/:id/export?format=…: the same result as /api/indicators/:id, as a file.
// No row cap: what the request selects is what the file holds.
import { Router } from "express";
import { downloadName } from "../../client/src/shared/download-name.js";
import type { AppDeps } from "../deps.ts";
import { badRequest } from "../errors.ts";
import { parseAnswer, runForApi } from "../indicator-service.ts";
import { queryString } from "../params.ts";
import { EXCEL_FR, PLAIN, toCsvText } from "../export/csv.ts";
import { toParquet } from "../export/parquet.ts";
import { toExportTable, type ExportTable } from "../export/table.ts";
import { toXlsx } from "../export/xlsx.ts";
import { EXPORT_FORMAT_NAMES, type ExportFormatName } from "../api-schemas/indicators.ts";

/** The file's name and ending: client/src/shared/download-name.js. */
interface Writer {
  contentType: string;
  /** Spreadsheets get French words for flags and booleans; data tools get stable codes. */
  french: boolean;
  write(table: ExportTable): Promise<Buffer | string>;
}

export const EXPORT_FORMATS: Record<ExportFormatName, Writer> = {
  csv_excel: {
    contentType: "text/csv; charset=utf-8",
    french: true,
    write: async (t) => toCsvText(t, EXCEL_FR),
  },
  csv: {
    contentType: "text/csv; charset=utf-8",
    french: false,
    write: async (t) => toCsvText(t, PLAIN),
  },
  xlsx: {
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    french: true,
    write: toXlsx,
  },
  parquet: {
    contentType: "application/vnd.apache.parquet",
    french: false,
    write: toParquet,
  },
};

export function exportsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/indicators/:id/export", async (req, res) => {
    const format = queryString(req, "format") ?? "";
    if (!isFormat(format)) {
      throw badRequest("format", `format must be one of ${EXPORT_FORMAT_NAMES.join(", ")}`);
    }
    const writer = EXPORT_FORMATS[format];
    const result = parseAnswer(await runForApi(deps, req.params.id, req.query, ["format"]));
    const table = toExportTable(result, deps.catalogue.model, req.originalUrl, writer.french);
    const body = await writer.write(table);
    // Named after what the file holds, as the dashboard's link names it (same module). The
    // snapshot is in the X-Snapshot-Id header and in the XLSX and Parquet metadata.
    const query = new URLSearchParams(req.originalUrl.split("?")[1] ?? "");
    const name = downloadName(result.indicator.id, query, format);
    res.setHeader("Content-Type", writer.contentType);
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    res.setHeader("X-Snapshot-Id", result.snapshot_id);
    res.setHeader("X-Definition-Version", String(result.definition_version));
    res.send(typeof body === "string" ? Buffer.from(body, "utf8") : body);
  });
  return router;
}

function isFormat(text: string): text is ExportFormatName {
  return (EXPORT_FORMAT_NAMES as readonly string[]).includes(text);
}
