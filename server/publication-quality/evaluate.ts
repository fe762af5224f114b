// The publication-quality rules applied to a buyer's contracts: each component's value (share of
// the contracts it judges that pass), N, scope and coverage, the weighted score and the grade,
// and for each contract the fields to fix, in French. Pure: the facts come from facts.ts and the
// weights and thresholds from the definition file.
import type { ContractFacts } from "./facts.ts";
import type { QualityComponentDefinition, QualityDefinition, QualityField } from "./definition.ts";

export interface Problem {
  component: string;
  /** The field as the DECP name it, e.g. `codeCPV`, `titulaires[1].id`. */
  field: string;
  label: string;
  problem: string;
  value: string | null;
}

export interface ComponentResult {
  id: string;
  title: string;
  description: string;
  weight: number;
  /** N: the contracts judged by the rule. */
  n: number;
  /** The contracts the rule is about (N is at most this). */
  n_scope: number;
  coverage: number | null;
  passed: number;
  value: number | null;
  /** In the score: false when the rule judged no contract (its weight is then not counted). */
  counted: boolean;
  /** Fields no source of these contracts carries, with the contracts they could not be checked on. */
  unverifiable: { field: string; label: string; contracts: number }[];
}

export interface QualityEvaluation {
  contracts: number;
  score: number | null;
  grade: "A" | "B" | "C" | "D" | "E" | null;
  /** Why there is no grade, in French; null when there is one. */
  no_grade_reason: string | null;
  components: ComponentResult[];
  records: { facts: ContractFacts; problems: Problem[] }[];
}

interface Judgement {
  inScope: boolean;
  judged: boolean;
  problems: Problem[];
  unverifiable: QualityField[];
}

// Said after the field's label, whatever its gender: « date de notification : champ non renseigné ».
const MISSING = "champ non renseigné";

function fieldJudgement(
  c: QualityComponentDefinition,
  fields: QualityField[],
  f: ContractFacts,
): Judgement {
  const unverifiable = fields.filter((field) => !f.carried[field.column]);
  const problems = fields
    .filter((field) => f.carried[field.column] && !f.filled[field.column])
    .map((field) => ({
      component: c.id,
      field: field.decp,
      label: field.label,
      problem: field.check === "positive" ? "aucun titulaire publié" : MISSING,
      value: null,
    }));
  return { inScope: true, judged: unverifiable.length < fields.length, problems, unverifiable };
}

function judge(c: QualityComponentDefinition, f: ContractFacts, buyerValid: boolean): Judgement {
  const none = { problems: [] as Problem[], unverifiable: [] as QualityField[] };
  switch (c.kind) {
    case "fields_filled":
      return fieldJudgement(c, c.fields, f);
    case "valid_sirets": {
      const problems: Problem[] = f.bad_sirets.map((b) => ({
        component: c.id,
        field: `titulaires[${b.position}].id`,
        label: "SIRET du titulaire",
        problem:
          b.id === null
            ? "identifiant manquant"
            : "SIRET invalide (14 chiffres et clé de contrôle attendus)",
        value: b.id,
      }));
      if (!buyerValid) {
        problems.unshift({
          component: c.id,
          field: "acheteur.id",
          label: "SIRET de l'acheteur",
          problem: "SIRET invalide (clé de contrôle fausse)",
          value: null,
        });
      }
      return { inScope: true, judged: true, ...none, problems };
    }
    case "published_within": {
      const onTime = f.on_time[c.id] ?? null;
      const dn = f.date_notification;
      const dp = f.date_publication_donnees;
      if (dn !== null && dp !== null && dp < dn) {
        const problem = "date de publication antérieure à la date de notification";
        return {
          inScope: true,
          judged: false,
          ...none,
          problems: [
            {
              component: c.id,
              field: "datePublicationDonnees",
              label: "date de publication",
              problem,
              value: dp,
            },
          ],
        };
      }
      if (onTime === false) {
        return {
          inScope: true,
          judged: true,
          ...none,
          problems: [
            {
              component: c.id,
              field: "datePublicationDonnees",
              label: "date de publication",
              problem: `publié plus de ${c.months} mois après la notification (${dn})`,
              value: dp,
            },
          ],
        };
      }
      return { inScope: true, judged: onTime !== null, ...none };
    }
    case "format_2024_fields": {
      const dn = f.date_notification;
      if (dn === null || dn < c.notified_from) return { inScope: false, judged: false, ...none };
      if (f.decp_format === "v1") {
        return {
          inScope: true,
          judged: true,
          ...none,
          problems: [
            {
              component: c.id,
              field: "format",
              label: "format de publication",
              problem: `publié au format 2019, alors que le format 2024 s'applique aux marchés notifiés depuis le ${frenchDate(c.notified_from)}`,
              value: null,
            },
          ],
        };
      }
      return fieldJudgement(c, c.fields, f);
    }
    case "plausible_amounts": {
      const problems: Problem[] = [];
      if (f.montant_suspect) {
        problems.push({
          component: c.id,
          field: "montant",
          label: "montant",
          problem: "montant suspect (nul, inférieur à 1 000 € ou valeur de remplissage)",
          value: f.montant_initial === null ? null : String(f.montant_initial),
        });
      }
      if (f.montant_modification_ecartee) {
        problems.push({
          component: c.id,
          field: "modifications.montant",
          label: "montant d'une modification",
          problem:
            "montant qui ressemble à l'écart apporté par la modification, pas au nouveau total",
          value: null,
        });
      }
      const judged = f.montant_initial !== null || f.montant_suspect;
      return { inScope: true, judged, ...none, problems };
    }
  }
}

