// The one status of an indicator in the annual report, and its words, shared by the HTML and the
// DOCX: a block never shows two statuses that contradict each other, nor a flag its status says.
// The status is the engine's (data.ts), the one « Mon SPASER » shows, in the same words.
import type { ReportIndicator } from "./data.ts";
import {
  SPASER_STATUS_WORDS,
  spaserStatusText,
} from "../../client/src/shared/spaser-status-words.js";
import { FLAG_WORDS, formatInteger } from "./format.ts";

/** The engine's status of the figure (data.ts), or no target at all. */
export type Status = ReportIndicator["status"];

/** The words of a status: Mon SPASER's (shared/spaser-status-words.js), and the report's own. */
export const STATUS_WORDS: Record<Status, string> = {
  ...SPASER_STATUS_WORDS,
  no_target: "pas d'objectif fixé",
};

export const statusOf = (i: ReportIndicator): Status => i.status;

/**
 * The status in words; a target not yet due names its year (« objectif fixé pour 2025 »), a
 * figure that does not apply says why.
 */
export function statusText(i: ReportIndicator): string {
  const status = statusOf(i);
  if (status === "no_target") return STATUS_WORDS[status];
  return spaserStatusText(status, {
    targetYear: i.target?.year ?? null,
    notApplicable: i.notApplicable,
  });
}

/**
 * The flag a status already says, left out of « À lire avec prudence »: a small buyer's block
 * said « trop peu de marchés pour conclure » as its status, again as its flag, and a third time
 * under its missing evolution.
 */
const SAID_BY_STATUS: Partial<Record<Status, string>> = {
  too_few: "below_min_n",
  little_known: "low_coverage",
  no_2024_format: "format_not_available",
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
