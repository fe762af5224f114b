// Distinct contracts are never merged because of their identifier: empty and placeholder ids get a
// key derived from the buyer and the content, lots published under one id the same day each stay
// a contract, and records that really are the same contract are still duplicates. Checked on a
// whole run, against figures computed here from the files themselves.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { formatSummary } from "../../etl/summary.ts";
import { fixture } from "../helpers/fixtures.ts";
import { buildTestDb, type TestDb } from "../helpers/samples-db.ts";

// Written for this project from the pattern of a real 2019 municipal file (a third of its
// contracts with "id": "", "000000000000" or "2019050000000000"), which the samples lack:
// 8 records, one of them an exact copy; the second file republishes one contract later.
const MUNICIPAL = fixture("pattern-v1-municipal-placeholder-ids.json");
const REPUBLISHED = fixture("pattern-v1-municipal-placeholder-ids-republished.json");
// Real: the 2024 Dematis file where 47 records share the id 2024-OCC010-00 and 5 the id 2024-15.
const LOTS = join(SAMPLES_DIR, "real-v2-dematis-2024-07-02-with-_type.json");

interface RawMarche {
  id: string;
  acheteur: { id: string };
  objet: string;
  montant: number;
  dateNotification: string;
  datePublicationDonnees: string;
  titulaires: ({ titulaire: { id: string | number } } | { id: string })[];
}

const readMarches = (path: string): RawMarche[] => {
  const body = JSON.parse(readFileSync(path, "utf8")) as { marches: unknown };
  const marches = body.marches as RawMarche[] | { marche: RawMarche[] };
  return Array.isArray(marches) ? marches : marches.marche;
};

/** What tells two publications apart, computed from the raw records without the ETL's code. */
const content = (m: RawMarche) =>
  JSON.stringify([
    m.objet.trim(),
    m.montant,
    m.dateNotification,
    m.titulaires.map((t) => String("titulaire" in t ? t.titulaire.id : t.id)).sort(),
  ]);

let t: TestDb;
beforeAll(async () => {
  t = await buildTestDb([MUNICIPAL, REPUBLISHED, LOTS]);
});
afterAll(() => t?.cleanup());

describe("ids that identify nothing", () => {
  it("keeps every distinct contract of the municipal file, and merges only true copies", async () => {
    const records = readMarches(MUNICIPAL);
    const distinct = new Map(records.map((m) => [content(m), m]));
    const [row] = await t.query(
      `SELECT count(*) AS n, sum(montant) AS amount FROM contracts WHERE source LIKE '%municipal-placeholder-ids.json'
         OR source LIKE '%municipal-placeholder-ids-republished.json'`,
    );
    // 8 records, one exact copy: 7 contracts; the republication replaces its earlier version.
    expect(distinct.size).toBe(7);
    expect(row.n).toBe(distinct.size);
    const total = [...distinct.values()].reduce((sum, m) => sum + m.montant, 0);
    expect(row.amount).toBe(total);
  });

  it("flags each of them and keeps the id as published", async () => {
    const rows = await t.query(
      `SELECT c.id, c.uid, c.uid_derivation,
              (SELECT any_value(f.problem) FROM field_issues f
                WHERE f.uid = c.uid AND f.field = 'id' AND f.source = c.source) AS problem
         FROM contracts c WHERE c.acheteur_id = '21350238800019' ORDER BY c.date_notification`,
    );
    const derived = rows.filter((r) => r.uid_derivation === "placeholder_id");
    expect(derived).toHaveLength(6);
    expect(derived.map((r) => r.id)).toEqual([
      null,
      null,
      "000000000000",
      "2019050000000000",
      "000000000000",
      "2019050000000000",
    ]);
    for (const r of derived) {
      expect(String(r.uid)).toMatch(/^21350238800019\d*~[0-9a-f]{12}$/);
      expect(r.problem).toMatch(/contract id missing or generic/);
    }
    const plain = rows.find((r) => r.id === "2019-0007");
    expect(plain).toMatchObject({ uid: "213502388000192019-0007", uid_derivation: null });
  });

  it("keeps the latest publication of a republished contract under the same derived key", async () => {
    const rows = await t.query(
      `SELECT c.date_publication_donnees AS published, c.source, d.source AS dropped
         FROM contracts c JOIN duplicates d ON d.uid = c.uid
        WHERE c.objet = 'Maintenance des installations de chauffage'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].published).toBe("2019-07-15");
    expect(String(rows[0].source)).toMatch(/republished/);
  });
});

describe("lots published under one id (real 2024 daily file)", () => {
  it("keeps each lot of 2024-OCC010-00 and 2024-15, and merges identical records only", async () => {
    const records = readMarches(LOTS).filter((m) => ["2024-OCC010-00", "2024-15"].includes(m.id));
    expect(records).toHaveLength(52);
    expect(new Set(records.map((m) => m.datePublicationDonnees)).size).toBe(1);
    const distinct = new Map(records.map((m) => [content(m), m]));
    const [row] = await t.query(
      `SELECT count(*) AS n, sum(montant) AS amount, count(DISTINCT uid) AS keys,
              count(*) FILTER (WHERE uid_derivation = 'shared_id') AS flagged
         FROM contracts WHERE id IN ('2024-OCC010-00', '2024-15')`,
    );
    expect(row.n).toBe(distinct.size);
    expect(row.keys).toBe(distinct.size);
    expect(row.flagged).toBe(distinct.size);
    const total = [...distinct.values()].reduce((sum, m) => sum + m.montant, 0);
    expect(row.amount).toBeCloseTo(total, 2);
    // Before: 2 contracts. Now every distinct lot counts, and its amount with it.
    expect(distinct.size).toBeGreaterThan(40);
  });

  it("logs why each lot got its own key, on the kept key", async () => {
    const [row] = await t.query(
      `SELECT count(*) AS n FROM field_issues f JOIN contracts c USING (uid)
        WHERE c.id = '2024-OCC010-00' AND f.field = 'id' AND f.problem LIKE 'contract id shared by several lots%'`,
    );
    const [kept] = await t.query("SELECT count(*) AS n FROM contracts WHERE id = '2024-OCC010-00'");
    expect(Number(row.n)).toBeGreaterThanOrEqual(Number(kept.n));
  });
});

describe("the run summary", () => {
  it("counts the contracts kept under a derived key, per source and why", () => {
    const bySource = Object.fromEntries(
      t.report.sources.map((s) => [s.source.split("/").at(-1), s.derived_keys]),
    );
    expect(bySource["pattern-v1-municipal-placeholder-ids.json"]).toEqual({
      placeholder_id: 5,
      shared_id: 0,
    });
    expect(bySource["pattern-v1-municipal-placeholder-ids-republished.json"]).toEqual({
      placeholder_id: 1,
      shared_id: 0,
    });
    expect(bySource["real-v2-dematis-2024-07-02-with-_type.json"]?.shared_id).toBeGreaterThan(40);
    const text = formatSummary(t.report);
    expect(text).toMatch(/key_placeholder_id\s+key_shared_id/);
    expect(text).toMatch(/kept under a key derived from the\s+buyer and the content/);
  });
});
