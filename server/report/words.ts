// What the annual report says in sentences, shared by the HTML and the DOCX so both say the
// same thing: the summary, one status per indicator (never two that contradict), the supplier
// picture, and the explanations of the terms a reader may not know.
import { listed } from "../../client/src/shared/french-words.js";
import type { ReportData, ReportIndicator, ReportSupplier, TrendPoint } from "./data.ts";
import { formatInteger, formatNumber, formatShare, SIZE_WORDS, UNKNOWN } from "./format.ts";
import { buyerInSentence } from "./words-buyer.ts";
import { statusOf, type Status } from "./words-status.ts";

export const TITLE = "Rapport annuel de suivi des achats responsables";

export const GLOSSARY: [string, string][] = [
  [
    "DECP",
    "données essentielles de la commande publique, que chaque acheteur publie pour ses marchés",
  ],
  [
    "SIRET",
    "numéro à 14 chiffres qui identifie un établissement (les 9 premiers : l'entreprise, ou SIREN)",
  ],
  [
    "N",
    "nombre de marchés sur lesquels un chiffre est calculé, chacun compté une fois même s'il a plusieurs titulaires",
  ],
  ["couverture", "part des marchés concernés où l'information nécessaire est renseignée"],
  [
    "PME",
    "petite ou moyenne entreprise, selon la catégorie que l'INSEE calcule dans son répertoire SIRENE",
  ],
  [
    "ESS",
    "économie sociale et solidaire (associations, coopératives, mutuelles, entreprises agréées)",
  ],
  ["SPASER", "schéma de promotion des achats publics socialement et écologiquement responsables"],
];

export function buyerName(data: ReportData): string {
  return data.name ?? `Acheteur au SIRET ${data.siret} (nom inconnu)`;
}

export const valueText = (i: ReportIndicator) => formatNumber(i.value, i.definition.format);

/**
 * N, the contracts concerned and the coverage, the singular below two as in `contracts()`. N
 * counts contracts whatever the indicator's counting unit (the engine has one base row per
 * contract: indicators/compiler/render-counts.ts); a contract × supplier indicator splits each
 * contract among its suppliers, it does not count the pairs. With none concerned the coverage is
 * not unknown but without object: a year shown for its trend may have no contract at all.
 */
export function basisText(i: ReportIndicator): string {
  // The status says already that no contract is concerned (« pas de marché concerné »).
  if (i.n_scope === 0) return `N = ${contracts(0)} ; couverture sans objet`;
  const concerned = `concerné${i.n_scope >= 2 ? "s" : ""}`;
  const coverage = i.coverage === null ? "inconnue" : formatShare(i.coverage);
  return `N = ${contracts(i.n)} sur ${formatInteger(i.n_scope)} ${concerned} ; couverture ${coverage}`;
}

/** The publication quality's grade, or why there is none, as the HTML and the DOCX say it. */
export const gradeText = (q: Pick<ReportData["quality"], "grade" | "score" | "no_grade_reason">) =>
  q.grade === null
    ? `Pas de note : ${q.no_grade_reason ?? "raison inconnue"}.`
    : `Note : ${q.grade} (de A, la meilleure, à E), score ${formatShare(q.score)}.`;

/**
 * The label of the earlier value: « Année précédente » only when it is the year just before;
 * otherwise the latest earlier year with contracts concerned, named as such (a reader would
 * otherwise take 2018's value for 2020's): « connue » when it has a value, else only concerned.
 */
export function previousLabel(previous: TrendPoint | null, year: number): string {
  if (!previous || previous.year >= year - 1) return "Année précédente";
  return previous.n > 0
    ? `Dernière année connue avant ${year}`
    : `Dernière année avec des marchés concernés avant ${year}`;
}

/**
 * The earlier value with its N and coverage; a year whose contracts concerned all lack the
 * information is said unknown, never « no contracts » (« information inconnue en 2018 (N = 0
 * sur 1 marché concerné, couverture 0 %) »).
 */
