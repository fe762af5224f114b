// GET /api/filters: the choices of the dashboard's filter bar.
import { z } from "zod";
import { stamped } from "./common.ts";

const ChoiceSchema = z.strictObject({ code: z.string(), label: z.string() });

export const FilterChoicesSchema = stamped({
  years: z.array(z.int()).describe("Years of notification present in the snapshot."),
  region: z.array(ChoiceSchema),
  departement: z.array(ChoiceSchema.extend({ region: z.string() })),
  cpv_division: z.array(ChoiceSchema),
  procedure: z.array(ChoiceSchema).describe("Procedures used by some contract of the snapshot."),
  nature: z.array(ChoiceSchema).describe("Natures used by some contract of the snapshot."),
  amount_band: z.array(ChoiceSchema),
});
