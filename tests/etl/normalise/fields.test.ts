// The value cleaners (etl/normalise/fields.ts), one by one: the clean value, and what the issue log
// says was repaired, nulled or flagged. Raw values are the ones met in real files (SOURCES.md).
import { describe, expect, it } from "vitest";
import {
  cleanAmount,
  cleanBoolean,
  cleanCpv,
  cleanDate,
  cleanDuration,
  cleanEnum,
  cleanIdentifier,
  cleanOfferCount,
  cleanRate,
  cleanSiret,
  cleanText,
  isBlank,
  parseNumber,
} from "../../../etl/normalise/fields.ts";
import { IssueLog } from "../../../etl/normalise/issues.ts";
import { PROCEDURES } from "../../../lib/vocabulary.ts";
import { TEST_TODAY } from "../../helpers/test-today.ts";

/** Runs a cleaner on a fresh log; returns its value and the log's [action, problem] pairs. */
function clean<T>(run: (log: IssueLog) => T, textual = false) {
  const log = new IssueLog(textual);
  const value = run(log);
  return { value, issues: log.issues.map((i) => [i.action, i.problem]) };
}

describe("isBlank and cleanIdentifier", () => {
  it.each([undefined, null, "", "  ", "NC", "n/c", "null", "NaN", "-", "MQ", "CDL", "ND", []])(
    "%j is not filled",
    (value) => expect(isBlank(value)).toBe(true),
  );
  it.each(["0", "Non", 0, false, {}])("%j is filled", (value) =>
    expect(isBlank(value)).toBe(false),
  );

  it("trims ids and reads numbers written as numbers", () => {
    expect(cleanIdentifier("  2019-0042 ")).toBe("2019-0042");
    expect(cleanIdentifier(20190042)).toBe("20190042");
    expect(cleanIdentifier("NC")).toBeNull();
    expect(cleanIdentifier(Number.NaN)).toBeNull();
    expect(cleanIdentifier({ id: 1 })).toBeNull();
  });
});

describe("cleanText", () => {
  it("decodes HTML entities, and says so", () => {
    expect(clean((log) => cleanText("15 000 &euro; &amp; plus", "objet", log))).toEqual({
      value: "15 000 € & plus",
      issues: [["repaired", "HTML entity in text"]],
    });
    expect(clean((log) => cleanText("Lot 2 &#8211; voirie", "objet", log)).value).toBe(
      "Lot 2 – voirie",
    );
  });

  it("keeps U+FFFD but flags it, and nulls a structure", () => {
    expect(clean((log) => cleanText("Soci\ufffdt\ufffd", "acheteur.nom", log))).toEqual({
      value: "Soci\ufffdt\ufffd",
      issues: [["flagged", "characters lost in an encoding conversion (U+FFFD)"]],
    });
    expect(clean((log) => cleanText({ a: 1 }, "objet", log))).toEqual({
      value: null,
      issues: [["nulled", "structure where a text was expected"]],
    });
    expect(clean((log) => cleanText("   ", "objet", log))).toEqual({ value: null, issues: [] });
  });
});

describe("cleanSiret", () => {
  it("removes spaces, keeps 14 digits", () => {
    expect(clean((log) => cleanSiret(" 775 677 065 00119 ", "titulaires[0].id", log))).toEqual({
      value: "77567706500119",
      issues: [["repaired", "spaces inside or around a SIRET"]],
    });
  });

  it.each([
    ["753830346", "SIREN (9 digits) instead of a SIRET"],
    ["4522007510002", "SIRET of 13 digits instead of 14"],
    ["OTIS", "not a SIRET (letters or symbols)"],
    ["45220075100026", "SIRET check digit wrong: not a valid SIRET"],
  ])("flags %s and keeps it", (raw, problem) => {
    expect(clean((log) => cleanSiret(raw, "id", log))).toEqual({
      value: raw,
      issues: [["flagged", problem]],
    });
  });
});

describe("cleanCpv", () => {
  it.each([
    ["45223220-4", "45223220", []],
    ["45223220", "45223220", []],
    ["9310000", "09310000", [["repaired", "CPV code of 7 digits: leading zero restored"]]],
    ["031210005", "03121000", [["repaired", "CPV check digit written without its dash"]]],
    ["4522 3220", "45223220", [["repaired", "spaces inside a CPV code"]]],
    ["45A", null, [["nulled", "not a CPV code"]]],
  ])("%s → %s", (raw, value, issues) => {
    expect(clean((log) => cleanCpv(raw, "codeCPV", log))).toEqual({ value, issues });
  });
});

