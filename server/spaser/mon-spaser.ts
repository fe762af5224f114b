// « Mon SPASER »: for one buyer and year, each target that applies (its own SPASER's, then the
// national ones for the indicators its plan does not cover), the year's figure and the previous
// year's, the gap and one status. A plan's figures are computed on every establishment it covers
// (a group's SIRETs, or all SIRETs of a SIREN); without a plan, on the buyer's SIRET. Figures go
// through the indicator engine, so they are the indicator pages' figures.
import {
  findDefinition,
  runIndicator,
  type IndicatorRow,
  type RequestFilter,
} from "../../indicators/index.ts";
import { parseFilter } from "../../indicators/compiler/parse-request.ts";
import type { BuyerPlan, NationalPlan, SpaserCatalogue } from "../../indicators/plans/load.ts";
import { planOfBuyer } from "../../indicators/plans/load.ts";
import { notApplicableReason, type BuyerFields } from "../../indicators/plans/applies.ts";
import { spaserStatus, stepFor } from "../../indicators/plans/progress.ts";
import type { SpaserTarget } from "../../indicators/plans/schema.ts";
import type { BuyerSpaser, SpaserFigure, SpaserIndicator } from "../api-types.ts";
import type { Snapshot } from "../db.ts";
import type { AppDeps } from "../deps.ts";
import { buyerIdentity } from "./buyer-scope.ts";
import { followedYear } from "./followed-year.ts";

type Plan = BuyerPlan | NationalPlan;

export interface ApplicableTarget {
  target: SpaserTarget;
  plan: Plan;
}

/**
 * The targets that apply to a buyer, each indicator once: its own SPASER's, then the national
 * ones for the indicators its plan does not cover. « Mon SPASER » and the annual report read
 * this one list, so they never disagree on a buyer's target.
 */
export function applicableTargets(plans: SpaserCatalogue, siret: string): ApplicableTarget[] {
  const plan = planOfBuyer(plans, siret);
  const own = (plan?.targets ?? []).map((target) => ({ target, plan: plan as Plan }));
  const national = plans.national;
  const defaults = national
    ? national.targets
        .filter((t) => !own.some((o) => o.target.indicator === t.indicator))
        .map((target) => ({ target, plan: national as Plan }))
    : [];
  return [...own, ...defaults];
}

/** A target's own scope as the engine's filters (checked when the file was loaded). */
export function scopeFilters(scope: readonly string[] | undefined): RequestFilter[] {
  return (scope ?? []).flatMap((text) => {
    const filter = parseFilter(text);
    return typeof filter === "string" ? [] : [filter];
  });
}

export async function buyerSpaser(
  snapshot: Snapshot,
  deps: Pick<AppDeps, "catalogue">,
  plans: SpaserCatalogue,
  siret: string,
  askedYear: number | null,
): Promise<Omit<BuyerSpaser, "snapshot_id">> {
  const plan = planOfBuyer(plans, siret);
  const { sirets, years, year, choice } = await followedYear(
    snapshot,
    { catalogue: deps.catalogue, plans },
    siret,
    askedYear,
  );
  const indicators: SpaserIndicator[] = [];
  if (year !== null) {
    const contracts2024 = years.find((y) => y.year === year)?.contracts_2024_format ?? 0;
    // The buyer asked for, as the who's who types and places it: whether a figure applies to it.
    const who = await buyerIdentity(snapshot, siret);
    const buyer = { acheteur_type: who.type_acheteur, acheteur_departement: who.departement };
    for (const { target, plan: from } of applicableTargets(plans, siret)) {
      const measured = { sirets, year, contracts2024, buyer };
      indicators.push(await progress(snapshot, deps, from, target, measured));
    }
  }
  return {
    siret,
    year,
    year_choice: choice,
    years,
    plan: plan ? describePlan(plan) : null,
    covered_sirets: sirets,
    national: plans.national ? nationalSummary(plans.national) : null,
    indicators,
  };
}

async function progress(
  snapshot: Snapshot,
  deps: Pick<AppDeps, "catalogue">,
  plan: Plan,
  target: SpaserTarget,
  measured: {
    sirets: readonly string[];
    year: number;
    contracts2024: number;
    buyer: BuyerFields;
  },
): Promise<SpaserIndicator> {
  const { sirets, year, contracts2024 } = measured;
  const definition = findDefinition(deps.catalogue, target.indicator);
  const notApplicable = notApplicableReason(definition, deps.catalogue.model, measured.buyer, year);
  const filters: RequestFilter[] = [
    { dimension: "acheteur_id", op: "in", values: [...sirets] },
    { dimension: "year", op: "in", values: [year - 1, year] },
    ...scopeFilters(target.scope),
  ];
  const result = await runIndicator(
    snapshot.connection,
    definition,
    { grain: "year", filters },
    { model: deps.catalogue.model },
  );
  const figure = (y: number) =>
    toFigure(
      result.rows.find((r) => r.year === y),
      y,
    );
  const current = figure(year);
  // Schema-checked trajectories have a step; the fallback only satisfies the type.
  const { step, due } = stepFor(target.trajectory, year) ?? {
    step: { year, value: Number.NaN },
    due: false,
  };
  return {
    indicator: definition.id,
    title: definition.title,
    format: definition.format,
    polarity: definition.polarity,
    requires_format: definition.requires_format,
    min_n: definition.min_n,
    origin: plan.kind,
    label: target.label,
    source: target.source ?? plan.source,
    scope: target.scope ?? [],
    trajectory: target.trajectory,
    target: step,
    current,
    previous: figure(year - 1),
    gap: current?.value != null && notApplicable === null ? current.value - step.value : null,
    not_applicable: notApplicable,
    status: spaserStatus({
      polarity: definition.polarity,
      requiresFormat: definition.requires_format,
      figure: current,
      contracts2024,
      target: step.value,
      due,
      notApplicable,
    }),
  };
}

function toFigure(row: IndicatorRow | undefined, year: number): SpaserFigure | null {
  if (!row) return null;
  return {
    year,
    value: row.value,
    n: row.n,
    n_scope: row.n_scope,
    coverage: row.coverage,
    flags: row.flags,
  };
}

function describePlan(plan: BuyerPlan): NonNullable<BuyerSpaser["plan"]> {
  const { id, version, title, adopted, deliberation, period, buyers, source } = plan;
  return { id, version, title, adopted, deliberation, period, buyers, source };
}

function nationalSummary(plan: NationalPlan): NonNullable<BuyerSpaser["national"]> {
  const { id, version, title, period, source } = plan;
  return { id, version, title, period, source };
}
