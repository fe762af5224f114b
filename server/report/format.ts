// French words and numbers of the annual report (HTML and DOCX alike): one formatting so the
// two documents say the same figures, and shares as the dashboard says them.
import { parisDay } from "../../client/src/shared/paris-day.js";
import { numberText } from "../../client/src/shared/number-text.js";

// The report's integers (counts) are the figures' own formatting, so both stay one.
const integer = (value: number) => numberText(value, "integer");

export const UNKNOWN = "inconnu";

export function formatNumber(
  value: number | null,
  format: "percent" | "integer" | "euro" | "decimal",
): string {
  return value === null ? "non calculable" : numberText(value, format);
}

export const formatInteger = (value: number) => integer(value);
export const formatShare = (value: number | null) => formatNumber(value, "percent");

/**
 * 2024-07-15 → 15/07/2024; an instant on Paris's calendar, as the dashboard says it
 * (2026-12-05T23:05:05Z → 06/12/2026); a text that is no date, as it is.
 */
export function formatDay(iso: string | null): string {
  if (iso === null) return UNKNOWN;
  const day = parisDay(iso);
  return day === null ? iso : day.split("-").reverse().join("/");
}

/** The engine's flags, said to a reader. */
export const FLAG_WORDS: Record<string, string> = {
  below_min_n: "trop peu de marchés pour conclure",
  low_coverage: "information peu renseignée",
  format_not_available:
    "pas de marché publié au format 2024, le seul qui contient cette information",
  format_partial: "une partie des marchés, publiée au format 2019, est laissée hors du calcul",
};

export const SIZE_WORDS: Record<string, string> = {
  PME: "PME",
  ETI: "entreprise de taille intermédiaire",
  GE: "grande entreprise",
};