export function previousText(i: ReportIndicator): string {
  const p = i.previous;
  if (!p) return "aucun marché concerné les années précédentes, dans les données disponibles";
  if (p.n === 0) {
    const concerned = `concerné${p.n_scope >= 2 ? "s" : ""}`;
    return `information inconnue en ${p.year} (N = 0 sur ${contracts(p.n_scope)} ${concerned}, couverture ${formatShare(0)})`;
  }
  const covered = p.coverage === null ? "" : `, couverture ${formatShare(p.coverage)}`;
  return `${formatNumber(p.value, i.definition.format)} en ${p.year} (N = ${formatInteger(p.n)}${covered})`;
}

/** « 0 marché », « 1 marché notifié », « 2 marchés notifiés »: French takes the singular below 2. */
export function contracts(n: number, participle = ""): string {
  const plural = n >= 2 ? "s" : "";
  return `${formatInteger(n)} marché${plural}${participle ? ` ${participle}${plural}` : ""}`;
}

/**
 * The year's contracts and amount, beside the year before. A year before without any contract
 * in the data is not « 0 marché »: the sources loaded may simply not cover it, so the change is
 * said to be unknown rather than drawn from nothing.
 */
export function contractsSentence(
  name: string,
  year: number,
  totals: ReportData["totals"],
  previousContracts: number,
): string {
  if (totals.contracts === 0) {
    return `${buyerInSentence(name, { start: true })} n'a publié aucun marché notifié en ${year} dans les données disponibles.`;
  }
  const published = `En ${year}, ${buyerInSentence(name)} a publié ${contracts(totals.contracts, "notifié")} dans l'année, pour un montant total de ${formatNumber(totals.amount, "euro")}${suspectAside(totals.suspect)}`;
  return previousContracts > 0
    ? `${published}, contre ${contracts(previousContracts)} en ${year - 1}.`
    : `${published} ; les données disponibles ne contiennent aucun de ses marchés notifiés en ${year - 1} : l'évolution d'une année sur l'autre n'est pas connue.`;
}

/**
 * The amounts left out of the total, agreed as French says it; nothing when none is (« hors 0
 * montants jugés suspects » read as if some were).
 */
function suspectAside(n: number): string {
  const left = agreed(n, "", "montant jugé suspect", "montants jugés suspects");
  return left && ` (hors ${left})`;
}

/** How many of the year's contracts are in the 2024 format: « aucun », « 1 … est », « n … sont ». */
export function format2024Sentence(n: number): string {
  const published = agreed(
    n,
    "Aucun de ces marchés n'est publié",
    "de ces marchés est publié",
    "de ces marchés sont publiés",
  );
  return `${published} au format 2024, le seul qui renseigne les considérations sociales et environnementales.`;
}

export function summarySentences(data: ReportData): string[] {
  const t = data.totals;
  // In a sentence, a buyer without a name is « l'acheteur au SIRET … » (words-buyer.ts).
  const name = data.name ?? `acheteur au SIRET ${data.siret} (nom inconnu)`;
  const sentences = [
    contractsSentence(name, data.year, t, data.previousContracts),
    format2024Sentence(t.format2024),
  ];
  const statuses = data.indicators.map(statusOf);
  const count = (s: Status) => statuses.filter((x) => x === s).length;
  sentences.push(indicatorsSentence(data.indicators.length, data.year, count));
  const q = data.quality;
  sentences.push(
    q.grade === null
      ? `La qualité de publication n'est pas notée : ${q.no_grade_reason ?? "raison inconnue"}.`
      : `La qualité de publication des données obtient la note ${q.grade} (de A, la meilleure, à E) ; ${recordsToFixText(q.records.length)}.`,
  );
  return sentences;
}

/**
 * A count with its verb agreed as French says it: « aucun n'atteint », « 1 atteint »,
 * « 12 atteignent ». `none` is the whole clause for zero.
 */
