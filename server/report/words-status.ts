// The one status of an indicator in the annual report, and its words, shared by the HTML and the
// DOCX: a block never shows two statuses that contradict each other, nor a flag its status says.
import type { ReportIndicator } from "./data.ts";
import { FLAG_WORDS, formatInteger } from "./format.ts";

export type Status =
  | "met"
  | "behind"
  | "not_applicable"
  | "no_2024_data"
  | "too_few"
  | "little_known"
  | "not_due"
  | "not_filled"
  | "no_data"
  | "no_target";

export const STATUS_WORDS: Record<Status, string> = {
  met: "objectif atteint",
  behind: "en retard sur l'objectif",
  // statusText gives the reason: « ne s'applique pas : une Région n'a pas de département ».
  not_applicable: "ne s'applique pas à cet acheteur",
  no_2024_data: "pas de donnée au format 2024",
  too_few: "trop peu de marchés pour conclure",
  little_known: "information trop peu renseignée pour conclure",
  // statusText names the year: « objectif fixé pour 2025 ».
  not_due: "objectif fixé pour une année suivante",
  not_filled: "information inconnue pour les marchés de l'année",
  no_data: "pas de marché concerné cette année",
  no_target: "pas d'objectif fixé",
};

export function statusOf(i: ReportIndicator): Status {
  // First: whatever the data, a figure that does not apply to the buyer is not unknown.
  if (i.notApplicable !== null) return "not_applicable";
  if (i.flags.includes("format_not_available")) return "no_2024_data";
  if (i.n_scope > 0 && i.n === 0) return "not_filled";
  if (i.value === null || i.n === 0) return "no_data";
  if (i.flags.includes("below_min_n")) return "too_few";
  if (!i.target) return "no_target";
  if (i.flags.includes("low_coverage")) return "little_known";
  // A target set for a later year says nothing yet of this one: the distance, no verdict.
  if (!i.target.due) return "not_due";
  const lowerIsBetter = i.definition.polarity === "lower_is_better";
  const met = lowerIsBetter ? i.value <= i.target.value : i.value >= i.target.value;
  return met ? "met" : "behind";
}

/**
 * The status in words; a target not yet due names its year (« objectif fixé pour 2025 »), a
 * figure that does not apply says why.
 */
export function statusText(i: ReportIndicator): string {
  const status = statusOf(i);
  if (status === "not_due" && i.target) return `objectif fixé pour ${i.target.year}`;
  if (status === "not_applicable" && i.notApplicable)
    return `ne s'applique pas : ${i.notApplicable}`;
  return STATUS_WORDS[status];
}

/**
 * The flag a status already says, left out of « À lire avec prudence »: a small buyer's block
 * said « trop peu de marchés pour conclure » as its status, again as its flag, and a third time
 * under its missing evolution.
 */
const SAID_BY_STATUS: Partial<Record<Status, string>> = {
  too_few: "below_min_n",
  little_known: "low_coverage",
  no_2024_data: "format_not_available",
};

export function flagTexts(i: ReportIndicator): string[] {
  // A figure that does not apply has nothing to be read with care: its N = 0 is no sample.
  if (statusOf(i) === "not_applicable") return [];
  const said = SAID_BY_STATUS[statusOf(i)];
  return i.flags.filter((f) => f !== said).map((f) => FLAG_WORDS[f] ?? f);
}

/** The contracts concerned in the year; none are for a figure that does not apply to the buyer. */
export const concernedText = (i: ReportIndicator): string =>
  statusOf(i) === "not_applicable" ? "sans objet" : formatInteger(i.n_scope);
