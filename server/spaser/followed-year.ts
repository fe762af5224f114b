// The year a buyer's follow-up shows when the reader names none: « Mon SPASER », its peers (on
// the buyer page and the one-page summary) and, through the page, the annual report's selector.
// One rule for all of them, so that a page never opens two blocks on two different years: the
// latest year with enough contracts to judge (the indicators' minimum N), else the latest year.
// The latest year alone opened Région Bretagne (191 contracts in 2021, 2 in 2024) on a year
// where every figure read « trop peu de marchés ». Why the year is that one (YearChoice) is the
// API's own shape (api-schemas/spaser.ts), which the page words.
import type { Catalogue } from "../../indicators/index.ts";
import type { SpaserCatalogue } from "../../indicators/plans/load.ts";
import { planOfBuyer } from "../../indicators/plans/load.ts";
import type { YearChoice } from "../api-types.ts";
import type { Snapshot } from "../db.ts";
import { buyerYears, coveredSirets, type BuyerYear } from "./buyer-scope.ts";

/**
 * The least contracts a year needs for the indicators to judge it: the largest minimum N of the
 * catalogue (10 today), so that no indicator of the page is short by construction.
 */
export function judgedMinContracts(catalogue: Pick<Catalogue, "definitions">): number {
  return Math.max(1, ...catalogue.definitions.map((d) => d.min_n));
}

/** The rule itself, on the years with contracts (oldest first). */
export function chooseYear(
  years: readonly BuyerYear[],
  asked: number | null,
  minContracts: number,
): { year: number | null; choice: YearChoice } {
  const last = years.at(-1);
  const latest = last ? { year: last.year, contracts: last.contracts } : null;
  const choice = (reason: YearChoice["reason"]): YearChoice => ({
    reason,
    latest,
    min_contracts: minContracts,
  });
  if (asked !== null) return { year: asked, choice: choice("asked") };
  if (!last) return { year: null, choice: choice("none") };
  const enough = [...years].reverse().find((y) => y.contracts >= minContracts);
  if (!enough) return { year: last.year, choice: choice("latest_few") };
  return {
    year: enough.year,
    choice: choice(enough.year === last.year ? "latest" : "enough_contracts"),
  };
}

/**
 * A buyer's followed year, on the establishments its SPASER covers (a plan's SIRETs, else the
 * buyer's own), as « Mon SPASER » counts them: the peers' default is then the page's year.
 */
export async function followedYear(
  snapshot: Snapshot,
  deps: { catalogue: Pick<Catalogue, "definitions">; plans: SpaserCatalogue },
  siret: string,
  asked: number | null,
): Promise<{ sirets: string[]; years: BuyerYear[]; year: number | null; choice: YearChoice }> {
  const plan = planOfBuyer(deps.plans, siret);
  const sirets = plan
    ? await coveredSirets(
        snapshot,
        plan.buyers.map((b) => b.id),
      )
    : [siret];
  const years = await buyerYears(snapshot, sirets);
  return { sirets, years, ...chooseYear(years, asked, judgedMinContracts(deps.catalogue)) };
}
