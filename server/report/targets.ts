// Where the annual report gets each indicator's target and the buyer's peers, from the very code
// that serves « Mon SPASER » and GET /api/buyers/:siret/peers: the target is the one that applies
// to the buyer for the report's year (its own SPASER's trajectory, else the national default;
// the step by the one rule of indicators/plans/progress.ts `stepFor`, so a year before the
// target's year is not judged), labelled with its origin and source; the peers are the peers
// endpoint's answer for that year.
// The report's sections read only what these two functions return.
import type { IndicatorDefinition } from "../../indicators/index.ts";
import type { SpaserCatalogue } from "../../indicators/plans/load.ts";
import { stepFor, type Step } from "../../indicators/plans/progress.ts";
import type { BuyerPeers, PeerIndicator } from "../api-types.ts";
import type { Snapshot } from "../db.ts";
import type { AppDeps } from "../deps.ts";
import { buyerPeers } from "../spaser/buyer-peers.ts";
import { applicableTargets } from "../spaser/mon-spaser.ts";

export interface ReportTarget {
  /** The value the report's year is measured against (its trajectory's step for that year). */
  value: number;
  /** The year that value is set for. */
  year: number;
  /**
   * Whether the step applies to the report's year; false when it is set for a later year: the
   * report then gives the distance to it, never « en retard ».
   */
  due: boolean;
  label: string;
  /** The source in words, with its address when it has one. */
  source: string;
  /** national: the national defaults; buyer: the buyer's own SPASER. */
  origin: "national" | "buyer";
  /** The title of the SPASER file the target comes from. */
  plan: string;
  /** Reference and date of the deliberation that adopted the buyer's SPASER, when published. */
  deliberation: string | null;
  adopted: string | null;
  trajectory: Step[];
  /** The target's own scope (filters of the indicator), empty when it is the indicator's. */
  scope: string[];
}

export function targetFor(
  plans: SpaserCatalogue,
  definition: IndicatorDefinition,
  siret: string,
  year: number,
): ReportTarget | null {
  const applies = applicableTargets(plans, siret).find((t) => t.target.indicator === definition.id);
  if (!applies) return null;
  const { target, plan } = applies;
  const measured = stepFor(target.trajectory, year);
  if (!measured) return null;
  const { step, due } = measured;
  const source = target.source ?? plan.source;
  return {
    value: step.value,
    year: step.year,
    due,
    label: target.label,
    source: source.url ? `${source.name} (${source.url})` : source.name,
    origin: plan.kind,
    plan: plan.title,
    deliberation: plan.kind === "buyer" ? plan.deliberation : null,
    adopted: plan.kind === "buyer" ? plan.adopted : null,
    trajectory: target.trajectory,
    scope: target.scope ?? [],
  };
}

export interface PeerComparison {
  /** The peer group in French, e.g. « Région », and who belongs to it. */
  group: string;
  definition: string;
  rule: string;
  year: number;
  /** Per indicator, as GET /api/buyers/:siret/peers gives it for the same year. */
  indicators: PeerIndicator[];
}

/** The buyer's peers per indicator for the report's year; null when its type is unknown. */
export async function peersFor(
  deps: Pick<AppDeps, "catalogue" | "plans">,
  snapshot: Snapshot,
  siret: string,
  year: number,
): Promise<PeerComparison | null> {
  const answer: Omit<BuyerPeers, "snapshot_id"> = await buyerPeers(
    snapshot,
    deps,
    siret,
    year,
    null,
  );
  if (!answer.group || answer.year === null) return null;
  return {
    group: answer.group.label,
    definition: answer.group.definition,
    rule: answer.rule,
    year: answer.year,
    indicators: answer.indicators,
  };
}
