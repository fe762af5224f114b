// The shape of a SPASER file (indicators/spaser/<id>.yaml): a buyer's plan for socially and
// ecologically responsible purchasing, or the national defaults that apply where a buyer has
// none. Checked strictly (unknown keys are errors); the indicator ids, years and scopes are
// checked against the catalogue afterwards (check.ts). The `.describe()` texts become the editor
// help of schema/spaser.schema.json. Imports zod and pure schema modules only.
import { z } from "zod";
import { Identifier } from "../compiler/model-schema.ts";

const Year = z.int().min(2000).max(2100);

const BuyerId = z
  .string()
  .regex(/^(\d{9}|\d{14})$/, "expected a SIRET (14 digits) or a SIREN (9 digits)");

export const SourceSchema = z.strictObject({
  name: z.string().min(1).describe("Who published the targets (document, body, date)."),
  url: z.url().optional().describe("Where the public can read them."),
});

const Step = z.strictObject({
  year: Year.describe("Year the value is to be reached (notification year of the contracts)."),
  value: z.number().describe("Target value, in the indicator's unit (a share: 0.3 for 30 %)."),
});

export const TargetSchema = z.strictObject({
  indicator: Identifier.describe("Id of an indicator of indicators/definitions/."),
  label: z.string().min(1).describe("The target in French, as adopted."),
  trajectory: z
    .array(Step)
    .min(1)
    .describe(
      "Values per year, years increasing; each applies from its year until the next one (after the last, the last one); a year before the first is not judged, only its distance to it shown.",
    ),
  scope: z
    .array(z.string().min(1))
    .optional()
    .describe(
      "Filters of the indicator's request restricting the contracts the target is about, in the engine's syntax (`amount_band!=lt_40k`).",
    ),
  source: SourceSchema.optional().describe("The target's own source, when not the file's."),
});

const common = {
  id: Identifier.describe("snake_case, equal to the file name without .yaml"),
  version: z.int().min(1).describe("Raise it whenever a target changes."),
  title: z.string().min(1).describe("French title shown to users."),
  period: z
    .strictObject({
      from: Year,
      to: Year.nullable().describe("Last year, or null when the source publishes no end."),
    })
    .describe("Years the plan covers (trajectory years must be inside)."),
  targets: z.array(TargetSchema).min(1),
  source: SourceSchema.describe("The public source of the targets; nothing invented."),
};

export const BuyerPlanSchema = z.strictObject({
  kind: z.literal("buyer").describe("A buyer's (or a group's) own SPASER."),
  ...common,
  buyers: z
    .array(
      z.strictObject({
        id: BuyerId.describe("SIRET of one establishment, or SIREN for all of an organisation's."),
        nom: z.string().min(1).describe("Name, for readers of the file."),
      }),
    )
    .min(1)
    .describe("The buyers the plan covers (several for a group)."),
  adopted: z.iso
    .date()
    .nullable()
    .describe("Date of adoption by the deliberating assembly (YYYY-MM-DD); null if unpublished."),
  deliberation: z
    .string()
    .min(1)
    .nullable()
    .describe("Reference of the deliberation; null when the source does not give it."),
});

export const NationalPlanSchema = z.strictObject({
  kind: z.literal("national").describe("National targets, applied where a buyer has no SPASER."),
  ...common,
});

export const SpaserSchema = z.discriminatedUnion("kind", [BuyerPlanSchema, NationalPlanSchema]);

export type SpaserFile = z.infer<typeof SpaserSchema>;
export type SpaserTarget = z.infer<typeof TargetSchema>;
export type SpaserSource = z.infer<typeof SourceSchema>;
