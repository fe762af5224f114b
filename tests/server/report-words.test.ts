// The annual report's counts of contracts in French: the singular below two (« 0 marché »,
// « 1 marché notifié »), the plural from two, with the number written as everywhere else; and a
// year before without any contract in the data said unknown, never « contre 0 marché »; none, one
// or several contracts in the 2024 format, indicators and contracts to fix said as French says
// them; an earlier value called « année précédente » only when it is the year just before; the
// basis of a figure with its counts agreed, and no contract concerned said so; the grade, or why
// there is none, in the same words in the HTML and the DOCX; a supplier placed against the buyer
// by département, else by région, else said unknown; the suppliers' table said ten only when it
// holds ten; a quality rule that checked no contract said « sans objet » only when none is
// concerned, else unknown.
import { describe, expect, it } from "vitest";
import { ruleValueText, unverifiableText } from "../../client/src/shared/rule-value-text.js";
import { loadCatalogue } from "../../indicators/index.ts";
import type { ReportIndicator, ReportSupplier } from "../../server/report/data.ts";
import {
  basisText,
  contracts,
  contractsSentence,
  format2024Sentence,
  gradeText,
  indicatorsSentence,
  localText,
  previousLabel,
  recordsToFixText,
  suppliersLead,
} from "../../server/report/words.ts";
import type { Status } from "../../server/report/words-status.ts";

