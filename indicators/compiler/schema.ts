// The shape of an indicator definition (definitions/<id>.yaml), checked strictly: unknown keys
// are errors. Field and dimension names are checked against the model afterwards (check.ts).
// The `.describe()` texts become the editor help of schema/indicator.schema.json.
import { z } from "zod";
import { Condition } from "./condition-schema.ts";
import { Identifier } from "./model-schema.ts";
import { PAGES, THEME_IDS, THEMES, type PageId } from "./themes.ts";

const Where = Condition.optional().describe(
  "Only contracts matching this condition are aggregated.",
);

const CountDistinct = z.strictObject({
  kind: z.literal("count_distinct"),
  field: Identifier.optional().describe(
    "Field whose distinct values are counted; default: contracts (uid).",
  ),
  where: Where,
});

const fieldAggregate = <K extends string>(kind: K) =>
  z.strictObject({
    kind: z.literal(kind),
    field: Identifier.describe("Numeric field of the model (each contract once)."),
    where: Where,
  });

const Sum = fieldAggregate("sum");

/** Ratio parts must add up across groups, so a ratio re-aggregates from its parts. */
const AdditiveMeasure = z.discriminatedUnion("kind", [
  z
    .strictObject({ kind: z.literal("count_distinct"), where: Where })
    .describe("Distinct contracts."),
  Sum,
]);

const Ratio = z.strictObject({
  kind: z.literal("ratio"),
  numerator: AdditiveMeasure,
  denominator: AdditiveMeasure,
});

const Mix = z
  .strictObject({
    kind: z.literal("mix"),
    dimension: Identifier.describe("Dimension whose categories share the total."),
    of: AdditiveMeasure,
  })
  .describe("Share of each category: one row per breakdown key and category; blanks in coverage.");

const TopShare = z
  .strictObject({
    kind: z.literal("top_share"),
    partition: Identifier.describe("Dimension of the whole (e.g. acheteur_id); always a row key."),
    entity: Identifier.describe("Supplier field of the model that identifies a supplier."),
    amount: Identifier.describe("Amount field shared among the suppliers."),
    split: z
      .literal("equal")
      .describe("equal: a contract's amount is split equally among its titulaires."),
    where: Where,
  })
  .describe("Share of the partition's amount going to its largest entity.");

export const Measure = z.discriminatedUnion("kind", [
  CountDistinct,
  Sum,
  fieldAggregate("avg"),
  fieldAggregate("median"),
  fieldAggregate("min"),
  fieldAggregate("max"),
  Ratio,
  Mix,
  TopShare,
]);

const Threshold = z.strictObject({
  op: z.enum(["lt", "lte", "gt", "gte"]),
  value: z.number(),
});

const Thresholds = z
  .strictObject({
    green: Threshold.optional().describe("Condition on the value for green."),
    red: Threshold.optional().describe("Condition on the value for red; yellow otherwise."),
    source: z.string().min(1).describe("Who set these thresholds."),
  })
  .refine((t) => t.green !== undefined || t.red !== undefined, "give `green`, `red` or both");

const Rank = z.number().int().min(1);

const Pages = z
  .strictObject(
    Object.fromEntries(
      Object.entries(PAGES).map(([page, title]) => [
        page,
        Rank.optional().describe(`${title}: its place there (smaller first).`),
      ]),
    ) as Record<PageId, z.ZodOptional<typeof Rank>>,
  )
  .default({})
  .describe("Other pages that show the indicator, each with its place there (smaller first).");

export const DefinitionSchema = z.strictObject({
  id: Identifier.describe("snake_case, equal to the file name without .yaml"),
  version: z.number().int().min(1).describe("Raise it whenever the formula changes."),
  title: z.string().min(1).describe("French title shown to users."),
  description: z.string().min(1).describe("French plain-language description."),
  formula: z.string().min(1).describe("The exact formula, in French, as shown to users."),
  unit: z.enum(["contracts", "euros", "share", "days", "months", "offers", "buyers"]),
  format: z.enum(["integer", "decimal", "percent", "euro"]),
  counting_unit: z
    .enum(["contract", "contract_supplier"])
    .describe(
      "contract: each contract once; contract_supplier: contract × titulaire (say the split).",
    ),
  requires_format: z
    .enum(["any", "v2"])
    .describe(
      "v2: needs fields of the 2024 format (2.0.0 or later); other contracts are left out.",
    ),
  min_n: z.number().int().min(1).describe("Rows with fewer contracts in the base are flagged."),
  min_coverage: z.number().min(0).max(1).default(0.5).describe("Rows below it are flagged."),
  polarity: z.enum(["higher_is_better", "lower_is_better", "neutral"]),
  scope: Condition.optional().describe("Contracts the indicator is about (its base)."),
  requires_fields: z
    .array(Identifier)
    .describe("Fields that must be filled for a contract to count in coverage."),
  measure: Measure,
  breakdowns: z.array(Identifier).describe("Dimensions a request may break down by."),
  filters: z.array(Identifier).describe("Dimensions a request may filter on."),
  thresholds: Thresholds.optional(),
  target: z
    .strictObject({
      value: z.number(),
      year: z.number().int().min(2000).max(2100),
      label: z.string().min(1),
      source: z.string().min(1),
    })
    .optional()
    .describe(
      "A national or legal target (e.g. PNAD 2022-2025), the national SPASER file's; a buyer's own goes in its SPASER file.",
    ),
  caveats: z.array(z.string().min(1)).default([]),
  theme: z
    .enum(THEME_IDS)
    .default("other")
    .describe(
      `The home page's question the indicator answers: ${THEMES.map((t) => `${t.id} (${t.title})`).join(", ")}.`,
    ),
  rank: Rank.default(100).describe(
    "Its place within its theme on the home page (smaller first; ties in order of id).",
  ),
  pages: Pages,
  source: z
    .strictObject({ name: z.string().min(1), url: z.url().optional() })
    .describe("Where the definition comes from."),
});

export type DefinitionInput = z.input<typeof DefinitionSchema>;
export type ParsedDefinition = z.output<typeof DefinitionSchema>;
export type MeasureSpec = ParsedDefinition["measure"];
export type AdditiveMeasureSpec = z.output<typeof AdditiveMeasure>;
