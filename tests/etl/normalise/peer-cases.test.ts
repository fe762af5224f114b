// Cases taken from the test suite of another DECP pipeline (decp-processing) and from real files,
// written as records and run through the normaliser: what becomes a supplier, which type an id
// gets, which dates are possible, which values an enumerated field takes, which contradictions
// are flagged.
import { describe, expect, it } from "vitest";
import type { ContainerShape } from "../../../etl/formats/types.ts";
import { normaliseRecord, type NormalisedRecord } from "../../../etl/normalise/record.ts";
import {
  EMPTY_PARTY_PROBLEM,
  FUTURE_DATE_PROBLEM,
  NOTIFIED_AFTER_PUBLICATION_PROBLEM,
  OUTSIDE_LIST_PROBLEM,
  REPEATED_PARTY_PROBLEM,
  SIRET_TYPE_INFERRED_PROBLEM,
  SUBCONTRACTING_CONTRADICTION_PROBLEM,
} from "../../../etl/normalise/problems.ts";
import { TEST_TODAY } from "../../helpers/samples-db.ts";

/** A 2024-format marché as the daily files publish it, with the fields a case changes. */
function marche(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: "2024-0042",
    acheteur: { id: "21350238800019" },
    nature: "Marché",
    objet: "Entretien des espaces verts",
    codeCPV: "77310000",
    procedure: "Procédure adaptée",
    lieuExecution: { code: "35238", typeCode: "Code commune" },
    dureeMois: 12,
    dateNotification: "2024-06-03",
    datePublicationDonnees: "2024-06-20",
    montant: 85000,
    formePrix: "Forfaitaire",
    titulaires: [{ titulaire: { typeIdentifiant: "SIRET", id: "45220075100025" } }],
    ...fields,
  };
}

function run(value: unknown, shape: ContainerShape = "json-object"): NormalisedRecord {
  return normaliseRecord(
    { position: 0, kindHint: "marche", value, raw: JSON.stringify(value) },
    shape,
    TEST_TODAY,
  );
}

function contract(value: unknown) {
  const record = run(value);
  if (record.type !== "marche") throw new Error(`expected a marché, got ${record.type}`);
  return record;
}

const problems = (record: NormalisedRecord) =>
  record.type === "reject" ? [] : record.issues.map((i) => `${i.field}: ${i.problem}`);

describe("what becomes a supplier", () => {
  it("drops an empty titulaire object, and says so", () => {
    const record = contract(
      marche({
        titulaires: [
          { titulaire: { typeIdentifiant: "SIRET", id: "45220075100025" } },
          { titulaire: { id: null, typeIdentifiant: null } },
        ],
      }),
    );
    expect(record.suppliers).toHaveLength(1);
    expect(record.contract.titulaires_count).toBe(1);
    expect(record.contract.titulaires_siret_count).toBe(1);
    expect(problems(record)).toContain(`titulaires[1]: ${EMPTY_PARTY_PROBLEM}`);
  });

  it("keeps a titulaire listed again under the same id once, and says where; never merges unnamed ones", () => {
    // As on a contract of marches-publics.info (2019): one SIRET three times, under two names.
    const record = contract(
      marche({
        titulaires: [
          {
            titulaire: {
              typeIdentifiant: "SIRET",
              id: "34153981500017",
              denominationSociale: "PARIS NORD ASSURANCE",
            },
          },
          {
            titulaire: {
              typeIdentifiant: "SIRET",
              id: "34153981500017",
              denominationSociale: "PARIS NORD ASSURANCES",
            },
          },
          { titulaire: { typeIdentifiant: "SIRET", id: "45220075100025" } },
          { titulaire: { typeIdentifiant: "SIRET", id: "341 539 815 00017" } },
          { titulaire: { denominationSociale: "Entreprise sans identifiant" } },
          { titulaire: { denominationSociale: "Entreprise sans identifiant" } },
        ],
      }),
    );
    expect(record.suppliers.map((s) => [s.titulaire_id, s.denomination_sociale])).toEqual([
      ["34153981500017", "PARIS NORD ASSURANCE"],
      ["45220075100025", null],
      [null, "Entreprise sans identifiant"],
      [null, "Entreprise sans identifiant"],
    ]);
    expect(record.suppliers.map((s) => s.position)).toEqual([0, 1, 2, 3]);
    expect(record.contract.titulaires_count).toBe(4);
    expect(record.contract.titulaires_siret_count).toBe(2);
    const repeats = record.issues.filter((i) => i.problem === REPEATED_PARTY_PROBLEM);
    expect(repeats.map((i) => [i.field, i.raw, i.action])).toEqual([
      ["titulaires[1].id", "34153981500017", "repaired"],
      ["titulaires[3].id", "341 539 815 00017", "repaired"],
    ]);
  });

  it("reads an empty list inside the titulaires as no titulaire", () => {
    const record = contract(marche({ titulaires: [[], { titulaire: [] }] }));
    expect(record.suppliers).toEqual([]);
    expect(record.contract.titulaires_count).toBe(0);
  });

  it("keeps no party for a modification's titulaires written as strings", () => {
    // XML turned into JSON by some producers: [{"titulaire": "typeIdentifiant"}, {"titulaire": "id"}]
    const record = contract(
      marche({
        modifications: [
          {
            modification: {
              id: 1,
              dateNotificationModification: "2024-09-01",
              datePublicationDonneesModification: "2024-09-10",
              montant: 90000,
              titulaires: [{ titulaire: "typeIdentifiant" }, { titulaire: "id" }],
            },
          },
        ],
      }),
    );
    expect(record.modifications[0].titulaires).toBeNull();
    expect(problems(record).filter((p) => p.includes("modifications[0].titulaires"))).toHaveLength(
      2,
    );
  });

  it("recognises a 14-digit id without typeIdentifiant as a SIRET when its key is valid", () => {
    const record = contract(
      marche({
        titulaires: [
          { titulaire: { id: "45220075100025" } },
          { titulaire: { typeIdentifiant: "", id: "20007067000019" } },
          { titulaire: { id: "45220075100026" } }, // wrong check digit
        ],
      }),
    );
    expect(
      record.suppliers.map((s) => [s.type_identifiant, s.siret_valide, s.entreprise_id]),
    ).toEqual([
      ["SIRET", true, "452200751"],
      ["SIRET", true, "200070670"],
      [null, false, "45220075100026"],
    ]);
    expect(record.contract.titulaires_siret_count).toBe(2);
    expect(problems(record)).toContain(
      `titulaires[0].typeIdentifiant: ${SIRET_TYPE_INFERRED_PROBLEM}`,
    );
  });
});

