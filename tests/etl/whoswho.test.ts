// The who's who of the samples' snapshot against an independent computation: the raw 2024-format
// records joined in JavaScript with the shipped reference files (tests/helpers/reference-files.ts).
// Names, buyer types, sizes and locations must be what the files say, unknown must stay NULL, and
// the coverage the run reports must be the share computed here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestDb, type TestDb } from "../helpers/samples-db.ts";
import {
  collectivites,
  departementBySiret,
  feedFacts,
  rawV2Contracts,
  sireneNameBySiren,
  sizeBySiren,
} from "../helpers/reference-files.ts";

let t: TestDb;
beforeAll(async () => {
  t = await buildTestDb();
});
afterAll(() => t.cleanup());

const raw = rawV2Contracts();

describe("buyers of the 2024-format samples", () => {
  it("are named and typed as the collectivités lists say, located in their département", async () => {
    const lists = collectivites();
    const expected = [...new Set(raw.map((c) => c.acheteur))]
      .filter((id) => lists.has(id.slice(0, 9)))
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const rows = await t.query(
      `SELECT acheteur_id, nom, type_acheteur, departement, nom_origine FROM buyers
       WHERE acheteur_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY acheteur_id`,
      [`[${expected.join(",")}]`],
    );
    expect(rows.map((r) => r.acheteur_id)).toEqual(expected);
    for (const row of rows) {
      const list = lists.get(String(row.acheteur_id).slice(0, 9));
      expect(row.nom).toBe(list?.nom);
      expect(row.type_acheteur).toBe(list?.type);
      expect(row.departement).toBe(list?.departement);
      expect(String(row.nom_origine)).toMatch(/^collectivites:/);
    }
  });

  it("a région, a département or a commune is named as the body that buys, not as its territory", async () => {
    // The lists say « Bretagne », « Ain », « Allues »: a reader must not take the région for a
    // place, nor the département's council for one of its towns. Each article of the COG appears
    // once here, for départements and for communes.
    const expected: Record<string, string> = {
      "233500016": "Région Bretagne",
      "200055507": "Collectivité territoriale de Martinique",
      "200076958": "Collectivité de Corse",
      "220100010": "Département de l'Ain",
      "223700014": "Département d'Indre-et-Loire",
      "225900018": "Département du Nord",
      "223300013": "Département de la Gironde",
      "224000018": "Département des Landes",
      "229850003": "Département de Mayotte",
      // Paris is a commune and a département at once: the Ville de Paris, not « Département de ».
      "217500016": "Ville de Paris",
      // A town's article contracts after « de » (Le, Les) or keeps its capital (La, L'), as
      // SIRENE's « COMMUNE DU BARCARES » and « COMMUNE DE LA BOLLENE VESUBIE ».
      "213500093": "Commune de Baguer-Morvan",
      "219400017": "Commune d'Ablon-sur-Seine",
      "216600171": "Commune du Barcarès",
      "217300151": "Commune des Allues",
      "210600201": "Commune de La Bollène-Vésubie",
      "219503133": "Commune de L'Isle-Adam",
    };
    const rows = await t.query(
      `SELECT DISTINCT left(acheteur_id, 9) AS siren, nom FROM buyers
       WHERE left(acheteur_id, 9) IN (SELECT unnest($1::VARCHAR[])) ORDER BY 1`,
      [`[${Object.keys(expected).join(",")}]`],
    );
    expect(Object.fromEntries(rows.map((r) => [r.siren, r.nom]))).toEqual(expected);
  });

  it("without a reference nor a published name stay unnamed and untyped (NULL)", async () => {
    const lists = collectivites();
    // Nor named by a tabular feed, for that SIRET or another of its company.
    const feedSirens = new Set([...feedFacts().names.keys()].map((id) => id.slice(0, 9)));
    const unknown = [...new Set(raw.map((c) => c.acheteur))].filter(
      (id) => !lists.has(id.slice(0, 9)) && !feedSirens.has(id.slice(0, 9)),
    );
    const [row] = await t.query(
      `SELECT count(*) AS n, count(type_acheteur) AS typed FROM buyers
       WHERE acheteur_id IN (SELECT unnest($1::VARCHAR[]))
         AND acheteur_id NOT IN (SELECT acheteur_id FROM contracts WHERE acheteur_nom IS NOT NULL)
         AND left(acheteur_id, 9) NOT IN (SELECT left(acheteur_id, 9) FROM contracts WHERE acheteur_nom IS NOT NULL)`,
      [`[${unknown.join(",")}]`],
    );
    expect(Number(row.n)).toBeGreaterThan(0);
    expect(Number(row.typed)).toBe(0);
    const [named] = await t.query(
      `SELECT count(nom) AS n FROM buyers WHERE acheteur_id IN (SELECT unnest($1::VARCHAR[]))
         AND acheteur_id NOT IN (SELECT acheteur_id FROM contracts WHERE acheteur_nom IS NOT NULL)
         AND left(acheteur_id, 9) NOT IN (SELECT left(acheteur_id, 9) FROM contracts WHERE acheteur_nom IS NOT NULL)`,
      [`[${unknown.join(",")}]`],
    );
    expect(Number(named.n)).toBe(0);
  });
});