const frenchDate = (iso: string) => iso.split("-").reverse().join("/");

export function evaluate(
  definition: QualityDefinition,
  facts: ContractFacts[],
  buyerSiretValid: boolean,
): QualityEvaluation {
  const problemsOf = new Map<string, Problem[]>();
  const components = definition.components.map((c): ComponentResult => {
    let n = 0;
    let scope = 0;
    let passed = 0;
    const unverifiable = new Map<string, { field: string; label: string; contracts: number }>();
    for (const f of facts) {
      const j = judge(c, f, buyerSiretValid);
      if (!j.inScope) continue;
      scope += 1;
      if (j.judged) {
        n += 1;
        if (j.problems.length === 0) passed += 1;
      }
      if (j.problems.length > 0)
        problemsOf.set(f.uid, [...(problemsOf.get(f.uid) ?? []), ...j.problems]);
      for (const field of j.unverifiable) {
        const entry = unverifiable.get(field.column) ?? {
          field: field.decp,
          label: field.label,
          contracts: 0,
        };
        entry.contracts += 1;
        unverifiable.set(field.column, entry);
      }
    }
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      weight: c.weight,
      n,
      n_scope: scope,
      coverage: scope > 0 ? n / scope : null,
      passed,
      value: n > 0 ? passed / n : null,
      counted: n > 0,
      unverifiable: [...unverifiable.values()],
    };
  });
  const counted = components.filter((c) => c.counted && c.value !== null);
  const weights = counted.reduce((sum, c) => sum + c.weight, 0);
  const score =
    weights > 0 ? counted.reduce((sum, c) => sum + c.weight * (c.value ?? 0), 0) / weights : null;
  let grade: QualityEvaluation["grade"] = null;
  let reason: string | null = null;
  if (facts.length < definition.min_contracts) {
    reason = `moins de ${definition.min_contracts} marchés publiés sur la période, trop peu pour noter`;
  } else if (score === null) {
    reason = "aucune règle n'a pu être vérifiée sur ces marchés";
  } else {
    grade = definition.grades.find((g) => score >= g.min_score)?.grade ?? null;
  }
  return {
    contracts: facts.length,
    score: grade === null ? null : score,
    grade,
    no_grade_reason: reason,
    components,
    records: facts
      .filter((f) => problemsOf.has(f.uid))
      .map((f) => ({ facts: f, problems: problemsOf.get(f.uid) ?? [] })),
  };
}
