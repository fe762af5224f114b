// Why a figure gets no verdict, in French: the engine decides it and says it as a closed code
// (status_not_judged, target_not_judged: indicators/result-rows.ts, in the order of
// indicators/result-columns.ts); this module only words that code, for the dashboard's badges
// (components/badges.js) and the spreadsheets' cells (server/export/table.ts). The words may take
// numbers from the row (its years, its undated contracts) but decide nothing: a new rule of the
// engine needs a code and its words here, never its rule again. A plain ES module that imports
// only its neighbours, loaded by the browser from /src/shared/ and by the server through a
// relative import (types in not-judged-text.d.ts).
import { plural } from "./french-words.js";

/** The reasons of the figure itself, shared by the thresholds and the target. */
const FIGURE_WORDS = {
  format_not_available: "aucun marché au format 2024",
  no_value: "pas de valeur",
  no_contract: "aucun marché concerné",
  below_min_n: "trop peu de marchés",
  low_coverage: "information trop peu renseignée",
};

/**
 * The words of a reason code, or null for a code this module does not know (an API newer than the
 * page) or none: each caller words an unknown reason where it shows it (a badge or a cell says
 * « non évalué » alone, a spreadsheet keeps the code), so no caller has to recognise words.
 * @param {unknown} code status_not_judged or target_not_judged of the row
 * @param {{ first_year?: unknown, last_year?: unknown, n_undated?: unknown }} row
 * @param {number | null} targetYear the target's year; null for the thresholds
 * @returns {string | null}
 */
export function notJudgedText(code, row, targetYear) {
  switch (code) {
    case "period_before_target":
      return `fixée pour ${String(targetYear)}`;
    case "years_before_target": {
      const first = row.first_year;
      const last = row.last_year;
      const years =
        typeof last === "number" && last !== first
          ? `de ${String(first)} à ${last}`
          : `de ${String(first)}`;
      return `chiffre ${years}, objectif fixé pour ${String(targetYear)}`;
    }
    case "undated_contracts":
      return `${plural(row.n_undated, "marché", "marchés")} du chiffre sans date de notification, année inconnue`;
    case "none_dated":
      return "aucun marché daté";
    default:
      return typeof code === "string" && Object.hasOwn(FIGURE_WORDS, code)
        ? FIGURE_WORDS[/** @type {keyof typeof FIGURE_WORDS} */ (code)]
        : null;
  }
}
