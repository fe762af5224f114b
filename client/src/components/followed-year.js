// The year a buyer's follow-up shows (« Mon SPASER », its peers, the annual report's selector,
// the one-page summary's peers): the reader's `?annee=` when the address holds one, else the
// API's rule (server/spaser/followed-year.ts: the latest year with at least the catalogue's
// largest minimum N of contracts, else the latest). When the year shown is not the latest, the
// page says why, so that a reader who sees 2021 knows that 2024 exists and holds fewer. It says
// how many contracts, not that the year can be judged: a year with enough contracts may still
// hold none in the format an indicator needs (Région Bretagne's 2021, all in the 2019 format).
import { h } from "../dom.js";
import { plural } from "../format.js";

/** The year of the address (`annee`), or null when it holds none or no plausible year. */
export function addressYear() {
  const text = new URLSearchParams(location.search).get("annee") ?? "";
  const year = Number(text);
  return /^\d{4}$/.test(text) && year >= 1990 && year <= 2100 ? year : null;
}

/**
 * Why the year shown is that one, in words: « dernière année comptant au moins 10 marchés ;
 * 2024 : 2 marchés »; null when it is simply the latest year with contracts
 * (nothing to explain).
 * @param {number | null} year  the year shown
 * @param {import("../types.js").YearChoice} choice
 * @returns {string | null}
 */
export function yearReason(year, choice) {
  const latest = choice.latest;
  const least = `au moins ${plural(choice.min_contracts, "marché", "marchés")}`;
  if (year === null || latest === null || year === latest.year) {
    return choice.reason === "latest_few"
      ? `année la plus récente ; aucune année ne compte ${least}`
      : null;
  }
  const then = `${latest.year} : ${plural(latest.contracts, "marché", "marchés")}`;
  return choice.reason === "enough_contracts"
    ? `dernière année comptant ${least} ; ${then}`
    : `année choisie ; la plus récente, ${then}`;
}

/**
 * The reason as a note under the year, « 2021 : dernière année… », or nothing when there is
 * none to give.
 * @param {number | null} year
 * @param {import("../types.js").YearChoice} choice
 */
export function yearNote(year, choice) {
  const why = yearReason(year, choice);
  return why === null
    ? null
    : h("p", { class: "note", "data-part": "year-choice" }, `${year} : ${why}.`);
}
