// « Mon SPASER » on a buyer's page: the plan (or the national targets), and for the chosen year
// each indicator's target and trajectory, the year's figure with its N and coverage, the previous
// year, the gap and ONE status. The status comes from the API (one rule, indicators/plans/
// progress.ts), so the page never shows two badges that contradict each other.
import { getJson } from "../api.js";
import { h, replace } from "../dom.js";
import { formatDate, formatValue, formatValueWithN, plural } from "../format.js";
import { yearNote } from "./followed-year.js";
import { oneYearWords, periodLine } from "./period.js";
import { lookupTable } from "./lookup.js";
import { gapText } from "../shared/gap-words.js";
import { SPASER_STATUS_WORDS, spaserStatusText } from "../shared/spaser-status-words.js";

/**
 * The tone of each status's badge; its words are the report's too (shared/spaser-status-words.js).
 * @type {Record<import("../types.js").SpaserIndicator["status"], { text: string, tone: string }>}
 */
export const STATUS_WORDS = {
  met: { text: SPASER_STATUS_WORDS.met, tone: "green" },
  behind: { text: SPASER_STATUS_WORDS.behind, tone: "red" },
  not_applicable: { text: SPASER_STATUS_WORDS.not_applicable, tone: "none" },
  no_2024_format: { text: SPASER_STATUS_WORDS.no_2024_format, tone: "none" },
  no_contract: { text: SPASER_STATUS_WORDS.no_contract, tone: "none" },
  unknown: { text: SPASER_STATUS_WORDS.unknown, tone: "none" },
  too_few: { text: SPASER_STATUS_WORDS.too_few, tone: "none" },
  little_known: { text: SPASER_STATUS_WORDS.little_known, tone: "none" },
  not_due: { text: SPASER_STATUS_WORDS.not_due, tone: "none" },
};

/**
 * A status in words; a target not yet due names the year it is set for, a figure that does not
 * apply to the buyer says why (« ne s'applique pas : une Région n'a pas de département »).
 * @param {import("../types.js").SpaserIndicator} r
 */
export function statusText(r) {
  return spaserStatusText(r.status, { targetYear: r.target.year, notApplicable: r.not_applicable });
}

/**
 * The distance to the target in the report's words: points for a share (« 30 points en dessous
 * de l'objectif fixé pour 2025 (30 %) »), never « -30 % », which reads as a relative fall; « — »
 * when the status does not read the figure against its target.
 * @param {import("../types.js").SpaserIndicator} r
 * @param {number} year
 */
export function gapCell(r, year) {
  const target = r.status === "not_applicable" ? null : r.target;
  const value = r.current?.value ?? null;
  const { format, polarity, status } = r;
  return gapText({ value, target, year, format, polarity, status }) ?? "—";
}

/**
 * The section, filled once its answer arrives; the year picker redraws it in place. `follow` is
 * told the year shown after each draw (null: no dated contract), and whether the reader chose
 * it, so that the page can keep it in its address and compare the buyer with its peers in the
 * same year.
 * @param {string} siret
 * @param {(year: number | null, chosen: boolean) => Promise<void>} follow
 */
export function spaserSection(siret, follow) {
  const body = h("div", { "data-part": "spaser" });
  const section = h(
    "section",
    { class: "spaser", "aria-labelledby": "mon-spaser" },
    h("h2", { id: "mon-spaser" }, "Mon SPASER : objectifs d'achats responsables"),
    body,
  );
  let asked = 0;
  /** @param {number | null} year @param {boolean} chosen */
  async function load(year, chosen) {
    // Only the latest choice is drawn, however the answers arrive.
    const mine = ++asked;
    const params = new URLSearchParams(year === null ? {} : { year: String(year) });
    /** @type {import("../types.js").BuyerSpaser} */
    const answer = await getJson(`/api/buyers/${encodeURIComponent(siret)}/spaser`, params);
    if (mine !== asked) return;
    replace(body, ...content(answer, (y) => load(y, true)));
    await follow(answer.year, chosen);
  }
  return {
    element: section,
    /** @param {number | null} year  the year of the page's address, or null for the API's */
    load: (year) => load(year, false),
  };
}

/**
 * @param {import("../types.js").BuyerSpaser} a
 * @param {(year: number) => Promise<void>} reload
 */
function content(a, reload) {
  const plan = a.plan
    ? h(
        "p",
        {},
        `${a.plan.title}. Adopté le ${a.plan.adopted ? formatDate(a.plan.adopted) : "(date non publiée)"}, délibération ${a.plan.deliberation ?? "(référence non publiée)"}. Source : ${a.plan.source.name}.`,
      )
    : h(
        "p",
        {},
        "Aucun SPASER de cet acheteur n'est enregistré dans l'observatoire : les objectifs nationaux s'appliquent.",
      );
  if (a.year === null) return [plan, h("p", {}, "Aucun marché daté : pas d'année à suivre.")];
  const year = a.year;
  const picker = h(
    "select",
    {
      id: "spaser-annee",
      onchange: (/** @type {Event} */ e) =>
        void reload(Number(/** @type {HTMLSelectElement} */ (e.target).value)),
    },
    // A year of the address in which the buyer has no contract is still offered, as shown.
    [
      ...a.years,
      ...(a.years.some((y) => y.year === a.year) ? [] : [{ year: a.year, contracts: 0 }]),
    ]
      .sort((x, y) => y.year - x.year)
      .map((y) =>
        h(
          "option",
          { value: y.year, selected: y.year === a.year },
          `${y.year} (${plural(y.contracts, "marché", "marchés")})`,
        ),
      ),
  );
  // A figure that does not apply to the buyer has no N to show: its N = 0 is no sample.
  /** @param {import("../types.js").SpaserIndicator} r @param {import("../types.js").SpaserFigure | null} f */
  const figure = (r, f) =>
    r.status === "not_applicable"
      ? "sans objet"
      : f === null
        ? "aucun marché"
        : formatValueWithN(f.value, f.n, f.coverage, r.format);
  return [
    plan,
    h("p", {}, h("label", { for: "spaser-annee" }, "Année suivie : "), picker),
    // Not the latest year: why (« 2021 : dernière année avec assez de marchés… »).
    yearNote(a.year, a.year_choice),
    periodLine(oneYearWords(a.year)),
    lookupTable(
      `Objectifs et résultats en ${a.year}`,
      [
        {
          label: "Indicateur",
          cell: (r) => h("a", { href: `/indicateur/${r.indicator}` }, r.title),
        },
        {
          label: "Objectif",
          cell: (r) =>
            `${r.label} — ${r.origin === "buyer" ? "objectif de l'acheteur" : "objectif national"}, source : ${r.source.name}`,
        },
        {
          label: "Trajectoire",
          cell: (r) =>
            r.trajectory.map((s) => `${s.year} : ${formatValue(s.value, r.format)}`).join(" ; "),
        },
        { label: `Résultat ${a.year}`, cell: (r) => figure(r, r.current) },
        { label: `Résultat ${a.year - 1}`, cell: (r) => figure(r, r.previous) },
        {
          label: "Écart à l'objectif",
          cell: (r) => gapCell(r, year),
        },
        {
          label: "État",
          cell: (r) =>
            h(
              "span",
              { class: `badge badge--${STATUS_WORDS[r.status].tone}`, "data-status": r.status },
              statusText(r),
            ),
        },
      ],
      a.indicators,
    ),
    a.covered_sirets.length > 1
      ? h(
          "p",
          { class: "note" },
          `Calculé sur les ${a.covered_sirets.length} établissements que couvre le SPASER : ${a.covered_sirets.join(", ")}.`,
        )
      : null,
  ];
}
