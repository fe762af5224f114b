// Each quirk that the source notes describe, checked on the real records that carry it, in a
// database built from all the shipped samples.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestDb, type TestDb } from "../helpers/samples-db.ts";
import { fixture } from "../helpers/fixtures.ts";

let t: TestDb;
beforeAll(async () => {
  t = await buildTestDb();
});
afterAll(() => t?.cleanup());

/** Field issues of one source (file name fragment), for one problem. */
async function issues(source: string, problem: string) {
  return t.query(
    "SELECT field, raw_value, action FROM field_issues WHERE source LIKE $1 AND problem LIKE $2 ORDER BY position",
    [`%${source}%`, `%${problem}%`],
  );
}

describe("v1 AIFE/PLACE (the dirtiest source)", () => {
  it("flags U+FFFD in objet and acheteur.nom but keeps the text", async () => {
    const rows = await issues("aife", "U+FFFD");
    expect(rows.filter((r) => r.field === "acheteur.nom").length).toBeGreaterThan(900);
    expect(rows.every((r) => r.action === "flagged")).toBe(true);
    const [kept] = await t.query(
      "SELECT count(*) AS n FROM contracts WHERE acheteur_nom LIKE '%\ufffd%'",
    );
    expect(kept.n).toBeGreaterThan(0);
  });

  it("restores the leading zero of 7-digit CPV codes", async () => {
    const rows = await issues("aife", "7 digits");
    expect(rows.length).toBeGreaterThanOrEqual(90);
    const [row] = await t.query(
      "SELECT code_cpv FROM contracts c JOIN field_issues f USING (uid) WHERE f.raw_value = '9310000' LIMIT 1",
    );
    expect(row.code_cpv).toBe("09310000");
  });

  it("removes spaces around a SIRET and maps TVA_INTRACOMMUNAUTAIRE to TVA", async () => {
    const rows = await t.query(
      `SELECT s.titulaire_id, s.type_identifiant FROM contract_suppliers s
         JOIN field_issues f ON f.uid = s.uid AND f.raw_value = ' 77567706500119 '`,
    );
    // The SIRET published with spaces is stored without them, on the contract that carried it.
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.titulaire_id)).toContain("77567706500119");
    expect(
      (await issues("aife", "spaces inside or around a SIRET")).map((r) => r.raw_value),
    ).toContain(" 77567706500119 ");
    expect(
      (await issues("aife", "non-standard wording")).some(
        (r) => r.raw_value === "TVA_INTRACOMMUNAUTAIRE",
      ),
    ).toBe(true);
  });

  it("rejects the fictitious test records, concessions included, with their raw text", async () => {
    const rows = await t.query(
      "SELECT reason, kind, count(*) AS n FROM rejects WHERE source LIKE '%aife%' GROUP BY ALL ORDER BY ALL",
    );
    // 61 marchés and 18 concessions of the test buyer « Essentiel » (valeurGlobale written as
    // text, e.g. "7789456.56"); one marché without a buyer. No real contract is rejected for
    // its id any more: see the next test.
    expect(rows).toEqual([
      {
        reason: "fictitious test record published by mistake (see fictitious-records.ts)",
        kind: "contrat-concession",
        n: 18,
      },
      {
        reason: "fictitious test record published by mistake (see fictitious-records.ts)",
        kind: "marche",
        n: 61,
      },
      { reason: "missing buyer id (acheteur.id)", kind: "marche", n: 1 },
    ]);
    const served = await t.query(
      "SELECT count(*) AS n FROM concessions WHERE autorite_concedante_nom = 'Essentiel'",
    );
    expect(served[0].n).toBe(0);
    const [raw] = await t.query(
      "SELECT raw FROM rejects WHERE reason LIKE 'fictitious%' AND kind = 'marche' LIMIT 1",
    );
    expect(JSON.parse(String(raw.raw)).acheteur.nom).toBe("Essentiel");
  });

  it("keeps the real concessions published without an id, under a key derived from the content", async () => {
    const rows = await t.query(
      `SELECT c.autorite_concedante_nom AS nom, c.id, c.uid, c.uid_derivation, f.problem
         FROM concessions c JOIN field_issues f ON f.uid = c.uid AND f.field = 'id'
        WHERE c.source LIKE '%aife%' AND c.id IS NULL ORDER BY c.uid`,
    );
    // CC du Grand Pic Saint Loup, Mairie de Saint Jean, and two of the CC de la Côte d'Albâtre.
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.nom)).toContain("CC du Grand Pic Saint Loup");
    for (const row of rows) {
      expect(row.uid).toMatch(/^\d{14}~[0-9a-f]{12}$/);
      expect(row.uid_derivation).toBe("placeholder_id");
      expect(row.problem).toMatch(/contract id missing or generic/);
    }
  });

  it("counts exact and key duplicates instead of loading them twice", async () => {
    const [row] = await t.query("SELECT count(*) AS n FROM duplicates WHERE source LIKE '%aife%'");
    expect(row.n).toBeGreaterThanOrEqual(167);
    const [dups] = await t.query("SELECT count(*) - count(DISTINCT uid) AS extra FROM contracts");
    expect(dups.extra).toBe(0);
  });
});

