// Everything the annual report of one buyer and year says, gathered on ONE snapshot: the
// buyer, the year's totals, each responsible-purchasing indicator (the catalogue's `responsible`
// theme, computed by the engine exactly as /api/indicators/:id?acheteur_id=…&grain=year computes
// it) with its trend and the target that applies to the buyer (targets.ts), its peers, the top
// suppliers with what is known of them, and the publication quality. The writers (html.ts,
// docx.ts) only lay this out.
import type { IndicatorDefinition, Model } from "../../indicators/index.ts";
import { runIndicator } from "../../indicators/index.ts";
import { notApplicableReason } from "../../indicators/plans/applies.ts";
import { statusOrNoTarget, type SpaserStatus } from "../../indicators/plans/progress.ts";
import type { Row } from "../../lib/duckdb.ts";
import type { Snapshot, SnapshotInfo } from "../db.ts";
import type { AppDeps } from "../deps.ts";
import { SUMMED_AMOUNT } from "../../lib/summed-amount.ts";
import { modelLabel } from "../lookups/labels.ts";
import { namedParty } from "../lookups/unidentified.ts";
import {
  loadQualityDefinition,
  type QualityDefinition,
} from "../publication-quality/definition.ts";
import type { QualityEvaluation } from "../publication-quality/evaluate.ts";
import { evaluateBuyer } from "../publication-quality/service.ts";
import { scopeFilters } from "../spaser/mon-spaser.ts";
import { peersFor, targetFor, type PeerComparison, type ReportTarget } from "./targets.ts";

export interface TrendPoint {
  year: number;
  value: number | null;
  n: number;
  /** Contracts concerned, known or not: n = 0 of n_scope = 1 is unknown, not « no contract ». */
  n_scope: number;
  /** n / n_scope; null when no contract of the year is concerned. */
  coverage: number | null;
}

export interface ReportIndicator {
  definition: IndicatorDefinition;
  value: number | null;
  n: number;
  n_scope: number;
  coverage: number | null;
  flags: string[];
  previous: TrendPoint | null;
  trend: TrendPoint[];
  target: ReportTarget | null;
  /** Why the indicator does not apply to the buyer (indicators/plans/applies.ts), else null. */
  notApplicable: string | null;
  /**
   * The engine's one status of the figure (indicators/plans/progress.ts, the rule of « Mon
   * SPASER »), or no_target: the report words it and decides nothing.
   */
  status: SpaserStatus | "no_target";
}

export interface ReportSupplier {
  titulaire_id: string;
  nom: string | null;
  contracts: number;
  amount_split: number | null;
  categorie: string | null;
  ess: boolean | null;
  departement: string | null;
  departement_nom: string | null;
  region_nom: string | null;
  /** Same département as the buyer; null when either is unknown. */
  local: boolean | null;
  /**
   * Same région as the buyer; null when either is unknown. Read when `local` is unknown: a
   * Région, placed by its région only, is compared with its suppliers' régions.
   */
  same_region: boolean | null;
}

/** Where the buyer is, as far as the who's who knows: its département and its région. */
interface BuyerPlace {
  departement: string | null;
  region: string | null;
}

export interface ReportData {
  siret: string;
  year: number;
  name: string | null;
  buyerType: string | null;
  buyerDepartement: string | null;
  buyerRegion: string | null;
  snapshot: SnapshotInfo;
  generatedAt: string;
  totals: { contracts: number; amount: number | null; format2024: number; suspect: number };
  previousContracts: number;
  indicators: ReportIndicator[];
  suppliers: ReportSupplier[];
  quality: QualityEvaluation;
  qualityDefinition: QualityDefinition;
  peers: PeerComparison | null;
}

const num = (v: unknown) => (typeof v === "number" ? v : null);
const text = (v: unknown) => (typeof v === "string" ? v : null);

/** The catalogue's responsible-purchasing indicators, in the home page's order. */
export function reportIndicators(deps: AppDeps): IndicatorDefinition[] {
  return [...deps.catalogue.definitions]
    .filter((d) => d.theme === "responsible" && d.filters.includes("acheteur_id"))
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
}

async function indicatorFor(
  snapshot: Snapshot,
  definition: IndicatorDefinition,
  model: Model,
  siret: string,
  year: number,
  target: ReportTarget | null,
  notApplicable: string | null,
  contracts2024: number,
): Promise<ReportIndicator> {
  // A target with a scope of its own is measured on that scope, as « Mon SPASER » measures it.
  const result = await runIndicator(
    snapshot.connection,
    definition,
    {
      by: [],
      grain: "year",
      filters: [
        { dimension: "acheteur_id", op: "eq", values: [siret] },
        ...scopeFilters(target?.scope),
      ],
    },
    { model },
  );
  const trend = result.rows
    .filter((r) => typeof r.year === "number")
    .map((r) => ({
      year: Number(r.year),
      value: num(r.value),
      n: Number(r.n ?? 0),
      n_scope: Number(r.n_scope ?? 0),
      coverage: num(r.coverage),
    }))
    .sort((a, b) => a.year - b.year);
  const row = result.rows.find((r) => r.year === year);
  // The latest earlier year with contracts concerned, even when none of them has the
  // information: Région Bretagne's 2018 (1 contract, ESS status unknown) was passed over and its
  // 2021 report said « pas d'année précédente avec des marchés ».
  const previous = [...trend].reverse().find((p) => p.year < year && p.n_scope > 0) ?? null;
  const figure = row
    ? {
        value: num(row.value),
        n: Number(row.n ?? 0),
        n_scope: Number(row.n_scope ?? 0),
        flags: row.flags,
      }
    : null;
  const status = statusOrNoTarget(
    {
      polarity: definition.polarity,
      requiresFormat: definition.requires_format,
      figure,
      contracts2024,
      notApplicable,
    },
    target,
  );
  return {
    definition,
    value: figure?.value ?? null,
    n: figure?.n ?? 0,
    n_scope: figure?.n_scope ?? 0,
    coverage: row ? num(row.coverage) : null,
    flags: figure ? [...figure.flags] : [],
    previous,
    trend,
    target,
    notApplicable,
    status,
  };
}

