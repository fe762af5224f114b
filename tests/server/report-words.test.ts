// The annual report's counts of contracts in French: the singular below two (« 0 marché »,
// « 1 marché notifié »), the plural from two, with the number written as everywhere else; and a
// year before without any contract in the data said unknown, never « contre 0 marché »; none, one
// or several contracts in the 2024 format said as French says them.
import { describe, expect, it } from "vitest";
import { contracts, contractsSentence, format2024Sentence } from "../../server/report/words.ts";

describe("contracts(n)", () => {
  it("takes the singular for 0 and 1, the plural from 2", () => {
    expect(contracts(0)).toBe("0 marché");
    expect(contracts(1)).toBe("1 marché");
    expect(contracts(2)).toBe("2 marchés");
  });

  it("agrees the participle with the noun", () => {
    expect(contracts(1, "notifié")).toBe("1 marché notifié");
    expect(contracts(0, "notifié")).toBe("0 marché notifié");
    expect(contracts(12, "notifié")).toBe("12 marchés notifiés");
  });

  it("writes thousands as the rest of the report does", () => {
    expect(contracts(16761)).toMatch(/^16\s761 marchés$/u);
  });
});

describe("contractsSentence", () => {
  const totals = { contracts: 12, amount: 350_000, format2024: 0, suspect: 1 };

  it("compares with the year before when it has contracts in the data", () => {
    const sentence = contractsSentence("Région Bretagne", 2021, totals, 3);
    expect(sentence).toMatch(/^En 2021, Région Bretagne a publié 12 marchés notifiés dans l'année/);
    expect(sentence).toMatch(/, contre 3 marchés en 2020\.$/);
  });

  it("says the change is unknown when the year before has none in the data", () => {
    const sentence = contractsSentence("Région Bretagne", 2021, totals, 0);
    expect(sentence).not.toMatch(/contre/);
    expect(sentence).toMatch(
      /les données disponibles ne contiennent aucun de ses marchés notifiés en 2020 : l'évolution d'une année sur l'autre n'est pas connue\.$/,
    );
  });

  it("says when the year itself has no contract in the data", () => {
    expect(contractsSentence("X", 2021, { ...totals, contracts: 0 }, 5)).toBe(
      "X n'a publié aucun marché notifié en 2021 dans les données disponibles.",
    );
  });
});

describe("format2024Sentence", () => {
  it("says none, one and several as French does", () => {
    expect(format2024Sentence(0)).toMatch(/^Aucun de ces marchés n'est publié au format 2024, /);
    expect(format2024Sentence(1)).toMatch(/^1 de ces marchés est publié au format 2024, /);
    expect(format2024Sentence(1234)).toMatch(
      /^1\s234 de ces marchés sont publiés au format 2024, /u,
    );
  });
});