describe("v1 PES DGFiP", () => {
  it("strips the time-zone suffix of every date", async () => {
    const rows = await issues("pes-dgfip-2019", "time-zone");
    expect(rows.length).toBeGreaterThan(2000);
    expect(rows.every((r) => /[+-]\d\d:\d\d$/.test(String(r.raw_value)))).toBe(true);
  });

  it("nulls the placeholder amount 999999999", async () => {
    const [row] = await t.query(
      "SELECT montant, montant_suspect FROM contracts WHERE id = '2018E030000'",
    );
    expect(row).toEqual({ montant: null, montant_suspect: true });
    expect((await issues("pes-dgfip-2019", "placeholder")).map((r) => r.raw_value)).toContain(
      "999999999",
    );
  });

  it("keeps CPV codes written with their check digit", async () => {
    const [row] = await t.query(
      "SELECT count(*) AS n FROM contracts WHERE source LIKE '%pes-dgfip-2019%' AND code_cpv LIKE '________' ",
    );
    expect(row.n).toBeGreaterThan(1000);
  });

  it("flags junk place codes and leaves the département empty", async () => {
    const rows = await issues("pes-dgfip-2019", "place code not found");
    expect(rows.map((r) => r.raw_value)).toEqual(expect.arrayContaining(["DEP", "FRK26"]));
  });
});

describe("v1 marches-publics.info (AWS)", () => {
  it("nulls impossible years such as 0218-10-29", async () => {
    expect((await issues("aws", "impossible year")).map((r) => r.raw_value)).toContain(
      "0218-10-29",
    );
  });

  it("pads 2019-1-1 and flags a 1.5-month duration", async () => {
    expect((await issues("aws", "leading zeros")).map((r) => r.raw_value)).toContain("2019-1-1");
    expect((await issues("aws", "whole number of months")).map((r) => r.raw_value)).toContain(
      "1.5",
    );
  });

  it("decodes HTML entities and cuts the check digit of 9-digit CPV codes", async () => {
    const rows = await t.query(
      `SELECT c.objet, f.raw_value FROM contracts c
         JOIN field_issues f ON f.uid = c.uid AND f.field = 'objet' AND f.problem = 'HTML entity in text'
        WHERE f.raw_value LIKE '%4 540 000&euro;%'`,
    );
    // The published text carried "&euro;"; the stored one the euro sign, the rest unchanged.
    expect(rows).toHaveLength(1);
    expect(rows[0].objet).toBe(String(rows[0].raw_value).replace("&euro;", "€"));
    expect((await issues("aws", "check digit")).map((r) => r.raw_value)).toContain("031210005");
  });

  it("flags titulaire SIRETs of 13 or 15 digits", async () => {
    expect((await issues("aws", "SIRET of 13 digits")).length).toBeGreaterThan(0);
    expect((await issues("aws", "SIRET of 15 digits")).length).toBeGreaterThan(0);
  });

  it("keeps a titulaire listed several times on one contract once, and logs each repeat", async () => {
    const repeats = await issues("aws", "listed again under the same id");
    expect(repeats.length).toBeGreaterThan(0);
    expect(repeats.every((r) => r.action === "repaired")).toBe(true);
    // No contract of any source holds an id twice, and the contract of the repeats counts its
    // titulaire once: the whole amount is its, as on the buyer's page.
    const [twice] = await t.query(
      `SELECT count(*) AS n FROM (SELECT uid, titulaire_id FROM contract_suppliers
        WHERE titulaire_id IS NOT NULL GROUP BY ALL HAVING count(*) > 1)`,
    );
    expect(Number(twice?.n)).toBe(0);
    const [contract] = await t.query(
      `SELECT c.titulaires_count, count(s.position) AS rows FROM contracts c
         JOIN contract_suppliers s USING (uid) WHERE c.uid = '200070589000112018ASS000100'
        GROUP BY ALL`,
    );
    expect(contract).toEqual({ titulaires_count: 1, rows: 1 });
  });

  it("resolves the records also published by the PES source as duplicates", async () => {
    const [row] = await t.query(
      "SELECT count(*) AS n FROM duplicates WHERE source LIKE '%aws%' AND kept_source LIKE '%pes-dgfip%'",
    );
    expect(row.n).toBeGreaterThanOrEqual(176);
  });
});

describe("v1 e-marchespublics", () => {
  it("maps the 2019 wording of the no-publicity procedure to the same code as 2024", async () => {
    const rows = await t.query(
      "SELECT DISTINCT procedure_raw FROM contracts WHERE procedure = 'sans_publicite' ORDER BY 1",
    );
    expect(rows.map((r) => r.procedure_raw)).toEqual(
      expect.arrayContaining([
        "Marché négocié sans publicité ni mise en concurrence préalable",
        "Marché passé sans publicité ni mise en concurrence préalable",
      ]),
    );
  });
});