/** French numbers are written with no-break spaces: compared as spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

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
    expect(sentence).toMatch(
      /^En 2021, la Région Bretagne a publié 12 marchés notifiés dans l'année/,
    );
    expect(sentence).toMatch(/, contre 3 marchés en 2020\.$/);
  });

  it("says the change is unknown when the year before has none in the data", () => {
    const sentence = contractsSentence("Région Bretagne", 2021, totals, 0);
    expect(sentence).not.toMatch(/contre/);
    expect(sentence).toMatch(
      /les données disponibles ne contiennent aucun de ses marchés notifiés en 2020 : l'évolution d'une année sur l'autre n'est pas connue\.$/,
    );
  });

  it("names the amounts left out of the total, and says nothing when none is", () => {
    const total = (suspect: number) =>
      plain(contractsSentence("X", 2021, { ...totals, suspect }, 3));
    expect(total(0)).toMatch(/pour un montant total de 350 000 €, contre 3 marchés en 2020\.$/);
    expect(total(1)).toMatch(/350 000 € \(hors 1 montant jugé suspect\), contre/);
    expect(total(1200)).toMatch(/350 000 € \(hors 1 200 montants jugés suspects\), contre/);
  });

  it("says when the year itself has no contract in the data", () => {
    expect(contractsSentence("X", 2021, { ...totals, contracts: 0 }, 5)).toBe(
      "X n'a publié aucun marché notifié en 2021 dans les données disponibles.",
    );
    expect(contractsSentence("Département de l'Ain", 2021, { ...totals, contracts: 0 }, 5)).toBe(
      "Le Département de l'Ain n'a publié aucun marché notifié en 2021 dans les données disponibles.",
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

describe("indicatorsSentence", () => {
  const counts =
    (c: Partial<Record<Status, number>>) =>
    (s: Status): number =>
      c[s] ?? 0;

  it("counts every indicator once, each verb agreed with its count", () => {
    const sentence = indicatorsSentence(
      30,
      2021,
      counts({
        met: 0,
        behind: 1,
        too_few: 3,
        no_target: 13,
        no_2024_format: 10,
        unknown: 1,
        no_contract: 2,
      }),
    );
    expect(sentence).toBe(
      "Sur 30 indicateurs d'achats responsables, 17 ont une valeur pour 2021 : aucun n'atteint son objectif, 1 est en retard, 3 reposent sur trop peu de marchés pour conclure et 13 n'ont pas d'objectif fixé ; 10 manquent faute de marchés publiés au format 2024, 1 faute d'information connue et 2 faute de marché concerné cette année.",
    );
  });

  it("leaves out the counts of zero but the targets met, and agrees one", () => {
    expect(indicatorsSentence(3, 2024, counts({ met: 1, behind: 1, unknown: 1 }))).toBe(
      "Sur 3 indicateurs d'achats responsables, 2 ont une valeur pour 2024 : 1 atteint son objectif et 1 est en retard ; 1 manque faute d'information connue.",
    );
    expect(indicatorsSentence(2, 2024, counts({ met: 2 }))).toBe(
      "Sur 2 indicateurs d'achats responsables, 2 ont une valeur pour 2024 : 2 atteignent leur objectif.",
    );
    expect(indicatorsSentence(3, 2024, counts({ behind: 1, no_target: 1, no_contract: 1 }))).toBe(
      "Sur 3 indicateurs d'achats responsables, 2 ont une valeur pour 2024 : aucun n'atteint son objectif, 1 est en retard et 1 n'a pas d'objectif fixé ; 1 manque faute de marché concerné cette année.",
    );
  });

  it("says no target met only when an indicator with a value has one", () => {
    // Région Bretagne 2024: three values, none with a target; « aucun n'atteint son objectif »
    // would blame them for targets they do not have.
    expect(indicatorsSentence(4, 2024, counts({ no_target: 3, unknown: 1 }))).toBe(
      "Sur 4 indicateurs d'achats responsables, 3 ont une valeur pour 2024 : 3 n'ont pas d'objectif fixé ; 1 manque faute d'information connue.",
    );
    expect(indicatorsSentence(2, 2024, counts({ too_few: 1, little_known: 1 }))).toBe(
      "Sur 2 indicateurs d'achats responsables, 2 ont une valeur pour 2024 : aucun n'atteint son objectif, 1 repose sur trop peu de marchés pour conclure et 1 repose sur une information trop peu renseignée pour conclure.",
    );
  });

  it("says when no indicator has a value", () => {
    expect(indicatorsSentence(2, 2019, counts({ no_2024_format: 2 }))).toBe(
      "Sur 2 indicateurs d'achats responsables, aucun n'a de valeur pour 2019 ; 2 manquent faute de marchés publiés au format 2024.",
    );
  });
});

describe("recordsToFixText", () => {
  it("says none, one and several contracts to fix, capitalised to open a sentence", () => {
    expect(recordsToFixText(0)).toBe("aucun marché n'a de champ à corriger");
    expect(recordsToFixText(0, true)).toBe("Aucun marché n'a de champ à corriger");
    expect(recordsToFixText(1, true)).toBe("1 marché a au moins un champ à corriger");
    expect(recordsToFixText(2048)).toMatch(/^2\s048 marchés ont au moins un champ à corriger$/u);
  });
});

describe("previousLabel", () => {
  it("says « année précédente » for the year just before or none, and names an older year", () => {
    expect(previousLabel({ year: 2020, value: 0.5, n: 3, n_scope: 3, coverage: 1 }, 2021)).toBe(
      "Année précédente",
    );
    expect(previousLabel(null, 2021)).toBe("Année précédente");
    expect(previousLabel({ year: 2018, value: 0, n: 1, n_scope: 2, coverage: 0.5 }, 2021)).toBe(
      "Dernière année connue avant 2021",
    );
    // Contracts concerned, none with the information: the year is not « connue ».
    expect(previousLabel({ year: 2018, value: null, n: 0, n_scope: 1, coverage: 0 }, 2021)).toBe(
      "Dernière année avec des marchés concernés avant 2021",
    );
  });
});

describe("basisText", () => {
  const definitions = loadCatalogue().definitions;
  const byUnit = (unit: string) => {
    const found = definitions.find((d) => d.counting_unit === unit);
    if (!found) throw new Error(`an indicator counts ${unit}`);
    return found;
  };
  const figure = (unit: string, n: number, n_scope: number): ReportIndicator => ({
    definition: byUnit(unit),
    value: n > 0 ? 0.5 : null,
    n,
    n_scope,
    coverage: n_scope > 0 ? n / n_scope : null,
    flags: [],
    previous: null,
    trend: [],
    target: null,
    notApplicable: null,
    status: n > 0 ? "no_target" : n_scope > 0 ? "unknown" : "no_contract",
  });

  it("gives N, the contracts concerned and the coverage, agreed with their counts", () => {
    expect(plain(basisText(figure("contract", 1086, 1089)))).toBe(
      "N = 1 086 marchés sur 1 089 concernés ; couverture 99,7 %",
    );
    expect(plain(basisText(figure("contract", 1, 1)))).toBe(
      "N = 1 marché sur 1 concerné ; couverture 100 %",
    );
    // N counts contracts for a contract × supplier indicator too: it splits them, never counts
    // the pairs.
    expect(plain(basisText(figure("contract_supplier", 3, 4)))).toBe(
      "N = 3 marchés sur 4 concernés ; couverture 75 %",
    );
  });

  it("says a coverage without object rather than unknown when no contract is concerned", () => {
    // The block's status says « pas de marché concerné cette année »: the basis does not repeat it.
    expect(basisText(figure("contract", 0, 0))).toBe("N = 0 marché ; couverture sans objet");
  });
});

describe("gradeText", () => {
  it("gives the grade and its score, or the reason there is none", () => {
    expect(plain(gradeText({ grade: "B", score: 0.8, no_grade_reason: null }))).toBe(
      "Note : B (de A, la meilleure, à E), score 80 %.",
    );
    const few = "moins de 5 marchés publiés sur la période, trop peu pour noter";
    expect(gradeText({ grade: null, score: null, no_grade_reason: few })).toBe(
      `Pas de note : ${few}.`,
    );
    expect(gradeText({ grade: null, score: null, no_grade_reason: null })).toBe(
      "Pas de note : raison inconnue.",
    );
  });
});

describe("localText", () => {
  const supplier = (place: Partial<ReportSupplier>): ReportSupplier => ({
    titulaire_id: "35600000000048",
    nom: "Un titulaire",
    contracts: 1,
    amount_split: 1000,
    categorie: null,
    ess: null,
    departement: "35",
    departement_nom: "Ille-et-Vilaine",
    region_nom: "Bretagne",
    local: null,
    same_region: null,
    ...place,
  });

  it("compares départements when both are known", () => {
    expect(localText(supplier({ local: true, same_region: true }))).toBe(
      "même département que l'acheteur",
    );
    expect(localText(supplier({ local: false, same_region: true }))).toBe(
      "autre département (Ille-et-Vilaine)",
    );
  });

  it("compares régions when the buyer is placed by its région only", () => {
    expect(localText(supplier({ same_region: true }))).toBe(
      "même région que l'acheteur (Ille-et-Vilaine)",
    );
    expect(localText(supplier({ same_region: false }))).toBe("autre région (Ille-et-Vilaine)");
    expect(
      localText(supplier({ same_region: false, departement: null, departement_nom: null })),
    ).toBe("autre région (Bretagne)");
  });

  it("says the buyer's place unknown, never « autre »", () => {
    expect(localText(supplier({}))).toBe("Ille-et-Vilaine (département de l'acheteur inconnu)");
    expect(localText(supplier({ departement: null, departement_nom: null }))).toBe("inconnu");
  });
});

describe("suppliersLead", () => {
  it("says ten when the table holds ten, else how many there are", () => {
    expect(suppliersLead(10, 2024)).toBe(
      "Les dix titulaires qui ont reçu le plus gros montant en 2024",
    );
    expect(suppliersLead(2, 2024)).toBe(
      "Les 2 titulaires identifiés des marchés de 2024, du plus gros montant reçu au plus petit",
    );
    expect(suppliersLead(1, 2024)).toBe("Le seul titulaire identifié des marchés de 2024");
  });
});

describe("ruleValueText (a publication-quality rule, on the buyer page and in the report)", () => {
  const share = (value: number) => `${value * 100} %`;
  it("gives the share of the contracts that pass when the rule checked some", () => {
    expect(ruleValueText({ value: 0.5, n_scope: 4 }, share)).toBe("50 %");
    expect(ruleValueText({ value: 0, n_scope: 4 }, share)).toBe("0 %");
  });
  it("says « sans objet » only when no contract is concerned, else unknown", () => {
    expect(ruleValueText({ value: null, n_scope: 0 }, share)).toBe(
      "sans objet (aucun marché concerné)",
    );
    expect(ruleValueText({ value: null, n_scope: 1 }, share)).toBe(
      "inconnu (le marché concerné n'a pas pu être vérifié)",
    );
    expect(plain(ruleValueText({ value: null, n_scope: 1234 }, share))).toBe(
      "inconnu (aucun des 1 234 marchés concernés n'a pu être vérifié)",
    );
  });
});

describe("unverifiableText (fields a rule could not check)", () => {
  const rule = (unverifiable: { label: string; contracts: number }[]) => ({
    title: "Champs obligatoires renseignés",
    unverifiable,
  });
  it("says nothing when the rule checked every field", () => {
    expect(unverifiableText(rule([]))).toBeNull();
  });
  it("lists the fields, grouped by their number of contracts, in French", () => {
    expect(unverifiableText(rule([{ label: "objet", contracts: 1 }]))).toBe(
      "Champs obligatoires renseignés : objet non vérifiable sur 1 marché, leur source ne publiant pas ce champ.",
    );
    expect(
      unverifiableText(
        rule([
          { label: "nature", contracts: 146 },
          { label: "objet", contracts: 146 },
          { label: "forme du prix", contracts: 146 },
          { label: "date de publication des données", contracts: 2 },
        ]),
      ),
    ).toBe(
      "Champs obligatoires renseignés : nature, objet et forme du prix non vérifiables sur 146 marchés ; date de publication des données non vérifiable sur 2 marchés, leur source ne publiant pas ces champs.",
    );
  });
});
