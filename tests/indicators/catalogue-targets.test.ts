// A definition's target is shown everywhere the indicator is — the home page's card, its page, its
// trend chart, its exports — as « Cible », for every buyer and every place: it must be a national
// or legal target, the one the national SPASER file holds. Région Bretagne's own targets (30 % of
// first-time suppliers, 50 % of SME contracts over 25 k€ with an advance) were in the catalogue,
// so the home page said « Cible (30 % en 2025) » as if the State had set it, with a year Bretagne
// never gave (its SPASER sets them from 2022), while Commune de Lyon's report rightly said « aucun
// objectif fixé … ni au niveau national ». A buyer's own targets go in its SPASER file
// (indicators/spaser/), which « Mon SPASER » and the annual report read for that buyer only.
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../indicators/index.ts";
import { loadPlans } from "../../indicators/plans/load.ts";

const catalogue = loadCatalogue();
const plans = loadPlans(catalogue);

describe("the catalogue's targets", () => {
  it("are the national file's, indicator by indicator", () => {
    const national = plans.national;
    expect(national).not.toBeNull();
    const withTarget = catalogue.definitions.filter((d) => d.target !== undefined);
    const said = withTarget.map((d) => {
      const step = national?.targets
        .find((t) => t.indicator === d.id)
        ?.trajectory.find((s) => s.year === d.target?.year);
      return { id: d.id, national: step?.value ?? null };
    });
    expect(said).toEqual(withTarget.map((d) => ({ id: d.id, national: d.target?.value })));
  });

  it("leave Région Bretagne's targets to its own SPASER", () => {
    const ids = ["first_time_supplier_share", "sme_advance_share"];
    for (const id of ids)
      expect(catalogue.definitions.find((d) => d.id === id)?.target, id).toBeUndefined();
    const bretagne = plans.plans.find((p) => p.id === "region_bretagne");
    expect(bretagne?.targets.map((t) => [t.indicator, t.trajectory])).toEqual([
      ["sme_advance_share", [{ year: 2022, value: 0.5 }]],
      ["first_time_supplier_share", [{ year: 2022, value: 0.3 }]],
    ]);
  });
});
