// The size limits of one indicator request, checked before it runs where the snapshot can tell
// (the number of values of each breakdown dimension, counted once per snapshot) and while its
// rows are read otherwise. Each refusal is a 400 naming the limit; an answer too large for the
// API points to the export, which takes more.
import type { Request } from "express";
import {
  boundAnswer,
  countDimensionValues,
  type AnswerBound,
  type Cardinalities,
  type IndicatorRequest,
  type Model,
  type QueryPlan,
} from "../indicators/index.ts";
import type { Snapshot } from "./db.ts";
import { ApiError } from "./errors.ts";
import { EXCEL_MAX_DATA_ROWS, type ServerLimits } from "./limits.ts";
import { PerSnapshot } from "./per-snapshot.ts";

const fr = (n: number) => n.toLocaleString("fr-FR");

/** The dimensions' value counts of the served snapshot, counted once (in a job's slot). */
export class SnapshotCardinalities {
  private readonly counted = new PerSnapshot<Cardinalities>();

  constructor(private readonly model: Model) {}

  of(snapshot: Snapshot): Promise<Cardinalities> {
    return this.counted.of(snapshot, "dimensions", (shared) =>
      countDimensionValues(shared.connection, this.model),
    );
  }
}

/** The request's bound, refused when its breakdown has more combinations than maxGroups. */
export async function checkBreakdown(
  snapshot: Snapshot,
  cardinalities: SnapshotCardinalities,
  plan: QueryPlan,
  request: IndicatorRequest,
  limits: ServerLimits,
): Promise<AnswerBound> {
  // Without a key there is one group (a mix adds a row per category, a short closed list).
  if (plan.keys.length === 0) {
    return { groups: 1, rows: 1, factors: [] };
  }
  const counts = await cardinalities.of(snapshot);
  const bound = boundAnswer(plan, request, counts, snapshot.info.contracts);
  if (bound.groups > limits.maxGroups) {
    const product = bound.factors.map((f) => `${f.dimension} ${fr(f.values)}`).join(" × ");
    throw new ApiError(
      400,
      [
        {
          code: "too_many_groups",
          param: "by",
          message:
            `Ce découpage peut donner ${fr(bound.groups)} combinaisons (${product}), au-delà de la ` +
            `limite de ${fr(limits.maxGroups)} : choisissez un découpage moins fin (une année ` +
            `plutôt qu'un mois…) ou ajoutez un filtre.`,
        },
      ],
      { limit: { name: "max_groups", value: limits.maxGroups } },
    );
  }
  return bound;
}

/** The export of the same request, in CSV (no cell limit). */
export function exportLink(id: string, query: Request["query"]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === "string") params.append(key, item);
    }
  }
  params.set("format", "csv");
  return `/api/indicators/${encodeURIComponent(id)}/export?${params}`;
}

/** `link`: the export of the same request; none for a definition outside the catalogue. */
export function answerTooLarge(limits: ServerLimits, link: string | undefined): ApiError {
  const what =
    `La réponse dépasse ${fr(limits.maxAnswerCells)} cellules (lignes × colonnes), la ` +
    `limite d'une réponse de l'API : `;
  return new ApiError(
    400,
    [
      {
        code: "answer_too_large",
        param: "by",
        message: link
          ? `${what}téléchargez-la en fichier (${link}), ou choisissez un découpage moins fin.`
          : `${what}choisissez un découpage moins fin ou ajoutez un filtre.`,
      },
    ],
    {
      limit: { name: "max_answer_cells", value: limits.maxAnswerCells },
      ...(link ? { export: link } : {}),
    },
  );
}

/** The rows an export may have: Excel's own limit for XLSX, the configured one otherwise. */
export function exportRowLimit(format: string, limits: ServerLimits): number {
  return format === "xlsx"
    ? Math.min(EXCEL_MAX_DATA_ROWS, limits.maxExportRows)
    : limits.maxExportRows;
}

export function exportTooLarge(format: string, limits: ServerLimits): ApiError {
  const rows = exportRowLimit(format, limits);
  const excel = format === "xlsx" && rows === EXCEL_MAX_DATA_ROWS;
  const message = excel
    ? `Le fichier aurait plus de ${fr(rows)} lignes, le maximum d'une feuille Excel : ` +
      `choisissez le format csv ou parquet, ou ajoutez un filtre.`
    : `Le fichier aurait plus de ${fr(rows)} lignes, la limite d'un export : ajoutez un filtre ` +
      `ou choisissez un découpage moins fin.`;
  return new ApiError(400, [{ code: "export_too_large", param: "by", message }], {
    limit: { name: excel ? "excel_rows" : "max_export_rows", value: rows },
  });
}
