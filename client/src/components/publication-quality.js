// The buyer page's « Qualité de publication » section: the grade A–E of what the buyer publishes
// (/api/buyers/:siret/quality, rules and weights from the server's definition file), each rule
// with its value, N and coverage, the first records to fix and the downloads of all of them.
// And the links to the buyer's annual report, for the year chosen.
import { getJson } from "../api.js";
import { h } from "../dom.js";
import { formatDate, formatInteger, formatPercent, plural } from "../format.js";
import { ruleValueText, unverifiableText } from "../shared/rule-value-text.js";
import { lookupTable } from "./lookup.js";
import { publishedText } from "../shared/published-text.js";
import { periodLine } from "./period.js";

const SHOWN = 20;

/**
 * @param {string} siret
 * @param {string} period  the contracts graded, in words (all of them)
 * @returns {Promise<HTMLElement>}
 */
export async function publicationQuality(siret, period) {
  /** @type {import("../types.js").BuyerQuality} */
  const q = await getJson(`/api/buyers/${encodeURIComponent(siret)}/quality`);
  const base = `/api/buyers/${encodeURIComponent(siret)}/quality/export`;
  const records = q.records_to_fix;
  return h(
    "section",
    { class: "publication-quality", "data-grade": q.grade ?? "" },
    h("h2", {}, "Qualité de publication des données"),
    periodLine(period),
    h(
      "p",
      { class: "lead" },
      q.grade === null
        ? `Pas de note : ${q.no_grade_reason ?? "raison inconnue"}.`
        : `Note ${q.grade} (de A, la meilleure, à E) sur ${formatInteger(q.contracts)} marchés publiés, score ${formatPercent(q.score)}.`,
    ),
    lookupTable(
      "Règles de publication vérifiées",
      [
        { label: "Règle", cell: (c) => c.title },
        {
          label: "Marchés conformes",
          cell: (c) => ruleValueText(c, formatPercent),
          numeric: true,
        },
        { label: "N (marchés vérifiés)", cell: (c) => formatInteger(c.n), numeric: true },
        {
          label: "Couverture",
          cell: (c) => (c.coverage === null ? "—" : formatPercent(c.coverage)),
          numeric: true,
        },
        {
          label: "Poids",
          cell: (c) => (c.counted ? String(c.weight) : "non compté"),
          numeric: true,
        },
      ],
      q.components,
    ),
    // What a rule could not check: its « 100 % » says nothing of those fields.
    unverifiedNotes(q.components),
    // None to fix: the sentence says so, with no list to download.
    records.total === 0
      ? h("p", {}, "Aucun marché n'a de champ à corriger.")
      : h(
          "p",
          {},
          `${plural(records.total, "marché a", "marchés ont")} au moins un champ à corriger (${plural(records.problems, "correction", "corrections")}).`,
          " ",
          h("a", { href: `${base}?format=csv_excel` }, "Liste complète (CSV pour Excel)"),
          " · ",
          h("a", { href: `${base}?format=xlsx` }, "Liste complète (Excel)"),
        ),
    // Nor a table that would only repeat it.
    records.total > 0 &&
      lookupTable(
        toFixCaption(Math.min(SHOWN, records.records.length), records.total),
        [
          {
            label: "Marché",
            cell: (r) =>
              r.objet === null
                ? (r.id ?? r.uid)
                : h("span", { class: "published-text" }, publishedText(r.objet)),
          },
          { label: "Notifié le", cell: (r) => formatDate(r.date_notification) },
          {
            label: "À corriger",
            cell: (r) =>
              r.problems.map((p) => `${p.label} (${p.field}) : ${p.problem}`).join(" ; "),
          },
        ],
        records.records.slice(0, SHOWN),
      ),
    h(
      "details",
      {},
      h("summary", {}, "Comment la note est calculée"),
      h("p", {}, q.definition.description),
      h(
        "ul",
        {},
        q.components.map((c) => h("li", {}, `${c.title} (poids ${c.weight}) : ${c.description}`)),
        q.definition.caveats.map((c) => h("li", {}, c)),
      ),
      h("p", {}, `Seuils : ${q.definition.grades_source}`),
    ),
  );
}

/**
 * « Rapport annuel »: the year chosen among those with contracts, and its three formats. It
 * opens on the latest year until the page tells it the year it follows (`follow`: « Année
 * suivie » of Mon SPASER), which a reader may still change here.
 * @param {string} siret
 * @param {number[]} years  years with contracts, any order
 * @returns {{ element: HTMLElement, follow: (year: number) => void }}
 */
export function annualReportLinks(siret, years) {
  const sorted = [...years].sort((a, b) => b - a);
  const latest = sorted[0];
  if (latest === undefined)
    return {
      element: h("p", { class: "note" }, "Aucun marché daté : pas de rapport annuel."),
      follow: () => {},
    };
  const base = `/api/buyers/${encodeURIComponent(siret)}/report`;
  /** @param {number} year @param {string} format */
  const href = (year, format) => `${base}?year=${year}&format=${format}`;
  const html = h("a", { class: "button", href: href(latest, "html") }, "Rapport annuel");
  const pdf = h("a", { href: href(latest, "pdf") }, "PDF");
  const docx = h("a", { href: href(latest, "docx") }, "Word (modifiable)");
  /** @param {number} year */
  const show = (year) => {
    html.href = href(year, "html");
    pdf.href = href(year, "pdf");
    docx.href = href(year, "docx");
  };
  /** @param {number} year */
  const option = (year) => h("option", { value: String(year) }, String(year));
  const select = h(
    "select",
    { id: "report-year", onchange: () => show(Number(select.value)) },
    sorted.map(option),
  );
  const element = h(
    "p",
    { class: "actions annual-report" },
    html,
    " ",
    h("label", { for: "report-year" }, "année "),
    select,
    " · ",
    pdf,
    " · ",
    docx,
  );
  // The report of a year without contracts of the buyer is refused (404): a year of the address
  // that has none is not offered here, and the line says why the report's year differs.
  const note = h("span", { class: "note", "data-part": "report-year-note" });
  element.append(note);
  /** @param {number} year */
  const follow = (year) => {
    const offered = sorted.includes(year);
    note.textContent = offered
      ? ""
      : ` (pas de rapport pour ${year} : aucun marché de cet acheteur notifié cette année-là)`;
    if (!offered) return;
    select.value = String(year);
    show(year);
  };
  return { element, follow };
}

/**
 * The latest of more records to fix, or all of them (« les 7 plus récents » of 7 would read as
 * if there were more).
 * @param {number} shown
 * @param {number} total
 */
function toFixCaption(shown, total) {
  return shown < total
    ? `Les ${formatInteger(shown)} marchés les plus récents à corriger, sur ${formatInteger(total)}`
    : "Les marchés à corriger, du plus récent au plus ancien";
}

/**
 * @param {import("../types.js").BuyerQuality["components"]} components
 * @returns {HTMLElement | null}
 */
function unverifiedNotes(components) {
  const notes = components.map(unverifiableText).filter((text) => text !== null);
  if (notes.length === 0) return null;
  return h(
    "ul",
    { class: "unverifiable" },
    notes.map((text) => h("li", {}, text)),
  );
}