describe("dates", () => {
  it("nulls a notification, a publication and a modification dated after the day of the run", () => {
    // TEST_TODAY is 2026-11-28.
    const record = contract(
      marche({
        dateNotification: "2027-01-15",
        datePublicationDonnees: "2026-12-24",
        modifications: [
          {
            modification: {
              id: 1,
              dateNotificationModification: "2027-03-01",
              datePublicationDonneesModification: "2026-11-28",
              montant: 90000,
            },
          },
        ],
      }),
    );
    expect(record.contract.date_notification).toBeNull();
    expect(record.contract.date_publication_donnees).toBeNull();
    expect(record.modifications[0].date_notification).toBeNull();
    expect(record.modifications[0].date_publication_donnees).toBe("2026-11-28");
    expect(problems(record).filter((p) => p.endsWith(FUTURE_DATE_PROBLEM))).toHaveLength(3);
  });

  it("flags a notification after the publication of the data, keeping both dates", () => {
    const record = contract(
      marche({ dateNotification: "2024-07-02", datePublicationDonnees: "2024-06-20" }),
    );
    expect(record.contract.date_notification).toBe("2024-07-02");
    expect(record.contract.date_publication_donnees).toBe("2024-06-20");
    expect(problems(record)).toContain(`dateNotification: ${NOTIFIED_AFTER_PUBLICATION_PROBLEM}`);
  });
});

describe("enumerated fields take only their listed values", () => {
  it("nulls NC in ccag and formePrix, and logs it", () => {
    const record = contract(marche({ ccag: "NC", formePrix: "NC" }));
    expect(record.contract.ccag).toBeNull();
    expect(record.contract.forme_prix).toBeNull();
    expect(problems(record)).toEqual(
      expect.arrayContaining([
        "ccag: marker of a missing value",
        "formePrix: marker of a missing value",
      ]),
    );
  });

  it("nulls a value outside the list, and keeps the listed ones as published", () => {
    const record = contract(marche({ ccag: "CCAG-FCS 2021", formePrix: "Révisable" }));
    expect(record.contract.ccag).toBeNull();
    expect(record.contract.forme_prix).toBe("Révisable");
    expect(problems(record)).toContain(`ccag: ${OUTSIDE_LIST_PROBLEM}`);
    expect(contract(marche({ ccag: "Travaux" })).contract.ccag).toBe("Travaux");
  });
});

describe("sous-traitance", () => {
  it("flags a contract declared without sous-traitance that publishes acts", () => {
    const record = contract(
      marche({
        sousTraitanceDeclaree: false,
        actesSousTraitance: [
          {
            acteSousTraitance: {
              id: 1,
              sousTraitant: { typeIdentifiant: "SIRET", id: "20007067000019" },
              dureeMois: 6,
              dateNotification: "2024-07-01",
              montant: 12000,
              variationPrix: "Ferme",
            },
          },
        ],
      }),
    );
    expect(record.contract.sous_traitance_declaree).toBe(false);
    expect(record.subcontracting).toHaveLength(1);
    expect(problems(record)).toContain(
      `sousTraitanceDeclaree: ${SUBCONTRACTING_CONTRADICTION_PROBLEM}`,
    );
    const declared = contract(marche({ sousTraitanceDeclaree: true, actesSousTraitance: [] }));
    expect(problems(declared).some((p) => p.includes("sousTraitanceDeclaree"))).toBe(false);
  });
});

describe("concessions", () => {
  it("reads a valeurGlobale written as text", () => {
    const record = normaliseRecord(
      {
        position: 0,
        kindHint: null,
        value: {
          _type: "Contrat de concession",
          id: "2018-DSP-01",
          autoriteConcedante: { id: "20002298600018", nom: "CC du Grand Pic Saint Loup" },
          nature: "Délégation de service public",
          objet: "Gestion du service public de l'eau",
          valeurGlobale: "7789456.56",
          dateSignature: "2018-06-01",
          datePublicationDonnees: "2018-07-01",
          concessionnaires: [{ typeIdentifiant: "SIRET", id: "45220075100025" }],
        },
        raw: "{}",
      },
      "json-array",
      TEST_TODAY,
    );
    expect(record.type).toBe("concession");
    if (record.type === "concession") expect(record.concession.valeur_globale).toBe(7789456.56);
  });

  it("rejects the fictitious concessions of the test authority « Essentiel »", () => {
    const record = normaliseRecord(
      {
        position: 0,
        kindHint: "contrat-concession",
        value: {
          id: "2018123456789100",
          autoriteConcedante: { id: "35084735885911", nom: "Essentiel" },
        },
        raw: "{}",
      },
      "json-array",
      TEST_TODAY,
    );
    expect(record).toMatchObject({ type: "reject", reason: expect.stringMatching(/fictitious/) });
  });
});
