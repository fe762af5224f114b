// The ETL writes its reasons of rejection and its value problems in English (they are stable keys
// of the API). Readers of the dashboard get them in plain French; a text this list does not know
// is shown as it is, so a new reason is never hidden.
import { formatInteger, plural } from "./format.js";

/** @type {Record<string, string>} */
const REASONS = {
  "not an object": "l'enregistrement n'est pas un objet",
  "not a contract: neither a marché nor a contrat de concession":
    "ni un marché ni un contrat de concession",
  "fictitious test record published by mistake (see fictitious-records.ts)":
    "enregistrement de test fictif publié par erreur (acheteur « Essentiel », « Le marché du siècle »…)",
  // Written by earlier runs, before the file was renamed.
  "fictitious test record (see test-records.ts)":
    "enregistrement de test fictif publié par erreur (acheteur « Essentiel », « Le marché du siècle »…)",
  "record nested more than 100 levels deep: not a DECP record, whose values nest a few levels":
    "enregistrement imbriqué sur plus de 100 niveaux : pas un enregistrement DECP, qui n'en compte que quelques-uns",
  // No longer written (a contract without id is kept under a derived key): older runs' rejects.
  "missing contract id (id)": "identifiant du marché absent (id)",
};

/** @type {[RegExp, (m: RegExpExecArray) => string][]} */
const REASON_PATTERNS = [
  [/^missing buyer id \((.+)\)$/, (m) => `identifiant de l'acheteur absent (${m[1]})`],
  [/^invalid JSON: ([\s\S]*)$/, (m) => `JSON illisible : ${m[1]}`],
  [/^normalisation error: ([\s\S]*)$/, (m) => `erreur pendant la lecture : ${m[1]}`],
  // Rows of a CSV or Parquet file (etl/tabular/problems.ts), rejected before any contract is built.
  [
    /^unreadable CSV row \(line (\d+)\): ([\s\S]*)$/,
    (m) => `ligne CSV illisible (ligne ${m[1]} du fichier) : ${m[2]}`,
  ],
  [
    /^empty row: no value in the columns read \(row (\d+) of the rows read\)$/,
    (m) => `ligne vide : aucune valeur dans les colonnes lues (${m[1]}e ligne lue)`,
  ],
];

/** @type {Record<string, string>} */
const PROBLEMS = {
  "marker of a missing value": "marque de valeur absente (« NC », « - »…)",
  "structure where a text was expected": "structure à la place d'un texte",
  "HTML entity in text": "entité HTML dans le texte (&amp;…)",
  "characters lost in an encoding conversion (U+FFFD)":
    "caractères perdus lors d'une conversion d'encodage (�)",
  "spaces inside or around a SIRET": "espaces dans le SIRET",
  "SIREN (9 digits) instead of a SIRET": "SIREN (9 chiffres) au lieu d'un SIRET",
  "not a SIRET (letters or symbols)": "pas un SIRET (lettres ou symboles)",
  "SIRET check digit wrong: not a valid SIRET":
    "clé de contrôle du SIRET fausse : ce n'est pas un SIRET valide",
  "typeIdentifiant missing: the id is a valid SIRET":
    "type d'identifiant absent : l'identifiant est un SIRET valide",
  "empty party (no id, no type, no name): not a party":
    "titulaire vide (ni identifiant, ni type, ni nom) : écarté",
  "party listed again under the same id on the same contract: counted once":
    "titulaire inscrit une nouvelle fois sous le même identifiant sur ce marché : compté une fois",
  "contract id missing or generic (placeholder): key derived from the buyer and the content":
    "identifiant absent ou générique : le marché est reconnu par son acheteur et son contenu",
  "contract id shared by several lots published the same day: key derived from the content":
    "identifiant partagé par plusieurs lots publiés le même jour : chaque lot compte comme un marché",
  "lot republished later with one field corrected: counted once, as the lot it corrects":
    "lot republié plus tard avec un champ corrigé : compté une fois, avec le lot qu'il corrige",
  "date after the day the data were loaded: impossible":
    "date postérieure au jour du chargement : impossible",
  "notification after the publication of the data: one of the two dates is wrong":
    "notification postérieure à la publication des données : l'une des deux dates est fausse",
  "sousTraitanceDeclaree is false but the contract publishes acts of sous-traitance":
    "sous-traitance déclarée « non » alors que le marché publie des actes de sous-traitance",
  "spaces inside a CPV code": "espaces dans le code CPV",
  "CPV code of 7 digits: leading zero restored": "code CPV de 7 chiffres : zéro initial rétabli",
  "CPV check digit written without its dash": "chiffre de contrôle CPV écrit sans tiret",
  "not a CPV code": "pas un code CPV",
  "not a date": "pas une date",
  "time or time-zone suffix removed": "heure ou fuseau horaire retiré",
  "date parts without leading zeros": "jour ou mois sans zéro initial",
  "French date order (dd/mm/yyyy)": "date écrite jj/mm/aaaa",
  "impossible calendar date": "date impossible",
  "not a number": "pas un nombre",
  "number written as text": "nombre écrit comme un texte",
  "negative amount": "montant négatif",
  "placeholder or implausible amount": "montant fictif ou invraisemblable",
  "impossible duration (negative or over 100 years)": "durée impossible (négative ou > 100 ans)",
  "duration not a whole number of months": "durée qui n'est pas un nombre entier de mois",
  "impossible number of offers (must be a whole number ≥ 1)": "nombre d'offres impossible",
  "rate outside 0–1 (a percentage?)": "taux hors de 0–1 (un pourcentage ?)",
  "not a boolean": "ni oui ni non",
  "boolean written as text": "oui/non écrit comme un texte",
  "boolean written as a number": "oui/non écrit comme un nombre",
  "value outside the DECP list": "valeur hors de la liste DECP",
  "non-standard wording": "libellé non standard",
  "party without typeIdentifiant and id": "titulaire sans type d'identifiant ni identifiant",
  "'no consideration' listed together with a consideration":
    "« pas de considération » cochée avec une considération",
  "modification amount below half the previous total: probably a delta, not the new total":
    "montant de modification inférieur à la moitié du précédent : sans doute un écart, pas le nouveau total (le dernier total plausible est gardé)",
  "non-standard JSON literal read as empty": "valeur JSON non standard (NaN) lue comme vide",
  "key with surrounding spaces": "nom de champ entouré d'espaces",
  "flattened key expanded": "nom de champ aplati, remis en structure",
  // Written by etl/sql/finalise.sql, which checks the codes against the reference lists.
  "place code not found in the 2024 COG or postal code lists":
    "code de lieu inconnu : ni dans le code officiel géographique 2024, ni parmi les codes postaux",
  "CPV code not in the CPV 2008 list": "code CPV absent de la nomenclature CPV 2008",
  // Written while the rows of a CSV or Parquet file are grouped into contracts (etl/tabular/).
  "rows of one contract disagree on this value: the value of its current row is kept":
    "les lignes d'un même marché ne donnent pas la même valeur : celle de sa ligne la plus récente est gardée",
  "value marked invalid (INX) by the publisher: marker removed, value checked here":
    "valeur marquée invalide (INX) par l'éditeur : marque retirée, valeur vérifiée ici",
  "« Sans objet » written by the feed for « Pas de … »: the published wording restored":
    "« Sans objet » écrit par le flux à la place de « Pas de … » : le libellé publié est rétabli",
  "modification_id absent: versions numbered by dateNotification, the feed's own rule":
    "numéro de modification absent : versions numérotées par date de notification, selon la règle du flux",
  "initial version (modification_id 0) not in the file: the earliest version present is read as the initial one":
    "version initiale (modification 0) absente du fichier : la plus ancienne présente est lue comme initiale",
  "modification_id not a whole number: the row is read as the initial version":
    "numéro de modification qui n'est pas un entier : la ligne est lue comme version initiale",
};

