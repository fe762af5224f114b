// GET /api/buyers/:siret/quality: the publication-quality grade of a buyer (definition in
// indicators/quality/publication-quality.yaml), each rule with its value, N and weight, and the
// records to fix (the first ones; the export gives them all).
import { z } from "zod";
import { Count, DayOrNull, stamped } from "./common.ts";

const Share = z.number().min(0).max(1);

export const QUALITY_RECORDS_SHOWN = 100;

export const QualityProblemSchema = z.strictObject({
  component: z.string().describe("The rule's id."),
  field: z.string().describe("The field as the DECP name it (`codeCPV`, `titulaires[0].id`)."),
  label: z.string().describe("The field in French."),
  problem: z.string().describe("What is wrong, in French."),
  value: z.string().nullable().describe("The value as published, when there is one."),
});

export const QualityComponentSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  weight: z.number().positive(),
  value: Share.nullable().describe("Share of the N contracts that pass; null when N = 0."),
  n: Count.describe("N: the contracts the rule judged."),
  n_scope: Count.describe("The contracts the rule is about."),
  coverage: Share.nullable().describe("n / n_scope."),
  passed: Count,
  counted: z.boolean().describe("In the score (false when N = 0: its weight is not counted)."),
  unverifiable: z
    .array(z.strictObject({ field: z.string(), label: z.string(), contracts: Count }))
    .describe("Fields no contract of a source file carries: not held against the buyer."),
});

export const BuyerQualitySchema = stamped({
  siret: z.string().regex(/^\d{14}$/),
  year: z.int().nullable().describe("Notification year; null: every contract."),
  definition: z.strictObject({
    id: z.string(),
    version: z.int().min(1),
    title: z.string(),
    description: z.string(),
    grades: z.array(z.strictObject({ grade: z.string(), min_score: Share })),
    grades_source: z.string(),
    min_contracts: Count,
    caveats: z.array(z.string()),
  }),
  contracts: Count,
  grade: z.enum(["A", "B", "C", "D", "E"]).nullable(),
  score: Share.nullable().describe("Weighted mean of the counted rules' values."),
  no_grade_reason: z.string().nullable(),
  components: z.array(QualityComponentSchema),
  records_to_fix: z.strictObject({
    total: Count.describe("Contracts with at least one field to fix."),
    problems: Count,
    shown: Count.describe(`At most ${QUALITY_RECORDS_SHOWN}: the export gives them all.`),
    records: z.array(
      z.strictObject({
        uid: z.string(),
        id: z.string().nullable(),
        objet: z.string().nullable(),
        date_notification: DayOrNull,
        decp_format: z.string(),
        source: z.string(),
        problems: z.array(QualityProblemSchema),
      }),
    ),
  }),
});