async function topSuppliers(
  snapshot: Snapshot,
  siret: string,
  year: number,
  buyer: BuyerPlace,
): Promise<ReportSupplier[]> {
  // A joint award's amount is split equally among its titulaires, so nothing counts twice.
  const rows = await snapshot.query(
    `SELECT s.titulaire_id, coalesce(any_value(t.nom), mode(s.denomination_sociale)) AS nom,
            any_value(t.categorie_entreprise) AS categorie, any_value(t.ess) AS ess,
            any_value(t.departement) AS departement, any_value(d.nom) AS departement_nom,
            any_value(t.region) AS region, any_value(r.nom) AS region_nom,
            count(DISTINCT c.uid) AS contracts,
            round(sum(${SUMMED_AMOUNT} / greatest(c.titulaires_count, 1)), 2) AS amount_split
       FROM contracts c JOIN contract_suppliers s USING (uid)
       LEFT JOIN titulaires t ON t.titulaire_id = s.titulaire_id
       LEFT JOIN ref_departements d ON d.code = t.departement
       LEFT JOIN ref_regions r ON r.code = t.region
      WHERE c.acheteur_id = $1 AND year(c.date_notification) = $2 AND s.titulaire_id IS NOT NULL
      GROUP BY s.titulaire_id
      ORDER BY amount_split DESC NULLS LAST, contracts DESC, s.titulaire_id LIMIT 10`,
    [siret, year],
  );
  return rows.map((row: Row) => {
    const r = namedParty(row, "supplier", "titulaire_id");
    const dep = text(r.departement);
    const region = text(r.region);
    return {
      titulaire_id: String(r.titulaire_id),
      nom: text(r.nom),
      contracts: Number(r.contracts),
      amount_split: num(r.amount_split),
      categorie: text(r.categorie),
      ess: typeof r.ess === "boolean" ? r.ess : null,
      departement: dep,
      departement_nom: text(r.departement_nom),
      region_nom: text(r.region_nom),
      local: dep === null || buyer.departement === null ? null : dep === buyer.departement,
      same_region: region === null || buyer.region === null ? null : region === buyer.region,
    };
  });
}

export async function gatherReport(
  deps: AppDeps,
  snapshot: Snapshot,
  siret: string,
  year: number,
): Promise<ReportData> {
  const { model } = deps.catalogue;
  const [found] = await snapshot.query(
    `SELECT any_value(b.nom) AS nom, any_value(b.type_acheteur) AS type,
            any_value(b.departement) AS departement, any_value(b.region) AS region,
            mode(c.acheteur_nom) AS nom_publie
       FROM contracts c LEFT JOIN buyers b USING (acheteur_id) WHERE c.acheteur_id = $1`,
    [siret],
  );
  const buyer = found && namedParty({ ...found, siret }, "buyer", "siret", ["nom", "nom_publie"]);
  const [totals] = await snapshot.query(
    `SELECT count(*) AS contracts, round(sum(${SUMMED_AMOUNT}), 2) AS amount,
            count(*) FILTER (WHERE c.decp_format <> 'v1') AS format2024,
            count(*) FILTER (WHERE c.montant_suspect) AS suspect,
            (SELECT count(*) FROM contracts p WHERE p.acheteur_id = $1
                AND year(p.date_notification) = $2 - 1) AS previous
       FROM contracts c WHERE c.acheteur_id = $1 AND year(c.date_notification) = $2`,
    [siret, year],
  );
  const type = text(buyer?.type);
  const typeLabel = type === null ? null : modelLabel(model, "acheteur_type", type);
  const departement = text(buyer?.departement);
  const region = text(buyer?.region);
  const format2024 = Number(totals?.format2024 ?? 0);
  const indicators: ReportIndicator[] = [];
  // One after the other: the machine's cores serve other requests meanwhile.
  for (const definition of reportIndicators(deps)) {
    const target = targetFor(deps.plans, definition, siret, year);
    const notApplicable = notApplicableReason(
      definition,
      model,
      { acheteur_type: type, acheteur_departement: departement },
      year,
    );
    indicators.push(
      await indicatorFor(
        snapshot,
        definition,
        model,
        siret,
        year,
        target,
        notApplicable,
        format2024,
      ),
    );
  }
  const qualityDefinition = loadQualityDefinition();
  return {
    siret,
    year,
    name: text(buyer?.nom) ?? text(buyer?.nom_publie),
    buyerType: typeLabel,
    buyerDepartement: departement,
    buyerRegion: region,
    snapshot: snapshot.info,
    generatedAt: deps.clock().toISOString(),
    totals: {
      contracts: Number(totals?.contracts ?? 0),
      amount: num(totals?.amount),
      format2024: Number(totals?.format2024 ?? 0),
      suspect: Number(totals?.suspect ?? 0),
    },
    previousContracts: Number(totals?.previous ?? 0),
    indicators,
    suppliers: await topSuppliers(snapshot, siret, year, { departement, region }),
    quality: await evaluateBuyer(snapshot, siret, year, qualityDefinition),
    qualityDefinition,
    peers: await peersFor(deps, snapshot, siret, year),
  };
}
