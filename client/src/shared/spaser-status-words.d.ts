// Types of spaser-status-words.js for the server's TypeScript (the module itself is plain
// JavaScript, so that the browser loads the same file). The statuses are the engine's
// (indicators/plans/progress.ts SPASER_STATUSES), which a shared module may not import: the
// readers assign these words to a Record over the engine's statuses, so a status without words
// fails the type-check.
type Status =
  | "met"
  | "behind"
  | "not_applicable"
  | "no_2024_format"
  | "no_contract"
  | "unknown"
  | "too_few"
  | "little_known"
  | "not_due";

export const SPASER_STATUS_WORDS: Record<Status, string>;
export function spaserStatusText(
  status: Status,
  said?: { targetYear?: number | null; notApplicable?: string | null },
): string;