describe("v2 Dematis daily files", () => {
  it("keeps only the latest published version of a contract republished in several files", async () => {
    const rows = await t.query(
      "SELECT date_publication_donnees, source FROM contracts WHERE acheteur_id = '45220075100025' AND id = '23-239'",
    );
    expect(rows).toEqual([
      {
        date_publication_donnees: "2024-07-23",
        source: "data/samples/real-v2-dematis-daily-2024-07-23.json",
      },
    ]);
    const [dups] = await t.query(
      "SELECT count(*) AS n FROM duplicates WHERE uid = '4522007510002523-239'",
    );
    expect(dups.n).toBe(3);
  });

  it("takes the latest amount when it changed between files", async () => {
    const [row] = await t.query("SELECT montant FROM contracts WHERE id = '24-1033429'");
    expect(row.montant).toBe(224989);
  });

  it("flags modification amounts that are deltas, keeps the last trusted total as the amount", async () => {
    const [row] = await t.query(
      `SELECT montant, montant_initial, montant_suspect, montant_modification_ecartee
         FROM contracts WHERE id = '2023-956352-04'`,
    );
    // The last trusted total (here the initial amount) stays the contract's amount, flagged, and
    // is not a suspect amount: the contract stays in every amount figure.
    expect(row).toEqual({
      montant: 1338139,
      montant_initial: 1338139,
      montant_suspect: false,
      montant_modification_ecartee: true,
    });
    const mods = await t.query(
      "SELECT count(*) AS n FROM contract_modifications m JOIN contracts c USING (uid) WHERE c.id = '2023-956352-04' AND montant_suspect_delta",
    );
    expect(mods[0].n).toBeGreaterThanOrEqual(3);
  });

  it("flags sous-traitant ids that are names, SIRENs or spaced", async () => {
    const rows = await t.query(
      "SELECT DISTINCT raw_value, problem FROM field_issues WHERE field LIKE '%sousTraitant.id' ORDER BY 1",
    );
    const byValue = Object.fromEntries(rows.map((r) => [r.raw_value, r.problem]));
    expect(byValue.OTIS).toMatch(/not a SIRET/);
    expect(byValue["753830346"]).toMatch(/SIREN/);
    expect(byValue["490 626 199 00049"]).toMatch(/spaces/);
  });

  it("keeps the 2024 fields, with blank never read as 'no'", async () => {
    const [row] =
      await t.query(`SELECT count(*) FILTER (WHERE considerations_sociales IS NOT NULL) AS filled,
        count(*) FILTER (WHERE list_contains(considerations_sociales, 'aucune')) AS explicit_no
      FROM contracts WHERE decp_format = 'v2'`);
    expect(row.filled).toBeGreaterThan(900);
    expect(row.explicit_no).toBeGreaterThan(800);
    const [v1] = await t.query(
      "SELECT count(considerations_sociales) AS filled FROM contracts WHERE decp_format = 'v1'",
    );
    expect(v1.filled).toBe(0);
  });
});

describe("hand-made fixtures and the hybrid record", () => {
  // Test inputs only (tests/fixtures/decp): never part of the served data.
  let f: TestDb;
  const fixtureIssues = (problem: string) =>
    f.query(
      "SELECT field, raw_value, action FROM field_issues WHERE source LIKE '%fixture-decp-processing%' AND problem LIKE $1 ORDER BY position",
      [`%${problem}%`],
    );
  beforeAll(async () => {
    f = await buildTestDb(
      [
        "fixture-decp-processing-2019format.json",
        "fixture-decp-processing-2022format.json",
        "real-hybrid-v1v2-2024-single-record.xml",
      ].map(fixture),
    );
  });
  afterAll(() => f?.cleanup());

  it("expands a flattened acheteur.id and unnests titulaires nested in lists", async () => {
    const [row] = await f.query(
      "SELECT acheteur_id, titulaires_count FROM contracts WHERE id = '2019_83935401'",
    );
    expect(row).toEqual({ acheteur_id: "21500222100012", titulaires_count: 1 });
  });

  it("nulls dureeMois NC, montant 1e17 and offresRecues 0, and reads marcheInnovant 'non'", async () => {
    const problems = (await fixtureIssues("")).map((r) => `${r.field}=${r.raw_value}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        "dureeMois=NC",
        "montant=100000000000000000",
        "offresRecues=0",
        "marcheInnovant=non",
        "concessionnaires=NaN",
      ]),
    );
  });

  it("reads whitespace-only XML elements as not filled", async () => {
    const [row] = await f.query(
      "SELECT attribution_avance, techniques, acheteur_nom FROM contracts WHERE source LIKE '%hybrid%'",
    );
    expect(row).toEqual({
      attribution_avance: null,
      techniques: null,
      acheteur_nom: "CC DU PAYS DE DOL ET DE LA BAIE DU MONT SAINT-MICHEL",
    });
  });

  it("derives the département and région of execution", async () => {
    const [row] = await f.query(
      "SELECT departement, region FROM contracts WHERE source LIKE '%hybrid%'",
    );
    expect(row).toEqual({ departement: "35", region: "53" });
  });
});
