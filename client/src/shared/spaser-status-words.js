// The words of a figure's one status against its target: the engine decides it (spaserStatus and
// figureStatus in indicators/plans/progress.ts) and this module only words it, for « Mon SPASER »
// (components/spaser-section.js) and the annual report (server/report/words-status.ts) alike, so
// that the buyer's page and the elected officials' report never say one figure two ways. A plain
// ES module with no import, loaded by the browser from /src/shared/ and by the server through a
// relative import (types in spaser-status-words.d.ts); a new status of the engine needs its
// words here (the server's and the client's
// type-checkers refuse a status of the engine without words).

export const SPASER_STATUS_WORDS = {
  met: "objectif atteint",
  behind: "en retard sur l'objectif",
  // Said with the reason the engine gives: « ne s'applique pas : une Région n'a pas de département ».
  not_applicable: "ne s'applique pas à cet acheteur",
  no_2024_format: "pas de donnée au format 2024",
  // Not « trop peu de marchés »: there is nothing to measure, not a small sample.
  no_contract: "pas de marché concerné cette année",
  // Not « trop peu de marchés » either: the contracts are there, the information is not published.
  unknown: "information inconnue pour les marchés de l'année",
  too_few: "trop peu de marchés pour conclure",
  little_known: "information trop peu renseignée pour conclure",
  // Said with the year of its step: « objectif fixé pour 2025 ».
  not_due: "objectif fixé pour une année suivante",
};

/**
 * A status in words; a target not yet due names the year it is set for, a figure that does not
 * apply to the buyer says why.
 * @param {keyof typeof SPASER_STATUS_WORDS} status
 * @param {{ targetYear?: number | null, notApplicable?: string | null }} [said]
 * @returns {string}
 */
export function spaserStatusText(status, said = {}) {
  if (status === "not_due" && typeof said.targetYear === "number")
    return `objectif fixé pour ${said.targetYear}`;
  if (status === "not_applicable" && said.notApplicable)
    return `ne s'applique pas : ${said.notApplicable}`;
  return SPASER_STATUS_WORDS[status];
}
