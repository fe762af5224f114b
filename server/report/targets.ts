// Where the annual report gets each indicator's target and the buyer's peers. Today: the
// national (or published regional) target carried by the indicator's definition, labelled with
// its source, and no peers. The buyer's own SPASER targets and trajectory, and its peer group,
// plug in here (issue 15, « Mon SPASER » and peers): the report's sections read only what these
// two functions return, so they need no other change.
import type { IndicatorDefinition } from "../../indicators/index.ts";
import type { Snapshot } from "../db.ts";

export interface ReportTarget {
  value: number;
  year: number;
  label: string;
  source: string;
  /** national: a public target from the definition; buyer: the buyer's own SPASER. */
  origin: "national" | "buyer";
}

export function targetFor(definition: IndicatorDefinition, _siret: string): ReportTarget | null {
  const t = definition.target;
  if (!t) return null;
  return { value: t.value, year: t.year, label: t.label, source: t.source, origin: "national" };
}

export interface PeerComparison {
  /** The peer group in French, e.g. « Régions ». */
  group: string;
  rows: { indicator: string; median: number | null; peers: number }[];
}

/** The buyer's peers per indicator; null until peer groups exist in this version. */
export async function peersFor(
  _snapshot: Snapshot,
  _siret: string,
  _year: number,
): Promise<PeerComparison | null> {
  return null;
}
