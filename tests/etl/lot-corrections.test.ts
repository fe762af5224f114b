// Lots published under one id, one of them republished later with a field corrected: the
// correction replaces its lot (one contract, the latest version), and only when nothing else
// could be meant; two lots are never merged. A whole run on records written here, whose contracts
// are counted by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORRECTED_LOT_PROBLEM } from "../../etl/normalise/problems.ts";
import { writeTestInput } from "../helpers/etl-cache.ts";
import { buildTestDb, type TestDb } from "../helpers/samples-db.ts";

const BUYER = "21350238800019";

/** A 2019-format marché of the buyer; `titulaire` a valid SIRET. */
function marche(id: string, objet: string, montant: number, published: string, titulaire: string) {
  return {
    id,
    acheteur: { id: BUYER, nom: "Ville de Rennes" },
    nature: "Marché",
    objet,
    codeCPV: "45233140",
    procedure: "Procédure adaptée",
    lieuExecution: { code: "35238", typeCode: "Code commune", nom: "Rennes" },
    dureeMois: 12,
    dateNotification: "2021-02-15",
    datePublicationDonnees: published,
    montant,
    formePrix: "Ferme",
    titulaires: [{ typeIdentifiant: "SIRET", id: titulaire, denominationSociale: "TITULAIRE" }],
    modifications: [],
  };
}

const X = "13002793100018";
const Y = "77567706500119";

const RECORDS = [
  // Two lots the same day, then lot 1 republished with its objet corrected: 2 contracts.
  marche("2021-LOTS", "Lot 1 : voirie", 100_000, "2021-03-01", X),
  marche("2021-LOTS", "Lot 2 : éclairage", 50_000, "2021-03-01", Y),
  marche("2021-LOTS", "Lot 1 : voirie et trottoirs", 100_000, "2021-04-01", X),
  // Two lots that differ by their amount only; a later amount could correct either: 3 contracts.
  marche("2021-AMBIG", "Lot 1 : peinture", 20_000, "2021-03-01", X),
  marche("2021-AMBIG", "Lot 1 : peinture", 30_000, "2021-03-01", X),
  marche("2021-AMBIG", "Lot 1 : peinture", 25_000, "2021-04-01", X),
  // Two records of one later day, each one field from lot 1: two more lots, 4 contracts.
  marche("2021-TWO", "Lot 1 : toiture", 70_000, "2021-03-01", X),
  marche("2021-TWO", "Lot 2 : zinguerie", 10_000, "2021-03-01", Y),
  marche("2021-TWO", "Lot 3 : toiture", 70_000, "2021-05-01", X),
  marche("2021-TWO", "Lot 1 : toiture", 75_000, "2021-05-01", X),
  // Lot 1 corrected twice (objet, then amount): each correction replaces the one before, 2 contracts.
  marche("2021-CHAIN", "Lot 1 : chauffage", 40_000, "2021-03-01", X),
  marche("2021-CHAIN", "Lot 2 : ventilation", 35_000, "2021-03-01", Y),
  marche("2021-CHAIN", "Lot 1 : chauffage central", 40_000, "2021-04-01", X),
  marche("2021-CHAIN", "Lot 1 : chauffage central", 42_000, "2021-05-01", X),
];

let t: TestDb;
beforeAll(async () => {
  const input = writeTestInput(
    "lot-corrections.json",
    JSON.stringify({ marches: RECORDS }, null, 1),
  );
  t = await buildTestDb([input]);
});
afterAll(() => t?.cleanup());

const contractsOf = (id: string) =>
  t.query("SELECT objet, montant FROM contracts WHERE id = $1 ORDER BY objet, montant", [id]);

describe("a lot republished later with one field corrected", () => {
  it("replaces the lot it corrects: one contract, its latest version, the amount once", async () => {
    expect(await contractsOf("2021-LOTS")).toEqual([
      { objet: "Lot 1 : voirie et trottoirs", montant: 100_000 },
      { objet: "Lot 2 : éclairage", montant: 50_000 },
    ]);
    const dropped = await t.query(
      `SELECT d.uid, k.objet FROM duplicates d JOIN contracts k USING (uid) WHERE k.id = '2021-LOTS'`,
    );
    expect(dropped.map((d) => d.objet)).toEqual(["Lot 1 : voirie et trottoirs"]);
  });

  it("says which field was corrected, on the kept contract", async () => {
    const issues = await t.query(
      `SELECT c.id, f.field, f.raw_value FROM field_issues f JOIN contracts c USING (uid)
        WHERE f.problem = $1 ORDER BY c.id, f.field`,
      [CORRECTED_LOT_PROBLEM],
    );
    expect(issues).toEqual([
      { id: "2021-CHAIN", field: "montant", raw_value: "42000" },
      { id: "2021-CHAIN", field: "objet", raw_value: "Lot 1 : chauffage central" },
      { id: "2021-LOTS", field: "objet", raw_value: "Lot 1 : voirie et trottoirs" },
    ]);
  });

  it("follows corrections of corrections back to the first lot", async () => {
    expect(await contractsOf("2021-CHAIN")).toEqual([
      { objet: "Lot 1 : chauffage central", montant: 42_000 },
      { objet: "Lot 2 : ventilation", montant: 35_000 },
    ]);
  });
});

describe("what is not surely a correction stays a contract of its own", () => {
  it("a later record that could correct either of two lots", async () => {
    expect(await contractsOf("2021-AMBIG")).toEqual([
      { objet: "Lot 1 : peinture", montant: 20_000 },
      { objet: "Lot 1 : peinture", montant: 25_000 },
      { objet: "Lot 1 : peinture", montant: 30_000 },
    ]);
  });

  it("two records of one day that would each correct the same lot", async () => {
    expect(await contractsOf("2021-TWO")).toHaveLength(4);
  });

  it("every record is read, and each one not kept is listed as a duplicate of a kept one", () => {
    const [source] = t.report.sources;
    expect(source.records_read).toBe(RECORDS.length);
    // 2 + 3 + 4 + 2 contracts; 14 records.
    expect(source.loaded).toBe(11);
    expect(source.duplicates).toBe(3);
  });
});