describe("titulaires of the 2024-format samples", () => {
  it("have the size category SIRENE gives their company, and NULL when it gives none", async () => {
    const sizes = sizeBySiren();
    const ids = [...new Set(raw.flatMap((c) => c.titulaires))].filter((id) => /^\d{14}$/.test(id));
    const rows = await t.query(
      `SELECT titulaire_id, categorie_entreprise FROM titulaires
       WHERE titulaire_id IN (SELECT unnest($1::VARCHAR[]))`,
      [`[${ids.join(",")}]`],
    );
    const got = new Map(rows.map((r) => [String(r.titulaire_id), r.categorie_entreprise]));
    let known = 0;
    for (const id of ids) {
      const want = sizes.get(id.slice(0, 9)) ?? null;
      if (want) known++;
      // Ids that are not valid SIRETs (check digit) keep no SIREN: the ETL leaves them unknown.
      if (got.has(id) && got.get(id) !== null) expect(got.get(id)).toBe(want);
    }
    const gotKnown = [...got.values()].filter((v) => v !== null).length;
    expect(gotKnown).toBeGreaterThan(0);
    expect(gotKnown).toBeLessThanOrEqual(known);
    expect(known - gotKnown).toBeLessThan(known * 0.02);
  });

  it("are located in the département of their SIRENE establishment", async () => {
    const deps = departementBySiret();
    const ids = [...new Set(raw.flatMap((c) => c.titulaires))].filter((id) => deps.has(id));
    expect(ids.length).toBeGreaterThan(0);
    const rows = await t.query(
      `SELECT titulaire_id, departement FROM titulaires WHERE titulaire_id IN (SELECT unnest($1::VARCHAR[]))`,
      [`[${ids.join(",")}]`],
    );
    expect(rows.length).toBe(ids.length);
    for (const row of rows) expect(row.departement).toBe(deps.get(String(row.titulaire_id)));
  });
});

describe("coverage", () => {
  it("is the share of contracts whose buyer is named, as counted here", async () => {
    const contracts = await t.query(
      "SELECT acheteur_id, decp_format::VARCHAR AS f, acheteur_nom FROM contracts",
    );
    const lists = collectivites();
    const sirene = sireneNameBySiren();
    // A tabular feed names the ids it publishes, even in a record dropped as a duplicate.
    const feedNames = feedFacts().names;
    const publishedSirets = new Set(
      contracts.filter((c) => c.acheteur_nom).map((c) => c.acheteur_id),
    );
    // A SIREN is the first nine digits of an id of 14 digits, or an id of 9 (a buyer published
    // under its SIREN); any other id is named only by its own published name.
    const sirenOf = (id: string) => (/^(\d{14}|\d{9})$/.test(id) ? id.slice(0, 9) : null);
    const publishedSirens = new Set(
      [...publishedSirets, ...feedNames.keys()].map((id) => sirenOf(String(id))),
    );
    const v2 = contracts.filter((c) => c.f === "v2");
    const named = v2.filter((c) => {
      const id = String(c.acheteur_id);
      const siren = sirenOf(id);
      return (
        publishedSirets.has(id) ||
        feedNames.has(id) ||
        (siren !== null && (lists.has(siren) || sirene.has(siren) || publishedSirens.has(siren)))
      );
    }).length;
    const row = t.report.coverage.find((r) => r.scope === "v2");
    expect(row?.contracts).toBe(v2.length);
    expect(row?.covered.buyer_named.contracts).toBe(named);
    expect(t.report.coverage[0].scope).toBe("all");
    expect(t.report.coverage[0].contracts).toBe(contracts.length);
  });

  it("lists every reference file the run read, with its hash and rows kept", () => {
    const kinds = t.report.references.map((r) => r.kind);
    expect(kinds).toContain("sirene_unites_legales");
    expect(kinds).toContain("communes");
    for (const r of t.report.references) expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    const communes = t.report.references.find((r) => r.kind === "communes");
    expect(communes?.rows_kept).toBe(34935);
  });
});
