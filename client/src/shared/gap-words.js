// The distance of a year's figure to its target, in words, for « Mon SPASER »
// (components/spaser-section.js) and the annual report (server/report/words-targets.ts) alike.
// The gap between two shares is a difference of percentage points: « -30 % » beside a target of
// 30 % read as a relative fall of 30 %, where the report said « 30 points en dessous ». Other
// figures are in their own unit. A plain ES module that imports only its shared neighbours
// (types in gap-words.d.ts).
import { numberText } from "./number-text.js";

/**
 * The statuses that read the figure against its target (a verdict, or a distance to a later
 * one): a figure too small or too little known to conclude, or that does not apply, has none.
 */
const MEASURED = new Set(["met", "behind", "not_due"]);

const points = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** French takes the singular below 2: « 1,5 point », « 2 points ». */
const pointsText = (/** @type {number} */ v) =>
  `${points.format(v)} point${Number(v.toFixed(1)) >= 2 ? "s" : ""}`;

/**
 * « 30 points en dessous de l'objectif fixé pour 2025 (30 %) ; 1 an pour l'atteindre »,
 * « 2 500 € au-dessus de l'objectif de 2024 (10 000 €) », « au niveau de l'objectif de 2024
 * (30 %) »; null when the status does not read the figure against its target, or either is
 * unknown.
 * @param {{
 *   value: number | null,
 *   target: { year: number, value: number } | null,
 *   year: number,
 *   format: string,
 *   polarity: string,
 *   status: string,
 * }} g  the figure of `year`, the step it is measured against, the engine's status
 * @returns {string | null}
 */
export function gapText(g) {
  const { value, target, year, format } = g;
  if (value === null || target === null || !MEASURED.has(g.status)) return null;
  const diff = value - target.value;
  const size =
    format === "percent" ? pointsText(Math.abs(diff) * 100) : numberText(Math.abs(diff), format);
  const relation =
    diff === 0 ? "au niveau de" : `${size} ${diff > 0 ? "au-dessus de" : "en dessous de"}`;
  // A step is due from its own year on (indicators/plans/progress.ts stepFor).
  const due = target.year <= year;
  const aim = `l'objectif ${due ? "de" : "fixé pour"} ${target.year} (${numberText(target.value, format)})`;
  const reached = g.polarity === "lower_is_better" ? diff <= 0 : diff >= 0;
  const left = target.year - year;
  const time = !due && !reached ? ` ; ${left} an${left >= 2 ? "s" : ""} pour l'atteindre` : "";
  return `${relation} ${aim}${time}`;
}
