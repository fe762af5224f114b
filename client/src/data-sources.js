// What the served data are made of (GET /api/data-sources). When they are only the real samples
// shipped with the project, every page says so: these figures describe a few producers' files,
// never France as a whole. « À propos » lists each producer with its dates and counts.
import { h, link } from "./dom.js";
import { formatDate, formatInteger, plural } from "./format.js";

/**
 * @typedef {{ first: string, last: string } | null} DateRange
 * @typedef {{
 *   source: string, format: string | null, synthetic: boolean, shipped_sample: boolean,
 *   producer: string | null, platform: string | null, buyers: string | null,
 *   contracts: number, concessions: number,
 *   notification_dates: DateRange, publication_dates: DateRange
 * }} DataSource
 * @typedef {{
 *   producer: string, platform: string, buyers: string, files: number,
 *   contracts: number, concessions: number,
 *   notification_dates: DateRange, publication_dates: DateRange
 * }} ProducerSummary
 * @typedef {{
 *   snapshot_id: string, samples_only: boolean, sources: DataSource[], producers: ProducerSummary[]
 * }} DataSources
 */

const list = new Intl.ListFormat("fr", { style: "long", type: "conjunction" });
const monthYear = new Intl.DateTimeFormat("fr-FR", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/**
 * When the files were published, from the last publication date of each: a year whose files all
 * end in one month is named by that month ("juillet 2024"), otherwise by the year ("2019").
 * @param {DataSource[]} sources
 * @returns {string[]}
 */
export function publicationPeriods(sources) {
  /** @type {Map<string, Set<string>>} */
  const months = new Map();
  for (const s of sources) {
    const last = s.publication_dates?.last;
    if (!last) continue;
    const year = last.slice(0, 4);
    months.set(year, (months.get(year) ?? new Set()).add(last.slice(0, 7)));
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, set]) =>
      set.size === 1 ? monthYear.format(new Date(`${[...set][0]}-01T00:00:00Z`)) : year,
    );
}

/** @param {DataSources} data */
function platformsOf(data) {
  return [...new Set(data.producers.map((p) => p.platform))];
}

/**
 * The sentence of the notice: which platforms, when, and that it is not France.
 * @param {DataSources} data
 */
export function samplesSentence(data) {
  const platforms = platformsOf(data);
  const periods = publicationPeriods(data.sources);
  return (
    `Données d'exemple : ces chiffres portent sur des fichiers réels publiés par ${plural(platforms.length, "plateforme", "plateformes")} ` +
    `— ${list.format(platforms)} —` +
    // « en 2019, en juin 2021 et en 2024 »: a French list, one « et » before the last.
    (periods.length ? ` ${list.format(periods.map((p) => `en ${p}`))}` : "") +
    ", et non sur l'ensemble de la France."
  );
}

/**
 * The notice shown on every page while the served data are only the shipped samples.
 * @param {DataSources} data
 * @returns {HTMLElement | null}
 */
export function samplesNotice(data) {
  if (!data.samples_only) return null;
  return h(
    "p",
    { class: "notice notice--warning", "data-testid": "samples-notice" },
    `${samplesSentence(data)} `,
    link("/a-propos#sources", "Le détail des fichiers"),
  );
}

/** @param {DateRange} range */
function period(range) {
  if (!range) return "—";
  if (range.first === range.last) return formatDate(range.first);
  return `du ${formatDate(range.first)} au ${formatDate(range.last)}`;
}

/**
 * « À propos »: each producer (or source file without a known producer) with its counts and dates.
 * @param {DataSources} data
 */
export function sourcesSection(data) {
  const others = data.sources.filter((s) => !s.shipped_sample);
  const rows = [
    ...data.producers.map((p) => [
      `${p.producer} (${p.buyers})`,
      formatInteger(p.files),
      formatInteger(p.contracts),
      formatInteger(p.concessions),
      period(p.notification_dates),
      period(p.publication_dates),
    ]),
    ...others.map((s) => [
      s.synthetic ? `${s.source} (données de test générées)` : s.source,
      "1",
      formatInteger(s.contracts),
      formatInteger(s.concessions),
      period(s.notification_dates),
      period(s.publication_dates),
    ]),
  ];
  const headers = [
    "Producteur",
    "Fichiers",
    "Marchés",
    "Contrats de concession",
    "Notification (ou signature)",
    "Publication des données",
  ];
  return h(
    "section",
    { id: "sources", "data-testid": "data-sources" },
    h("h2", {}, "D'où viennent les données affichées"),
    data.samples_only
      ? h(
          "p",
          {},
          "Les chiffres de ce site portent uniquement sur les fichiers ci-dessous : les fichiers d'exemple livrés avec l'observatoire, des publications réelles de ces producteurs. ",
          h(
            "strong",
            {},
            "Ils ne représentent ni toutes les plateformes ni toutes les années, et ne donnent pas l'image de l'ensemble de la France.",
          ),
        )
      : h(
          "p",
          {},
          `Les chiffres affichés sont calculés sur ${plural(data.sources.length, "fichier source", "fichiers sources")}.`,
        ),
    h(
      "div",
      { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Sources des données" },
      h(
        "table",
        { class: "data-table" },
        h("caption", {}, h("span", {}, "Fichiers chargés, par producteur")),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            headers.map((text, i) =>
              h("th", { scope: "col", class: i >= 1 && i <= 3 ? "num" : null }, text),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          rows.map(([name, ...cells]) =>
            h(
              "tr",
              {},
              h("th", { scope: "row" }, name),
              cells.map((cell, i) => h("td", { class: i < 3 ? "num" : null }, cell)),
            ),
          ),
        ),
      ),
    ),
  );
}