describe("cleanDate", () => {
  const date = (raw: unknown) =>
    clean((log) => cleanDate(raw, "dateNotification", log, TEST_TODAY));

  it.each([
    ["2024-03-05", "2024-03-05", []],
    ["2018-12-17+01:00", "2018-12-17", [["repaired", "time or time-zone suffix removed"]]],
    ["2024-03-05T10:12:00Z", "2024-03-05", [["repaired", "time or time-zone suffix removed"]]],
    ["2019-1-1", "2019-01-01", [["repaired", "date parts without leading zeros"]]],
    ["05/03/2024", "2024-03-05", [["repaired", "French date order (dd/mm/yyyy)"]]],
    ["2023-02-30", null, [["nulled", "impossible calendar date"]]],
    ["0218-10-29", null, [["nulled", "impossible year (before 1990)"]]],
    ["le 5 mars", null, [["nulled", "not a date"]]],
    ["NC", null, [["nulled", "marker of a missing value"]]],
  ])("%s → %s", (raw, value, issues) => {
    expect(date(raw)).toEqual({ value, issues });
  });

  it("nulls a date after the day of the run, keeping one day of margin for time zones", () => {
    // TEST_TODAY is 2026-11-28.
    expect(date("2026-11-29").value).toBe("2026-11-29");
    expect(date("2026-11-30")).toEqual({
      value: null,
      issues: [["nulled", "date after the day the data were loaded: impossible"]],
    });
  });
});

describe("numbers and amounts", () => {
  it("reads French and English notations written as text", () => {
    expect(clean((log) => parseNumber("14\u00a0700,00", "montant", log))).toEqual({
      value: 14700,
      issues: [["repaired", "number written as text"]],
    });
    expect(clean((log) => parseNumber("15 000 €", "montant", log)).value).toBe(15000);
    expect(clean((log) => parseNumber("1.0e17", "montant", log)).value).toBe(1e17);
    expect(clean((log) => parseNumber("abc", "montant", log))).toEqual({
      value: null,
      issues: [["nulled", "not a number"]],
    });
  });

  it("does not log numbers written as text in XML, where every value is text", () => {
    expect(clean((log) => parseNumber("45155.0", "montant", log), true)).toEqual({
      value: 45155,
      issues: [],
    });
  });

  it.each([
    [85000, 85000, false, []],
    [-5, null, true, [["nulled", "negative amount"]]],
    [999999999, null, true, [["nulled", "placeholder or implausible amount"]]],
    [1e17, null, true, [["nulled", "placeholder or implausible amount"]]],
    [250, 250, true, [["flagged", "suspicious amount (below 1000 €)"]]],
  ])("amount %s → %s (suspect %s)", (raw, value, suspect, issues) => {
    expect(clean((log) => cleanAmount(raw, "montant", log))).toEqual({
      value: { value, suspect },
      issues,
    });
  });

  it("checks durations, offers and rates", () => {
    expect(clean((log) => cleanDuration(1.5, "dureeMois", log))).toEqual({
      value: 1.5,
      issues: [["flagged", "duration not a whole number of months"]],
    });
    expect(clean((log) => cleanDuration(1300, "dureeMois", log)).value).toBeNull();
    expect(clean((log) => cleanOfferCount(0, "offresRecues", log)).value).toBeNull();
    expect(clean((log) => cleanOfferCount(3, "offresRecues", log)).value).toBe(3);
    expect(clean((log) => cleanRate(30, "tauxAvance", log))).toEqual({
      value: null,
      issues: [["nulled", "rate outside 0–1 (a percentage?)"]],
    });
    expect(clean((log) => cleanRate("0,3", "tauxAvance", log)).value).toBe(0.3);
  });
});

describe("booleans and listed values", () => {
  it.each([
    [true, true, []],
    ["oui", true, [["repaired", "boolean written as text"]]],
    ["Non", false, [["repaired", "boolean written as text"]]],
    [0, false, [["repaired", "boolean written as a number"]]],
    ["peut-être", null, [["nulled", "not a boolean"]]],
    ["MQ", null, [["nulled", "marker of a missing value"]]],
  ])("%j → %j", (raw, value, issues) => {
    expect(clean((log) => cleanBoolean(raw, "attributionAvance", log))).toEqual({ value, issues });
  });

  it("maps wordings to one code, repairs variants and nulls values outside the list", () => {
    const procedure = (raw: string) => clean((log) => cleanEnum(raw, "procedure", PROCEDURES, log));
    expect(procedure("Procédure adaptée")).toEqual({ value: "procedure_adaptee", issues: [] });
    expect(procedure("Marché négocié sans publicité ni mise en concurrence préalable").value).toBe(
      "sans_publicite",
    );
    expect(procedure("APPEL D'OFFRES OUVERT")).toEqual({
      value: "appel_offres_ouvert",
      issues: [["repaired", "non-standard wording"]],
    });
    expect(procedure("Procédure inventée")).toEqual({
      value: null,
      issues: [["nulled", "value outside the DECP list"]],
    });
  });
});
