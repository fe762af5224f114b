// What the annual report says of an indicator's target, in the HTML and the DOCX alike: the
// target that applies, where it comes from, and the distance of the year's value to it. A target
// set for a later year (« 30 % d'ici 2025 » read in 2021) is given as a distance and the years
// left, never as « en retard »: the verdict is statusOf's, only once the step is due.
import type { ReportData, ReportIndicator } from "./data.ts";
import { formatDay, formatNumber } from "./format.ts";
import { gapText as sharedGapText } from "../../client/src/shared/gap-words.js";
import { statusOf } from "./words-status.ts";

/** The target for the report's year, where it comes from, and its trajectory when it has steps. */
export function targetText(i: ReportIndicator): string {
  const t = i.target;
  if (!t)
    return "aucun objectif fixé pour cet indicateur, ni par un SPASER de l'acheteur ni au niveau national";
  const value = (v: number) => formatNumber(v, i.definition.format);
  const origin =
    t.origin === "buyer"
      ? `objectif du SPASER de l'acheteur, « ${t.plan} », délibération ${t.deliberation ?? "dont la référence n'est pas publiée"}${t.adopted ? ` du ${formatDay(t.adopted)}` : ""}`
      : `objectif national par défaut (« ${t.plan} »), faute d'objectif propre à l'acheteur`;
  const steps =
    t.trajectory.length > 1
      ? ` ; trajectoire : ${t.trajectory.map((s) => `${value(s.value)} en ${s.year}`).join(", ")}`
      : "";
  const scope = t.scope.length > 0 ? " ; mesuré sur les seuls marchés que vise l'objectif" : "";
  return `${value(t.value)} en ${t.year} (${t.label} ; ${origin} ; source : ${t.source}${steps}${scope})`;
}

/** What the indicators' section says of where its targets come from. */
export function targetsIntro(data: ReportData): string {
  const own = data.indicators.find((i) => i.target?.origin === "buyer")?.target;
  return own
    ? `Les objectifs sont ceux du SPASER de l'acheteur (« ${own.plan} ») ; pour les indicateurs qu'il ne couvre pas, les objectifs nationaux par défaut. Chacun est donné avec sa source.`
    : "L'acheteur n'a pas de SPASER enregistré dans l'observatoire : les objectifs indiqués sont les objectifs nationaux par défaut, chacun avec sa source.";
}

/**
 * How far the year's value is from its target, worded as « Mon SPASER » words it
 * (client/src/shared/gap-words.js): « 12,5 points en dessous de l'objectif fixé pour 2025 (30 %) ;
 * 4 ans pour l'atteindre »; none for a figure the engine's status does not read against its
 * target (too small or too little known to conclude, without a value, or not applicable).
 */
export function gapText(i: ReportIndicator, year: number): string | null {
  return sharedGapText({
    value: i.value,
    target: i.target,
    year,
    format: i.definition.format,
    polarity: i.definition.polarity,
    status: statusOf(i),
  });
}
