// A buyer's publication quality: GET /api/buyers/:siret/quality (grade, rules, first records to
// fix) and /quality/export (every record to fix, for French Excel or as XLSX).
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import type { BuyerQuality } from "../api-types.ts";
import { notFound } from "../errors.ts";
import type { Snapshot } from "../db.ts";
import { answer } from "../respond.ts";
import { runHeavy } from "../work.ts";
import { BuyerQualityExportQuery, BuyerQualityQuery } from "../api-schemas/parameters.ts";
import { EXCEL_FR, toCsvText } from "../export/csv.ts";
import { toXlsx } from "../export/xlsx.ts";
import { loadQualityDefinition } from "../publication-quality/definition.ts";
import { fixTable } from "../publication-quality/fix-table.ts";
import { evaluateBuyer, toQualityAnswer } from "../publication-quality/service.ts";
import {
  enumQuery,
  optionalIntQuery,
  queryNames,
  rejectUnknownQuery,
  siretParam,
} from "../params.ts";

/** 404 when the snapshot has no contract of this buyer at all. */
export async function requireBuyer(snapshot: Snapshot, siret: string): Promise<void> {
  const [row] = await snapshot.query("SELECT count(*) AS n FROM contracts WHERE acheteur_id = $1", [
    siret,
  ]);
  if (Number(row?.n ?? 0) === 0) {
    throw notFound(`aucun marché de l'acheteur ${siret} dans les données servies`, "siret");
  }
}

export function buyerQualityRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/buyers/:siret/quality", async (req, res) => {
    rejectUnknownQuery(req, queryNames(BuyerQualityQuery));
    const siret = siretParam(req.params.siret);
    const year = optionalIntQuery(req, "year", BuyerQualityQuery.shape.year);
    await answer<BuyerQuality>(deps, res, async (s) => {
      await requireBuyer(s, siret);
      return toQualityAnswer(await evaluateBuyer(s, siret, year), siret, year);
    });
  });

  router.get("/buyers/:siret/quality/export", async (req, res) => {
    rejectUnknownQuery(req, queryNames(BuyerQualityExportQuery));
    const siret = siretParam(req.params.siret);
    const year = optionalIntQuery(req, "year", BuyerQualityExportQuery.shape.year);
    const format = enumQuery(req, "format", BuyerQualityExportQuery.shape.format.options);
    const definition = loadQualityDefinition();
    // An export like the indicators' ones: in the exports' queue, within its time, refused with
    // 503 when the queue is full, and given up when the client leaves.
    const { file, snapshotId } = await runHeavy(deps.work, "exports", res, (signal) =>
      deps.snapshots.use(async (s) => {
        await requireBuyer(s, siret);
        const evaluation = await evaluateBuyer(s, siret, year, definition);
        const context = {
          siret,
          year,
          snapshotId: s.info.id,
          generatedAt: deps.clock().toISOString(),
        };
        const table = fixTable(evaluation, definition, context);
        const bytes =
          format === "xlsx" ? await toXlsx(table) : Buffer.from(toCsvText(table, EXCEL_FR), "utf8");
        return { file: bytes, snapshotId: s.info.id };
      }, signal),
    );
    const name = `qualite-publication_${siret}${year === null ? "" : `_${year}`}_a-corriger`;
    res.setHeader("X-Snapshot-Id", snapshotId);
    if (format === "xlsx") {
      res.setHeader(
        "Content-Type",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      res.setHeader("Content-Disposition", `attachment; filename="${name}.xlsx"`);
    } else {
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="${name}_excel.csv"`);
    }
    res.send(file);
  });

  return router;
}
