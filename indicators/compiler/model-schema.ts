// The shape of indicators/model.yaml: the fields and dimensions of the canonical tables, declared
// once. Columns and derived expressions come from closed lists the code knows (canonical.ts).
import { z } from "zod";

export const Identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "must be snake_case (a-z, 0-9, _), starting with a letter")
  .max(63);

const Derive = z.discriminatedUnion("kind", [
  z
    .strictObject({ kind: z.literal("days_between"), from: Identifier, to: Identifier })
    .describe("Days from one date column to another; NULL when the second precedes the first."),
  z
    .strictObject({
      kind: z.literal("within_months"),
      from: Identifier,
      to: Identifier,
      months: z.number().int().min(1).max(120),
    })
    .describe("True when `to` falls within N months after `from`; NULL when it precedes it."),
  z
    .strictObject({ kind: z.literal("relative_change"), from: Identifier, to: Identifier })
    .describe("(to − from) / from, NULL unless from > 0."),
  z
    .strictObject({ kind: z.literal("difference"), left: Identifier, right: Identifier })
    .describe("left − right."),
  z
    .strictObject({ kind: z.literal("positive"), column: Identifier })
    .describe("The column when above 0, else NULL (a count of zero means nothing was listed)."),
]);

const NotApplicable = z
  .strictObject({
    buyer_types: z
      .array(z.string().min(1))
      .min(1)
      .describe("Codes of acheteur_type: buyers of these kinds, …"),
    unless_known: Identifier.describe(
      "… unless this model field of the buyer is known (e.g. acheteur_departement), …",
    ),
    reason: z
      .string()
      .min(1)
      .describe("… have nothing to measure: why, in French, after « ne s'applique pas : »."),
  })
  .describe(
    "An indicator that requires this field does not apply to some buyers: its figure for them is no unknown but « sans objet » (e.g. a share measured against the buyer's département, for a Région).",
  );

export const FieldSpec = z
  .strictObject({
    label: z.string().min(1),
    description: z.string().optional(),
    column: Identifier.optional().describe("A column of the contracts table."),
    derive: Derive.optional(),
    null_when: Identifier.optional().describe(
      "A boolean column: when true, the field counts as not filled (e.g. suspect amounts).",
    ),
    not_applicable: NotApplicable.optional(),
  })
  .superRefine((field, ctx) => {
    if ((field.column === undefined) === (field.derive === undefined)) {
      ctx.addIssue({ code: "custom", message: "give exactly one of `column` or `derive`" });
    }
  });

// The company of a titulaire (SIREN of a valid SIRET) is computed once by the ETL
// (etl/normalise/siret.ts) into contract_suppliers.entreprise_id: the model only names columns.
export const SupplierFieldSpec = z.strictObject({
  label: z.string().min(1),
  description: z.string().optional(),
  column: Identifier.describe("A column of the contract_suppliers table."),
});

export const VOCABULARY_NAMES = ["procedures", "contract_natures", "grouping_types"] as const;

const Labels = z
  .strictObject({
    ref: z.enum(["departements", "regions", "cpv_divisions", "buyers", "companies"]).optional(),
    vocabulary: z.enum(VOCABULARY_NAMES).optional(),
    values: z.record(z.string().min(1), z.string().min(1)).optional(),
  })
  .superRefine((labels, ctx) => {
    const given = [labels.ref, labels.vocabulary, labels.values].filter((x) => x !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: "give exactly one of `ref`, `vocabulary`, `values`",
      });
    }
  });

const Band = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, "band ids are lower-case letters, digits and _"),
  label: z.string().min(1),
  below: z
    .number()
    .positive()
    .optional()
    .describe("Upper bound (excluded); none on the last band."),
});

export const DimensionSpec = z.strictObject({
  label: z.string().min(1).describe("French label (lieu d'exécution, not buyer address)."),
  description: z.string().optional(),
  field: Identifier.describe("The model field the dimension groups by."),
  time: z.enum(["year", "quarter", "month"]).optional(),
  bands: z.array(Band).min(2).optional(),
  labels: Labels.optional(),
});

export const ModelSpec = z.strictObject({
  fields: z.record(Identifier, FieldSpec),
  supplier_fields: z.record(Identifier, SupplierFieldSpec),
  dimensions: z.record(Identifier, DimensionSpec),
});

export type ModelSpecInput = z.infer<typeof ModelSpec>;
export type FieldSpecInput = z.infer<typeof FieldSpec>;
export type DimensionSpecInput = z.infer<typeof DimensionSpec>;
