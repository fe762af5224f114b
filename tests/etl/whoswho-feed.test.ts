// A tabular feed as a source of the who's who (etl/sql/enrich-feed.sql): the names and places
// decp.info publishes in the shipped sample name and place its buyers and titulaires that SIRENE
// and the collectivités lists do not know, with the feed's file as their origin, and never over a
// register. Checked against a second reading of the CSV in plain JavaScript.
// @module-tag slow
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestDb, type TestDb } from "../helpers/samples-db.ts";
import { readCsv } from "../helpers/read-csv.ts";
import {
  collectivites,
  departementBySiret,
  readCsv as readReference,
  sireneNameBySiren,
} from "../helpers/reference-files.ts";

const FILE = "data/samples/real-flat-decp-info-2024H2-travaux-cpv4521.csv";
const ORIGIN = `feed:${FILE}`;

let t: TestDb;
beforeAll(async () => {
  t = await buildTestDb();
});
afterAll(() => t.cleanup());

/** Per id: the distinct values the CSV gives in `valueColumn` (blanks left out). */
function valuesById(idColumn: string, valueColumn: string): Map<string, Set<string>> {
  const csv = readCsv(join(import.meta.dirname, "..", "..", FILE), ",");
  const id = csv.header.indexOf(idColumn);
  const value = csv.header.indexOf(valueColumn);
  const map = new Map<string, Set<string>>();
  for (const row of csv.rows) {
    const key = row[id]?.replace(/\s/g, "");
    const v = row[value]?.trim();
    if (!key || !v) continue;
    map.set(key, (map.get(key) ?? new Set()).add(v));
  }
  return map;
}

/** Ids with exactly one value in the CSV: the value the feed gives them, whatever the counting. */
function singleValued(map: Map<string, Set<string>>): Map<string, string> {
  return new Map(
    [...map].filter(([, values]) => values.size === 1).map(([k, values]) => [k, [...values][0]]),
  );
}

const cogDepartements = new Set(readReference("cog2024-departements.csv").map((r) => r.DEP));

describe("titulaires a tabular feed places", () => {
  it("take the feed's département when SIRENE gives none, with the feed as origin", async () => {
    const sirene = departementBySiret();
    const feed = singleValued(valuesById("titulaire_id", "titulaire_departement_code"));
    const expected = [...feed].filter(
      ([id, dep]) => /^\d{14}$/.test(id) && !sirene.has(id) && cogDepartements.has(dep),
    );
    expect(expected.length).toBeGreaterThan(100);
    const rows = await t.query(
      `SELECT titulaire_id, departement, localisation_origine FROM titulaires
       WHERE titulaire_id IN (SELECT unnest($1::VARCHAR[]))`,
      [`[${expected.map(([id]) => id).join(",")}]`],
    );
    const got = new Map(rows.map((r) => [String(r.titulaire_id), r]));
    // The feed's facts come from every record it gave; titulaires holds the initial titulaires
    // of the contracts kept (a titulaire of a modification only, or of a record dropped as a
    // duplicate, is not there).
    expect(got.size).toBeGreaterThan(expected.length * 0.9);
    for (const [id, dep] of expected) {
      const row = got.get(id);
      if (!row) continue;
      expect(row.departement, id).toBe(dep);
      expect(row.localisation_origine).toBe(ORIGIN);
    }
  });

  it("keep the place SIRENE gives, whatever the feed says", async () => {
    const sirene = departementBySiret();
    const feed = singleValued(valuesById("titulaire_id", "titulaire_departement_code"));
    const both = [...feed.keys()].filter((id) => sirene.has(id));
    expect(both.length).toBeGreaterThan(0);
    const rows = await t.query(
      `SELECT titulaire_id, departement, localisation_origine FROM titulaires
       WHERE titulaire_id IN (SELECT unnest($1::VARCHAR[]))`,
      [`[${both.join(",")}]`],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.departement).toBe(sirene.get(String(row.titulaire_id)));
      expect(String(row.localisation_origine)).toMatch(/^sirene:/);
    }
  });

  it("are named as the feed names them when no register does", async () => {
    const registered = sireneNameBySiren();
    const names = singleValued(valuesById("titulaire_id", "titulaire_nom"));
    const expected = [...names].filter(([id]) => !registered.has(id.slice(0, 9)));
    const rows = await t.query(
      `SELECT titulaire_id, nom, nom_origine FROM titulaires
       WHERE titulaire_id IN (SELECT unnest($1::VARCHAR[])) AND starts_with(nom_origine, 'feed:')`,
      [`[${expected.map(([id]) => id).join(",")}]`],
    );
    expect(rows.length).toBeGreaterThan(1000);
    const want = new Map(expected);
    // Another feed (Région Bretagne's export) may name the same SIRET: its file is then the origin.
    for (const row of rows.filter((r) => r.nom_origine === ORIGIN)) {
      expect(row.nom).toBe(want.get(String(row.titulaire_id)));
    }
  });
});

describe("buyers a tabular feed names and places", () => {
  it("the feed names and places a buyer no register knows", async () => {
    const lists = collectivites();
    const registered = sireneNameBySiren();
    const names = singleValued(valuesById("acheteur_id", "acheteur_nom"));
    const deps = singleValued(valuesById("acheteur_id", "acheteur_departement_code"));
    const sirene = departementBySiret();
    const expected = [...names].filter(
      ([id]) => !lists.has(id.slice(0, 9)) && !registered.has(id.slice(0, 9)),
    );
    expect(expected.length).toBeGreaterThan(50);
    const rows = await t.query(
      `SELECT acheteur_id, nom, nom_origine, departement, localisation_origine FROM buyers
       WHERE acheteur_id IN (SELECT unnest($1::VARCHAR[]))`,
      [`[${expected.map(([id]) => id).join(",")}]`],
    );
    expect(rows.length).toBe(expected.length);
    const want = new Map(expected);
    for (const row of rows) {
      const id = String(row.acheteur_id);
      expect(row.nom).toBe(want.get(id));
      expect(row.nom_origine).toBe(ORIGIN);
      const dep = deps.get(id);
      // A SIRENE establishment places the buyer first.
      if (dep && cogDepartements.has(dep) && !sirene.has(id)) {
        expect(row.departement).toBe(dep);
        expect(row.localisation_origine).toBe(ORIGIN);
      }
    }
  });

  it("a collectivité keeps the name of the collectivités list, not the feed's", async () => {
    const lists = collectivites();
    const names = singleValued(valuesById("acheteur_id", "acheteur_nom"));
    const listed = [...names.keys()].filter((id) => lists.has(id.slice(0, 9)));
    expect(listed.length).toBeGreaterThan(0);
    const rows = await t.query(
      `SELECT acheteur_id, nom, nom_origine FROM buyers WHERE acheteur_id IN (SELECT unnest($1::VARCHAR[]))`,
      [`[${listed.join(",")}]`],
    );
    expect(rows.length).toBe(listed.length);
    for (const row of rows) {
      expect(row.nom).toBe(lists.get(String(row.acheteur_id).slice(0, 9))?.nom);
      expect(String(row.nom_origine)).toMatch(/^collectivites:/);
    }
  });
});
