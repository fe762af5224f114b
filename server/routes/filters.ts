// GET /api/filters: the choices of the dashboard's filter bar, from the snapshot (years present,
// reference places and CPV divisions) and from the model (closed lists with their labels).
import { Router } from "express";
import type { AppDeps } from "../deps.ts";
import { rejectUnknownQuery } from "../params.ts";
import { answer } from "../respond.ts";

interface Choice {
  code: string;
  label: string;
  region?: string;
}

export function filtersRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/filters", async (req, res) => {
    rejectUnknownQuery(req, []);
    await answer(deps, res, async (snapshot) => {
      const years = await snapshot.query(
        `SELECT DISTINCT year(date_notification) AS year FROM contracts
        WHERE date_notification IS NOT NULL ORDER BY 1`,
      );
      const regions = await snapshot.query(
        "SELECT code, nom AS label FROM ref_regions ORDER BY nom",
      );
      const departements = await snapshot.query(
        "SELECT code, nom AS label, region FROM ref_departements ORDER BY code",
      );
      const cpv = await snapshot.query(
        "SELECT division AS code, libelle AS label FROM ref_cpv_divisions ORDER BY division",
      );
      const used = async (column: "procedure" | "nature"): Promise<Set<string>> => {
        const rows = await snapshot.query(
          `SELECT DISTINCT ${column} AS code FROM contracts WHERE ${column} IS NOT NULL`,
        );
        return new Set(rows.map((r) => String(r.code)));
      };
      const closed = (id: string, keep?: Set<string>): Choice[] =>
        (deps.catalogue.model.dimensions.get(id)?.values ?? []).filter(
          (v) => !keep || keep.has(v.code),
        );
      return {
        years: years.map((r) => Number(r.year)),
        region: regions,
        departement: departements,
        cpv_division: cpv,
        procedure: closed("procedure", await used("procedure")),
        nature: closed("nature", await used("nature")),
        amount_band: closed("amount_band"),
      };
    });
  });
  return router;
}