function agreed(n: number, none: string, one: string, many: string): string {
  if (n === 0) return none;
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

/** The statuses of an indicator with a value, with their verb for one and for several. */
const WITH_VALUE: [Status, string, string][] = [
  ["met", "atteint son objectif", "atteignent leur objectif"],
  ["behind", "est en retard", "sont en retard"],
  [
    "too_few",
    "repose sur trop peu de marchés pour conclure",
    "reposent sur trop peu de marchés pour conclure",
  ],
  [
    "little_known",
    "repose sur une information trop peu renseignée pour conclure",
    "reposent sur une information trop peu renseignée pour conclure",
  ],
  [
    "not_due",
    "a un objectif fixé pour une année suivante (écart indiqué)",
    "ont un objectif fixé pour une année suivante (écart indiqué)",
  ],
  ["no_target", "n'a pas d'objectif fixé", "n'ont pas d'objectif fixé"],
];

/**
 * Where the indicators stand, every one of them counted once: those with a value (met, behind,
 * too few contracts, no target) and those without, each with why. A count of zero is left out,
 * except for the targets met, which a reader looks for first.
 */
export function indicatorsSentence(
  total: number,
  year: number,
  count: (status: Status) => number,
): string {
  const computed =
    total -
    count("no_contract") -
    count("no_2024_format") -
    count("unknown") -
    count("not_applicable");
  // The targets met are said even when none is, a reader looks for them first; but not when no
  // indicator with a value has a target to meet (« aucun n'atteint son objectif » would blame
  // figures that have none).
  const judged = count("met") + count("behind") + count("little_known") > 0;
  const valued = WITH_VALUE.filter(
    ([status]) => (status === "met" && judged) || count(status) > 0,
  ).map(([status, one, many]) => agreed(count(status), "aucun n'atteint son objectif", one, many));
  // Why the others have no value: the verb is said once, with the first reason given.
  const reasons = (
    [
      ["no_2024_format", "faute de marchés publiés au format 2024"],
      ["unknown", "faute d'information connue"],
      ["no_contract", "faute de marché concerné cette année"],
    ] as const
  )
    .filter(([status]) => count(status) > 0)
    .map(([status, why], i) =>
      i === 0
        ? `${agreed(count(status), "", "manque", "manquent")} ${why}`
        : `${formatInteger(count(status))} ${why}`,
    );
  // Not « manque »: nothing is missing from a figure that does not apply to the buyer.
  const notApplicable = count("not_applicable");
  if (notApplicable > 0) {
    reasons.push(
      agreed(
        notApplicable,
        "",
        "ne s'applique pas à l'acheteur",
        "ne s'appliquent pas à l'acheteur",
      ),
    );
  }
  const head = `Sur ${formatInteger(total)} indicateurs d'achats responsables, ${agreed(
    computed,
    `aucun n'a de valeur pour ${year}`,
    `a une valeur pour ${year}`,
    `ont une valeur pour ${year}`,
  )}`;
  const withValues = computed > 0 ? ` : ${listed(valued)}` : "";
  const without = reasons.length > 0 ? ` ; ${listed(reasons)}` : "";
  return `${head}${withValues}${without}.`;
}

/**
 * « aucun marché n'a de champ à corriger », « 1 marché a… », « 12 marchés ont au moins… »;
 * with `start`, capitalised to open a sentence.
 */
export function recordsToFixText(n: number, start = false): string {
  const text = agreed(
    n,
    "aucun marché n'a de champ à corriger",
    "marché a au moins un champ à corriger",
    "marchés ont au moins un champ à corriger",
  );
  return start ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * Who the suppliers' table lists: the ten that received the most, or every identified titulaire
 * of the year when it has fewer (never « les dix » above two rows).
 */
export function suppliersLead(shown: number, year: number): string {
  if (shown === 1) return `Le seul titulaire identifié des marchés de ${year}`;
  if (shown > 1 && shown < 10) {
    return `Les ${shown} titulaires identifiés des marchés de ${year}, du plus gros montant reçu au plus petit`;
  }
  return `Les dix titulaires qui ont reçu le plus gros montant en ${year}`;
}

export const sizeText = (s: ReportSupplier) =>
  s.categorie === null ? "taille inconnue" : (SIZE_WORDS[s.categorie] ?? s.categorie);
export const essText = (s: ReportSupplier) => (s.ess === null ? UNKNOWN : s.ess ? "oui" : "non");
/**
 * Where a supplier is, next to the buyer: by département when both are known; otherwise by
 * région when both are (a Région is placed by its région only); otherwise where the supplier
 * is, the buyer's place said unknown.
 */
export function localText(s: ReportSupplier): string {
  if (s.local !== null) {
    return s.local
      ? "même département que l'acheteur"
      : `autre département${s.departement_nom ? ` (${s.departement_nom})` : ""}`;
  }
  if (s.same_region !== null) {
    const where = s.same_region ? s.departement_nom : (s.departement_nom ?? s.region_nom);
    return `${s.same_region ? "même région que l'acheteur" : "autre région"}${where ? ` (${where})` : ""}`;
  }
  if (s.departement_nom) return `${s.departement_nom} (département de l'acheteur ${UNKNOWN})`;
  return UNKNOWN;
}

