// Cleaners for single DECP values. Each returns the clean value (or null) and writes to the issue
// log what it repaired, nulled or flagged. Only unambiguous repairs are made; the rest is flagged
// or nulled, and the original always goes to the log.
import type { IssueLog } from "./issues.ts";
import { lookup, type Vocabulary } from "../../lib/vocabulary.ts";
import { hasSiretShape, siretCheckDigitOk } from "./siret.ts";
import { FUTURE_DATE_PROBLEM, OUTSIDE_LIST_PROBLEM } from "./problems.ts";

const BLANK_MARKERS = new Set(["", "nc", "n/c", "null", "none", "nan", "-", "mq", "cdl", "nd"]);

/** True when a value means "not filled": absent, null, empty, whitespace or a known marker. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return BLANK_MARKERS.has(value.trim().toLowerCase());
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Blank check that logs the markers producers write for a missing value ("NC", "MQ", "-"). */
function isBlankLogged(value: unknown, field: string, log: IssueLog): boolean {
  if (!isBlank(value)) return false;
  if (typeof value === "string" && value.trim() !== "" && value.trim().toLowerCase() !== "null") {
    log.add(field, value, "marker of a missing value", "nulled");
  }
  return true;
}

const HTML_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  euro: "€",
  rsquo: "’",
  lsquo: "‘",
  laquo: "«",
  raquo: "»",
  ndash: "–",
  mdash: "—",
  eacute: "é",
  egrave: "è",
  agrave: "à",
  ccedil: "ç",
};
const ENTITY = /&(#\d{1,6}|#x[0-9a-f]{1,5}|[a-z]{2,8});/gi;

function decodeEntity(match: string, body: string): string {
  if (body[0] === "#") {
    const code =
      body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : match;
  }
  return HTML_ENTITIES[body.toLowerCase()] ?? match;
}

/** Free text: trimmed; HTML entities decoded (repaired); U+FFFD kept but flagged. */
export function cleanText(value: unknown, field: string, log: IssueLog): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "object") {
    log.add(field, value, "structure where a text was expected", "nulled");
    return null;
  }
  const text = String(value).trim();
  if (text === "") return null;
  const decoded = text.replace(ENTITY, decodeEntity);
  if (decoded !== text) log.add(field, text, "HTML entity in text", "repaired");
  if (decoded.includes("\ufffd")) {
    log.add(field, text, "characters lost in an encoding conversion (U+FFFD)", "flagged");
  }
  return decoded;
}

/** An identifier (contract id, buyer id): a trimmed string, numbers written as numbers accepted. */
export function cleanIdentifier(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const text = value.trim();
  return isBlank(text) ? null : text;
}

/**
 * A SIRET (14 digits). Spaces are removed (repaired); other lengths or characters, and a wrong
 * check digit (siret.ts), are flagged and kept, since the value still identifies something a
 * reader can look up.
 */
export function cleanSiret(value: unknown, field: string, log: IssueLog): string | null {
  const id = cleanIdentifier(value);
  if (id === null) return null;
  const compact = id.replace(/[\s.\u00a0]/g, "");
  if (typeof value === "string" && compact !== value) {
    log.add(field, value, "spaces inside or around a SIRET", "repaired");
  }
  if (hasSiretShape(compact)) {
    if (!siretCheckDigitOk(compact)) {
      log.add(field, compact, "SIRET check digit wrong: not a valid SIRET", "flagged");
    }
    return compact;
  }
  if (/^\d{9}$/.test(compact))
    log.add(field, compact, "SIREN (9 digits) instead of a SIRET", "flagged");
  else if (/^\d+$/.test(compact)) {
    log.add(field, compact, `SIRET of ${compact.length} digits instead of 14`, "flagged");
  } else log.add(field, id, "not a SIRET (letters or symbols)", "flagged");
  return compact;
}

/** A CPV code: 8 digits without the check digit. */
export function cleanCpv(value: unknown, field: string, log: IssueLog): string | null {
  const text = cleanIdentifier(value);
  if (text === null) return null;
  const compact = text.replace(/\s/g, "");
  let match = /^(\d{8})(-\d)?$/.exec(compact);
  if (match) {
    if (compact !== text) log.add(field, text, "spaces inside a CPV code", "repaired");
    return match[1];
  }
  if (/^\d{7}$/.test(compact)) {
    log.add(field, text, "CPV code of 7 digits: leading zero restored", "repaired");
    return `0${compact}`;
  }
  match = /^(\d{8})\d$/.exec(compact);
  if (match) {
    log.add(field, text, "CPV check digit written without its dash", "repaired");
    return match[1];
  }
  log.add(field, text, "not a CPV code", "nulled");
  return null;
}

const MIN_YEAR = 1990;

/**
 * A date as YYYY-MM-DD. Time-zone suffixes, times and unpadded parts are repaired; impossible
 * dates (before 1990, or after `today`, the day the data are loaded) are nulled.
 */
