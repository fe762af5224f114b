// What the annual report says of an indicator's target, in the HTML and the DOCX alike: the
// target that applies, where it comes from, and the distance of the year's value to it. A target
// set for a later year (« 30 % d'ici 2025 » read in 2021) is given as a distance and the years
// left, never as « en retard »: the verdict is statusOf's, only once the step is due.
import type { ReportData, ReportIndicator } from "./data.ts";
import { formatDay, formatNumber } from "./format.ts";
import { statusOf, type Status } from "./words-status.ts";

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

/** French takes the singular below 2: « 1,5 point », « 2 points ». */
const points = (v: number) => `${formatNumber(v, "decimal")} point${v >= 2 ? "s" : ""}`;

/** The statuses of a figure read against its target: a verdict, or a distance to a later one. */
const MEASURED: ReadonlySet<Status> = new Set<Status>(["met", "behind", "not_due"]);

/**
 * How far the year's value is from its target, in points for a share: « 12,5 points en dessous
 * de l'objectif fixé pour 2025 (30 %) ; 4 ans pour l'atteindre ». Only for a figure the engine's
 * status reads against its target (met, behind, not_due): none for one too small or too little
 * known to conclude, without a value or a target, or that does not apply to the buyer.
 */
export function gapText(i: ReportIndicator, year: number): string | null {
  const t = i.target;
  if (!t || i.value === null || !MEASURED.has(statusOf(i))) return null;
  const format = i.definition.format;
  const diff = i.value - t.value;
  const size =
    format === "percent" ? points(Math.abs(diff) * 100) : formatNumber(Math.abs(diff), format);
  const relation =
    diff === 0 ? "au niveau de" : `${size} ${diff > 0 ? "au-dessus de" : "en dessous de"}`;
  const target = `l'objectif ${t.due ? "de" : "fixé pour"} ${t.year} (${formatNumber(t.value, format)})`;
  const reached = i.definition.polarity === "lower_is_better" ? diff <= 0 : diff >= 0;
  const left = t.year - year;
  const time = !t.due && !reached ? ` ; ${left} an${left >= 2 ? "s" : ""} pour l'atteindre` : "";
  return `${relation} ${target}${time}`;
}
