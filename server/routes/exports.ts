// GET /api/indicators/:id/export?format=…: the same result as /api/indicators/:id, as a file.
// No row cap: what the request selects is what the file holds.
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { badRequest } from "../errors.ts";
import { parseAnswer, runForApi } from "../indicator-service.ts";
import { queryString } from "../params.ts";
import { EXCEL_FR, PLAIN, toCsvText } from "../export/csv.ts";
import { toParquet } from "../export/parquet.ts";
import { toExportTable, type ExportTable } from "../export/table.ts";
import { toXlsx } from "../export/xlsx.ts";
import { EXPORT_FORMAT_NAMES, type ExportFormatName } from "../api-schemas/indicators.ts";

interface Writer {
  extension: string;
  contentType: string;
  /** Spreadsheets get French words for flags and booleans; data tools get stable codes. */
  french: boolean;
  write(table: ExportTable): Promise<Buffer | string>;
}

export const EXPORT_FORMATS: Record<ExportFormatName, Writer> = {
  csv_excel: {
    extension: "csv",
    contentType: "text/csv; charset=utf-8",
    french: true,
    write: async (t) => toCsvText(t, EXCEL_FR),
  },
  csv: {
    extension: "csv",
    contentType: "text/csv; charset=utf-8",
    french: false,
    write: async (t) => toCsvText(t, PLAIN),
  },
  xlsx: {
    extension: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    french: true,
    write: toXlsx,
  },
  parquet: {
    extension: "parquet",
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
    const suffix = format === "csv_excel" ? "-excel" : "";
    const snapshot = result.snapshot_id.replace(/[^A-Za-z0-9_-]/g, "_");
    const name = `${result.indicator.id}-${snapshot}${suffix}.${writer.extension}`;
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
