// The one SIRET rule (etl/normalise/siret.ts): 14 digits, the check digit, La Poste's exception,
// and the type a party gets when its type is missing.
import { describe, expect, it } from "vitest";
import { partyIdentity, siretCheckDigitOk } from "../../../etl/normalise/siret.ts";

describe("siretCheckDigitOk", () => {
  it.each([
    ["21350238800019", true], // a commune's SIRET, from the shipped samples
    ["20007067000019", true], // CC du Pays de Dol
    ["45220075100025", true], // a Dematis buyer of the 2024 daily files
    ["45220075100026", false], // the same with its last digit changed
    ["35600000049837", true], // La Poste: not a Luhn key, but its digits add up to a multiple of 5
    ["35600000012345", false], // La Poste's SIREN with neither rule
    ["4522007510002", false], // 13 digits
    ["452200751000250", false], // 15 digits
    ["4522007510002A", false],
    ["", false],
  ])("%s → %s", (id, ok) => {
    expect(siretCheckDigitOk(id)).toBe(ok);
  });
});

describe("partyIdentity", () => {
  it("recognises a valid SIRET published without a type, and groups it by SIREN", () => {
    expect(partyIdentity(null, "21350238800019")).toEqual({
      type: "SIRET",
      siretValid: true,
      company: "213502388",
      typeInferred: true,
    });
  });

  it("leaves a 14-digit id with a wrong check digit untyped and not valid", () => {
    expect(partyIdentity(null, "21350238800018")).toEqual({
      type: null,
      siretValid: false,
      company: "21350238800018",
      typeInferred: false,
    });
  });

  it("does not count a declared SIRET whose check digit is wrong, nor group it by SIREN", () => {
    const identity = partyIdentity("SIRET", "21350238800018");
    expect(identity.siretValid).toBe(false);
    expect(identity.company).toBe("21350238800018");
  });

  it("trusts a declared other type", () => {
    expect(partyIdentity("TVA", "21350238800019")).toMatchObject({
      type: "TVA",
      siretValid: false,
      company: "21350238800019",
    });
  });

  it("has no company without an id", () => {
    expect(partyIdentity("SIRET", null)).toMatchObject({ siretValid: false, company: null });
  });
});
