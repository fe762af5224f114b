// What a result says about its indicator: the definition as users need it (everything but the
// measure's internals), with its unit in French and its shape, computed here once from the
// measure so that the server, the exports and the dashboard never work it out again.
import { z } from "zod";
// Only the schema's module is imported (no file system): server/api-types.ts reaches this file.
import { DefinitionSchema, type ParsedDefinition } from "./compiler/schema.ts";

export const UNIT_LABELS: Record<ParsedDefinition["unit"], string> = {
  contracts: "marchés",
  euros: "euros",
  share: "part",
  days: "jours",
  months: "mois",
  offers: "offres",
  buyers: "acheteurs",
};

/** single: one value per key; mix: one share per category; partition: one value per entity. */
export const SHAPES = ["single", "mix", "partition"] as const;
export type IndicatorShape = (typeof SHAPES)[number];

export const IndicatorSummarySchema = DefinitionSchema.omit({ measure: true, scope: true }).extend({
  unit_label: z.string().describe("The unit in French."),
  shape: z
    .enum(SHAPES)
    .describe(
      "single: one value per key; mix: one share per category of `shape_dimension`; partition: one value per entity of `shape_dimension`.",
    ),
  shape_dimension: z
    .string()
    .nullable()
    .describe("The category dimension of a mix, or the entity dimension of a partition."),
});

export type IndicatorSummary = z.output<typeof IndicatorSummarySchema>;

export function shapeOf(definition: Pick<ParsedDefinition, "measure">): {
  shape: IndicatorShape;
  shape_dimension: string | null;
} {
  const m = definition.measure;
  if (m.kind === "mix") return { shape: "mix", shape_dimension: m.dimension };
  if (m.kind === "top_share") return { shape: "partition", shape_dimension: m.partition };
  return { shape: "single", shape_dimension: null };
}

/** `file`, where the loaded definition came from, is left out too. */
export function summarise(definition: ParsedDefinition & { file?: string }): IndicatorSummary {
  const summary: Record<string, unknown> = {
    ...definition,
    unit_label: UNIT_LABELS[definition.unit],
    ...shapeOf(definition),
  };
  // The measure and scope are the engine's business; the formula says them in words.
  for (const internal of ["measure", "scope", "file"]) delete summary[internal];
  return summary as IndicatorSummary;
}
