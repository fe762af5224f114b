// « Mon SPASER » (GET /api/buyers/:siret/spaser) and the peers of a buyer
// (GET /api/buyers/:siret/peers): each figure with its N and coverage, each target with its
// source. Imports zod and pure schema modules only (see common.ts).
import { z } from "zod";
import { SourceSchema } from "../../indicators/plans/schema.ts";
import { SpaserStatusSchema } from "../../indicators/plans/progress.ts";
import { ROW_FLAGS } from "../../indicators/result-columns.ts";
import { Count, stamped } from "./common.ts";

const Siret = z.string().regex(/^\d{14}$/);
const Share = z.number().min(0).max(1);
const Step = z.strictObject({ year: z.int(), value: z.number() });

export const FigureSchema = z
  .strictObject({
    year: z.int(),
    value: z.number().nullable().describe("Null when it cannot be computed."),
    n: Count.describe("Contracts the figure is computed on."),
    n_scope: Count.describe("Contracts in the indicator's base."),
    coverage: Share.nullable(),
    flags: z.array(z.enum(ROW_FLAGS)),
  })
  .describe("The engine's figure for one year (see the indicator answers).");

const YearSchema = z.strictObject({
  year: z.int(),
  contracts: Count,
  contracts_2024_format: Count,
});

const PlanSchema = z.strictObject({
  id: z.string(),
  version: z.int(),
  title: z.string(),
  adopted: z.iso.date().nullable().describe("Null when the source does not give it."),
  deliberation: z.string().nullable(),
  period: z.strictObject({ from: z.int(), to: z.int().nullable() }),
  buyers: z.array(z.strictObject({ id: z.string(), nom: z.string() })),
  source: SourceSchema,
});

export const SpaserIndicatorSchema = z.strictObject({
  indicator: z.string(),
  title: z.string(),
  format: z.enum(["integer", "decimal", "percent", "euro"]),
  polarity: z.enum(["higher_is_better", "lower_is_better", "neutral"]),
  requires_format: z.enum(["any", "v2"]),
  min_n: Count,
  origin: z.enum(["buyer", "national"]).describe("buyer: the buyer's own SPASER."),
  label: z.string().describe("The target in French, as adopted."),
  source: SourceSchema,
  scope: z.array(z.string()).describe("Filters the target adds to the indicator's base."),
  trajectory: z.array(Step),
  target: Step.describe(
    "The step the chosen year is measured against: its own, else the last one before it; before the first step, the first one (status not_due: its distance, no verdict).",
  ),
  current: FigureSchema.nullable().describe("The chosen year; null when no contract enters it."),
  previous: FigureSchema.nullable(),
  gap: z
    .number()
    .nullable()
    .describe("value − target, when both are known and the indicator applies to the buyer."),
  not_applicable: z
    .string()
    .nullable()
    .describe(
      "Why the indicator does not apply to the buyer, in French (« une Région n'a pas de département »); null when it does. Status not_applicable then.",
    ),
  status: SpaserStatusSchema.describe(
    "met, behind, not_applicable (the indicator does not apply to the buyer: not_applicable says why; its N = 0 is no unknown), no_2024_format (no contract of the year in the 2024 format), no_contract (no contract of the year is concerned: nothing to measure), unknown (contracts are concerned but none has the information the figure needs: N = 0, coverage 0, e.g. a source that does not publish the field), too_few (no value or N below the minimum), little_known (coverage below the indicator's minimum), not_due (the target is set for a later year: no verdict yet); one per indicator.",
  ),
});

export const YearChoiceSchema = z
  .strictObject({
    reason: z
      .enum(["asked", "latest", "enough_contracts", "latest_few", "none"])
      .describe(
        "asked: the year of the request; latest: the latest year, which has enough contracts; enough_contracts: an earlier year, the latest one having fewer than min_contracts; latest_few: the latest year, none having enough; none: no contract has a date.",
      ),
    latest: z
      .strictObject({ year: z.int(), contracts: Count })
      .nullable()
      .describe("The latest year with contracts of the covered establishments."),
    min_contracts: Count.describe(
      "Contracts a year needs to be judged: the largest minimum N of the catalogue.",
    ),
  })
  .describe(
    "Why the year shown is that one. Without a year asked, a buyer's follow-up shows the latest year with at least min_contracts contracts, else the latest year: the same rule for « Mon SPASER » and the peers.",
  );

export const BuyerSpaserSchema = stamped({
  siret: Siret,
  year: z.int().nullable().describe("The chosen year; null when no contract has a date."),
  year_choice: YearChoiceSchema,
  years: z.array(YearSchema).describe("Contracts of the covered establishments per year."),
  plan: PlanSchema.nullable().describe("The buyer's own SPASER; null: national targets only."),
  covered_sirets: z.array(Siret).describe("Establishments the figures are computed on."),
  national: PlanSchema.omit({ adopted: true, deliberation: true, buyers: true }).nullable(),
  indicators: z.array(SpaserIndicatorSchema),
});

const RankedSchema = z.strictObject({
  rank: z.int().min(1),
  siret: Siret,
  nom: z.string().nullable(),
  value: z.number(),
  n: Count,
});

export const PeerIndicatorSchema = z.strictObject({
  indicator: z.string(),
  title: z.string(),
  format: z.enum(["integer", "decimal", "percent", "euro"]),
  polarity: z.enum(["higher_is_better", "lower_is_better", "neutral"]),
  min_n: Count.describe("Peers (and the buyer) with fewer contracts in the figure are left out."),
  not_applicable: z
    .string()
    .nullable()
    .describe(
      "Why the indicator does not apply to the buyer this year, said after « ne s'applique pas : » (as in Mon SPASER: a year before the rule's start, a share « dans le département » for a Région); null when it does.",
    ),
  buyer: z
    .strictObject({
      value: z.number().nullable(),
      n: Count,
      coverage: Share.nullable().describe("n / n_scope; null when no contract is in scope."),
      rank: z
        .int()
        .min(1)
        .nullable()
        .describe("Among every buyer ranked (ranking), this one included; null when it is not."),
      rank_among: Count.nullable().describe(
        "How many buyers the rank is among, this one included (peers.count + 1); null without a rank.",
      ),
    })
    .nullable()
    .describe("Null when no contract of the buyer enters the figure this year."),
  peers: z.strictObject({
    count: Count.describe(
      "Other buyers of the group with a value and at least min_n contracts: the buyer is not counted, nor in the quartiles.",
    ),
    q1: z.number().nullable(),
    median: z.number().nullable(),
    q3: z.number().nullable(),
  }),
  national: z.strictObject({
    value: z.number().nullable(),
    n: Count,
    coverage: Share.nullable().describe("n / n_scope; null when no contract is in scope."),
  }),
  ranking: z
    .array(RankedSchema)
    .describe("Every buyer ranked, the buyer included, sorted by value, best first."),
});

export const BuyerPeersSchema = stamped({
  siret: Siret,
  nom: z.string().nullable(),
  year: z.int().nullable().describe("The year compared; null when no contract has a date."),
  year_choice: YearChoiceSchema,
  group: z
    .strictObject({ id: z.string(), label: z.string(), definition: z.string() })
    .nullable()
    .describe("Null when the buyer's type is unknown: no peers then."),
  rule: z.string().describe("How peer groups are made, in French."),
  indicators: z.array(PeerIndicatorSchema),
});