/**
 * The SME, local and ESS indicators of the year, when the catalogue has them. A buyer placed by
 * its région only (a Région) has no share of suppliers in its département: its suppliers are
 * pictured by the share of the amount going to its région instead.
 */
export function supplierPicture(data: ReportData): string[] {
  const byRegion = data.buyerDepartement === null && data.buyerRegion !== null;
  const local = byRegion ? "regional_supplier_amount_share" : "local_supplier_share";
  const pick = ["sme_share", local, "ess_share"];
  return data.indicators
    .filter((i) => pick.includes(i.definition.id))
    .map((i) =>
      i.value === null || i.n === 0
        ? `${i.definition.title} : ${UNKNOWN} (${unknownBecause(i, data)}).`
        : `${i.definition.title} : ${valueText(i)} (${basisText(i)})${i.flags.includes("below_min_n") ? ", trop peu pour conclure" : ""}.`,
    );
}

/** Why a supplier share is unknown: the buyer's département, when that is what is missing. */
function unknownBecause(i: ReportIndicator, data: ReportData): string {
  if (i.definition.id === "local_supplier_share" && data.buyerDepartement === null) {
    return "le département de l'acheteur n'est pas connu";
  }
  return "aucun titulaire dont l'information est connue";
}

/**
 * Whether an indicator's evolution (chart and table of years) is drawn: not when its one year
 * with a value rests on fewer contracts than the indicator's minimum N. A single point too small
 * to conclude draws no evolution, and its value, N and coverage are in the block already; drawn,
 * it took half an A4 page per indicator of a small buyer's report.
 */
export function evolutionShown(i: ReportIndicator, year: number): boolean {
  const valued = i.trend.filter((p) => p.year <= year && p.n > 0 && p.value !== null);
  const [only] = valued;
  return !(valued.length === 1 && only !== undefined && only.n < i.definition.min_n);
}

/**
 * What stands in the place of an evolution not drawn. When that one year is this one, its status
 * says already that it rests on too few contracts; an earlier year's is said here.
 */
export function noEvolutionText(i: ReportIndicator): string {
  return statusOf(i) === "too_few"
    ? "Une seule année avec une valeur : pas d'évolution à tracer."
    : "Une seule année avec une valeur, calculée sur trop peu de marchés pour conclure : pas d'évolution à tracer.";
}

/** Indicators with a value this year or a trend to draw get a full block; the others a row. */
const hasData = (i: ReportIndicator) => i.n > 0 || i.trend.some((p) => p.n > 0 && p.value !== null);
export const shown = (data: ReportData): ReportIndicator[] => data.indicators.filter(hasData);
export const empty = (data: ReportData): ReportIndicator[] =>
  data.indicators.filter((i) => !hasData(i));
