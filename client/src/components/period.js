// The period each block of a buyer's page and one-page summary covers, in plain words: its
// indicators, procedures and suppliers count every contract published, its SPASER and peers one
// year. Said on every block, so that an elected official never sets « 1 % » of all years beside
// « 0 % » of one year without knowing it.
import { h } from "../dom.js";

/**
 * « tous les marchés publiés, de 2018 à 2024 » (« et sans date » when some have none).
 * @param {{ year: number | null }[]} byYear  the buyer's contracts per year
 */
export function allYearsWords(byYear) {
  const span = yearSpanWords(byYear);
  return `tous les marchés publiés${span === "" ? "" : `, ${span}`}`;
}

/**
 * The years alone, where a narrow column has no room for more: « de 2018 à 2024 », « en
 * 2021 », with « et sans date » when some contracts have none.
 * @param {{ year: number | null }[]} byYear
 */
export function yearSpanWords(byYear) {
  const years = byYear.flatMap((r) => (r.year === null ? [] : [r.year]));
  if (years.length === 0) return "";
  const first = Math.min(...years);
  const last = Math.max(...years);
  const span = first === last ? `en ${first}` : `de ${first} à ${last}`;
  return `${span}${byYear.some((r) => r.year === null) ? " et sans date" : ""}`;
}

/** « en 2021 seulement »; « aucune année » without a dated contract. @param {number | null} year */
export function oneYearWords(year) {
  return year === null ? "aucune année" : `en ${year} seulement`;
}

/**
 * The period as a line under a block's heading: « Période : … », or « Période des chiffres
 * clés : … » when the block's heading does not say what it covers.
 * @param {string} words
 * @param {string} [of] what the period is of, after « Période »: « des chiffres clés »
 */
export function periodLine(words, of) {
  const subject = of ? `Période ${of}` : "Période";
  return h("p", { class: "period", "data-period": "" }, `${subject} : ${words}.`);
}

/**
 * A heading with its period beside it, where a line of its own would cost the printed summary
 * its one page: « En bref · tous les marchés publiés, de 2018 à 2024 ».
 * @param {string} title
 * @param {string} words
 */
export function headingWithPeriod(title, words) {
  return h("h2", {}, title, h("span", { class: "period", "data-period": "" }, ` · ${words}`));
}