export function cleanDate(
  value: unknown,
  field: string,
  log: IssueLog,
  today: Date,
): string | null {
  if (isBlankLogged(value, field, log)) return null;
  const text = String(value).trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(text);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const rest = match[4];
    if (rest !== "" && !/^(T[\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/.test(rest)) {
      log.add(field, text, "not a date", "nulled");
      return null;
    }
    if (rest !== "") log.add(field, text, "time or time-zone suffix removed", "repaired");
    else if (match[2].length < 2 || match[3].length < 2) {
      log.add(field, text, "date parts without leading zeros", "repaired");
    }
  } else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    log.add(field, text, "French date order (dd/mm/yyyy)", "repaired");
  } else {
    log.add(field, text, "not a date", "nulled");
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    log.add(field, text, "impossible calendar date", "nulled");
    return null;
  }
  if (y < MIN_YEAR) {
    log.add(field, text, `impossible year (before ${MIN_YEAR})`, "nulled");
    return null;
  }
  // Nothing published can be dated after the day it was read (one day of margin for time zones).
  const latest = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1);
  if (date.getTime() > latest) {
    log.add(field, text, FUTURE_DATE_PROBLEM, "nulled");
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/** A number written as a number, or as text in French or English notation. */
export function parseNumber(value: unknown, field: string, log: IssueLog): number | null {
  if (isBlankLogged(value, field, log)) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") {
    log.add(field, value, "not a number", "nulled");
    return null;
  }
  const text = value.trim();
  let compact = text.replace(/&euro;|€|eur(os?)?$/gi, "").replace(/[\s\u00a0\u202f]/g, "");
  if (/^-?\d+,\d+$/.test(compact)) compact = compact.replace(",", ".");
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(compact)) {
    log.add(field, text, "not a number", "nulled");
    return null;
  }
  if (!log.textualSource || compact !== text)
    log.add(field, text, "number written as text", "repaired");
  return Number(compact);
}

export interface Amount {
  value: number | null;
  suspect: boolean;
}

const PLACEHOLDER_AMOUNT = /^9{6,}(\.0*)?$/;
const IMPLAUSIBLE_AMOUNT = 1e10; // 10 billion euros: more than any French public contract
const SMALL_AMOUNT = 1000;

/** An amount in euros. Placeholders (999999999) and absurd values are nulled, small ones flagged. */
export function cleanAmount(value: unknown, field: string, log: IssueLog): Amount {
  const amount = parseNumber(value, field, log);
  if (amount === null) return { value: null, suspect: false };
  if (amount < 0) {
    log.add(field, value, "negative amount", "nulled");
    return { value: null, suspect: true };
  }
  if (PLACEHOLDER_AMOUNT.test(String(amount)) || amount >= IMPLAUSIBLE_AMOUNT) {
    log.add(field, value, "placeholder or implausible amount", "nulled");
    return { value: null, suspect: true };
  }
  if (amount < SMALL_AMOUNT) {
    log.add(field, value, `suspicious amount (below ${SMALL_AMOUNT} €)`, "flagged");
    return { value: amount, suspect: true };
  }
  return { value: amount, suspect: false };
}

/** A duration in months. */
export function cleanDuration(value: unknown, field: string, log: IssueLog): number | null {
  const months = parseNumber(value, field, log);
  if (months === null) return null;
  if (months < 0 || months > 1200) {
    log.add(field, value, "impossible duration (negative or over 100 years)", "nulled");
    return null;
  }
  if (!Number.isInteger(months))
    log.add(field, value, "duration not a whole number of months", "flagged");
  return months;
}

/** A count of offers: a positive whole number. 0 is impossible for an awarded contract. */
export function cleanOfferCount(value: unknown, field: string, log: IssueLog): number | null {
  const count = parseNumber(value, field, log);
  if (count === null) return null;
  if (!Number.isInteger(count) || count < 1 || count > 10000) {
    log.add(field, value, "impossible number of offers (must be a whole number ≥ 1)", "nulled");
    return null;
  }
  return count;
}

/** A rate between 0 and 1 (tauxAvance, origineFrance, origineUE). */
export function cleanRate(value: unknown, field: string, log: IssueLog): number | null {
  const rate = parseNumber(value, field, log);
  if (rate === null) return null;
  if (rate < 0 || rate > 1) {
    log.add(field, value, "rate outside 0–1 (a percentage?)", "nulled");
    return null;
  }
  return rate;
}

const TRUE_WORDS = new Set(["true", "oui", "1", "vrai", "yes"]);
const FALSE_WORDS = new Set(["false", "non", "0", "faux", "no"]);

/** A boolean: true/false, or oui/non, 1/0 written as text (repaired). */
export function cleanBoolean(value: unknown, field: string, log: IssueLog): boolean | null {
  if (typeof value === "boolean") return value;
  if (isBlankLogged(value, field, log)) return null;
  const word = String(value).trim().toLowerCase();
  const parsed = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : null;
  if (parsed === null) log.add(field, value, "not a boolean", "nulled");
  else if (typeof value === "string" && !log.textualSource) {
    log.add(field, value, "boolean written as text", "repaired");
  } else if (typeof value === "number")
    log.add(field, value, "boolean written as a number", "repaired");
  return parsed;
}

/** An enumerated value: the vocabulary code; other wordings repaired, unknown values nulled. */
export function cleanEnum(
  value: unknown,
  field: string,
  vocabulary: Vocabulary,
  log: IssueLog,
): string | null {
  if (isBlankLogged(value, field, log)) return null;
  const text = String(value).trim();
  const entry = lookup(vocabulary, text);
  if (!entry) {
    log.add(field, value, OUTSIDE_LIST_PROBLEM, "nulled");
    return null;
  }
  if (!entry.wordings.includes(text)) log.add(field, value, "non-standard wording", "repaired");
  return entry.code;
}