/** @type {[RegExp, (m: RegExpExecArray) => string][]} */
const PROBLEM_PATTERNS = [
  [/^SIRET of (\d+) digits instead of 14$/, (m) => `SIRET de ${m[1]} chiffres au lieu de 14`],
  [
    /^suspicious amount \(below (\d+) €\)$/,
    (m) => `montant suspect (moins de ${formatInteger(Number(m[1]))} €)`,
  ],
  [/^impossible year \(before (\d+)\)$/, (m) => `année impossible (avant ${m[1]})`],
  // Written by runs before dates after the day of the run were nulled.
  [
    /^impossible year \(before (\d+) or more than a year ahead\)$/,
    (m) => `année impossible (avant ${m[1]} ou plus d'un an à l'avance)`,
  ],
];

/** @type {Record<string, string>} */
export const ACTIONS = { repaired: "corrigée", nulled: "vidée", flagged: "signalée" };

/** @type {Record<string, string>} */
export const KINDS = { marche: "marché", "contrat-concession": "contrat de concession" };

/**
 * @param {string} text
 * @param {Record<string, string>} exact
 * @param {[RegExp, (m: RegExpExecArray) => string][]} patterns
 */
function translate(text, exact, patterns) {
  const known = exact[text];
  if (known) return known;
  for (const [pattern, words] of patterns) {
    const match = pattern.exec(text);
    if (match) return words(match);
  }
  return text;
}

/** @param {string} reason as the API gives it */
export const reasonLabel = (reason) => translate(reason, REASONS, REASON_PATTERNS);

/** @param {string} problem as the API gives it */
export const problemLabel = (problem) => translate(problem, PROBLEMS, PROBLEM_PATTERNS);

/**
 * Whether a text has its own entry here (a French text written as it is by the ETL may map to
 * itself): tests/server/quality-labels.test.ts fails on an ETL text without one.
 * @param {string} text
 * @param {Record<string, string>} exact
 * @param {[RegExp, (m: RegExpExecArray) => string][]} patterns
 */
const listed = (text, exact, patterns) =>
  Object.hasOwn(exact, text) || patterns.some(([pattern]) => pattern.test(text));

/** @param {string} reason */
export const hasReasonLabel = (reason) => listed(reason, REASONS, REASON_PATTERNS);

/** @param {string} problem */
export const hasProblemLabel = (problem) => listed(problem, PROBLEMS, PROBLEM_PATTERNS);

/** A tabular file's encoding as the ETL states it, in French where it says more than a name.
 * @param {string} encoding */
export function encodingLabel(encoding) {
  const stray = /^UTF-8 \((\d+) bytes? not UTF-8 read as WINDOWS-1252\)$/.exec(encoding);
  if (!stray) return encoding;
  const count = Number(stray[1]);
  const read = count > 1 ? "lus" : "lu";
  return `UTF-8 (${plural(count, "octet", "octets")} hors UTF-8 ${read} en Windows-1252)`;
}
