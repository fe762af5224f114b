// A buyer's publication quality as the API serves it (api-schemas/buyer-quality.ts) and as the
// annual report and the records-to-fix export read it: one snapshot, one definition file.
import { siretCheckDigitOk } from "../../etl/normalise/siret.ts";
import type { BuyerQuality } from "../api-types.ts";
import { QUALITY_RECORDS_SHOWN } from "../api-schemas/buyer-quality.ts";
import type { Snapshot } from "../db.ts";
import { loadQualityDefinition, type QualityDefinition } from "./definition.ts";
import { evaluate, type QualityEvaluation } from "./evaluate.ts";
import { readContractFacts } from "./facts.ts";

export async function evaluateBuyer(
  snapshot: Snapshot,
  siret: string,
  year: number | null,
  definition: QualityDefinition = loadQualityDefinition(),
): Promise<QualityEvaluation> {
  const facts = await readContractFacts(snapshot, definition, siret, year);
  return evaluate(definition, facts, siretCheckDigitOk(siret));
}

/** The JSON answer, without its snapshot stamp; the first records to fix only. */
export function toQualityAnswer(
  evaluation: QualityEvaluation,
  siret: string,
  year: number | null,
  definition: QualityDefinition = loadQualityDefinition(),
): Omit<BuyerQuality, "snapshot_id"> {
  const { id, version, title, description, grades, grades_source, min_contracts, caveats } =
    definition;
  const shown = evaluation.records.slice(0, QUALITY_RECORDS_SHOWN);
  return {
    siret,
    year,
    definition: { id, version, title, description, grades, grades_source, min_contracts, caveats },
    contracts: evaluation.contracts,
    grade: evaluation.grade,
    score: evaluation.score,
    no_grade_reason: evaluation.no_grade_reason,
    components: evaluation.components,
    records_to_fix: {
      total: evaluation.records.length,
      problems: evaluation.records.reduce((sum, r) => sum + r.problems.length, 0),
      shown: shown.length,
      records: shown.map(({ facts, problems }) => ({
        uid: facts.uid,
        id: facts.id,
        objet: facts.objet,
        date_notification: facts.date_notification,
        decp_format: facts.decp_format,
        source: facts.source,
        problems,
      })),
    },
  };
}
