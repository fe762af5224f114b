// Buyer, supplier and contract look-ups, checked against the snapshot itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../indicators/index.ts";
import { collectivites, readCsv } from "../helpers/reference-files.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

type Json = Record<string, unknown>;

let t: TestServer;
let buyer: string;
beforeAll(async () => {
  t = await startTestServer();
  // The buyer with the most contracts, whatever the samples hold.
  const [top] = await queryFile(
    t.dbPath,
    "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
  );
  buyer = String(top?.acheteur_id);
});
afterAll(() => t?.close());

describe("search", () => {
  it("finds buyers by name, whatever the accents and case", async () => {
    const [named] = await queryFile(
      t.dbPath,
      "SELECT acheteur_id, acheteur_nom FROM contracts WHERE acheteur_nom ILIKE '%ville de%' LIMIT 1",
    );
    const word = String(named?.acheteur_nom).toUpperCase();
    const body = await t.json<{ snapshot_id: string; buyers: Json[] }>(
      `/api/buyers?q=${encodeURIComponent(word)}`,
    );
    expect(body.snapshot_id).toBeTruthy();
    expect(body.buyers.map((b) => b.siret)).toContain(named?.acheteur_id);
  });

  it("finds buyers by the start of their SIRET, counting all their contracts", async () => {
    const [truth] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE acheteur_id = $1",
      [buyer],
    );
    const body = await t.json<{ buyers: Json[] }>(`/api/buyers?q=${buyer.slice(0, 9)}`);
    const found = body.buyers.find((b) => b.siret === buyer);
    expect(found?.contracts).toBe(truth?.n);
  });

  it("places each buyer found in its département, as the who's who does", async () => {
    const body = await t.json<{
      buyers: { siret: string; departement: string | null; departement_nom: string | null }[];
    }>("/api/buyers?q=commune&limit=50");
    const truth = await queryFile(
      t.dbPath,
      "SELECT acheteur_id, departement FROM buyers WHERE acheteur_id IN (SELECT unnest($1::VARCHAR[]))",
      [`[${body.buyers.map((b) => b.siret).join(",")}]`],
    );
    const names = new Map(readCsv("cog2024-departements.csv").map((r) => [r.DEP, r.LIBELLE]));
    const placed = body.buyers.filter((b) => b.departement !== null);
    expect(placed.length).toBeGreaterThan(0);
    for (const b of body.buyers) {
      const departement = truth.find((r) => r.acheteur_id === b.siret)?.departement ?? null;
      expect(b.departement, b.siret).toBe(departement);
      expect(b.departement_nom, b.siret).toBe(
        departement === null ? null : (names.get(String(departement)) ?? null),
      );
    }
  });

  it("treats % and _ as plain characters", async () => {
    const body = await t.json<{ buyers: Json[] }>(`/api/buyers?q=${encodeURIComponent("%_%")}`);
    expect(body.buyers).toEqual([]);
  });

  it("finds suppliers by name and by identifier", async () => {
    const [supplier] = await queryFile(
      t.dbPath,
      `SELECT titulaire_id, denomination_sociale FROM contract_suppliers
        WHERE denomination_sociale IS NOT NULL AND titulaire_id IS NOT NULL LIMIT 1`,
    );
    const id = String(supplier?.titulaire_id);
    const byName = await t.json<{ suppliers: Json[] }>(
      `/api/suppliers?q=${encodeURIComponent(String(supplier?.denomination_sociale))}`,
    );
    expect(byName.suppliers.map((s) => s.titulaire_id)).toContain(id);
    const byId = await t.json<{ suppliers: Json[] }>(
      `/api/suppliers?q=${encodeURIComponent(id.slice(0, 8))}`,
    );
    expect(byId.suppliers.map((s) => s.titulaire_id)).toContain(id);
  });
});

/** A name as a user might type it: lower case, without accents. */
const plain = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

describe("search by the who's who's names", () => {
  it("finds a 2024-format buyer by the name the references give it, accents and case folded", async () => {
    const [named] = await queryFile(
      t.dbPath,
      `SELECT b.acheteur_id, b.nom FROM buyers b
        WHERE b.nom <> strip_accents(b.nom) AND starts_with(b.nom_origine, 'collectivites:')
          AND b.acheteur_id NOT IN (SELECT acheteur_id FROM contracts WHERE acheteur_nom IS NOT NULL)
        ORDER BY b.acheteur_id LIMIT 1`,
    );
    expect(named).toBeDefined();
    const body = await t.json<{ buyers: Json[] }>(
      `/api/buyers?q=${encodeURIComponent(plain(String(named?.nom)))}&limit=100`,
    );
    const found = body.buyers.find((b) => b.siret === named?.acheteur_id);
    expect(found?.nom).toBe(named?.nom);
    const summary = await t.json<Json>(`/api/buyers/${String(named?.acheteur_id)}`);
    expect(summary.nom).toBe(named?.nom);
  });

  it("finds a titulaire no DECP record names by the name a reference or a feed gives it", async () => {
    const [named] = await queryFile(
      t.dbPath,
      `SELECT t.titulaire_id, t.nom FROM titulaires t
        WHERE t.nom_origine <> 'decp' AND t.titulaire_id NOT IN (
          SELECT titulaire_id FROM contract_suppliers WHERE denomination_sociale IS NOT NULL)
        ORDER BY t.titulaire_id LIMIT 1`,
    );
    expect(named).toBeDefined();
    const body = await t.json<{ suppliers: Json[] }>(
      `/api/suppliers?q=${encodeURIComponent(plain(String(named?.nom)))}&limit=100`,
    );
    expect(body.suppliers.find((s) => s.titulaire_id === named?.titulaire_id)?.nom).toBe(
      named?.nom,
    );
  });

  it("lists the establishments of one company together", async () => {
    const [company] = await queryFile(
      t.dbPath,
      `SELECT siren FROM buyers WHERE siren IS NOT NULL GROUP BY 1 HAVING count(*) > 1
        ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const siren = String(company?.siren);
    // Every buyer whose SIRET starts with the first digits of this SIREN: several companies.
    const body = await t.json<{ buyers: Json[] }>(`/api/buyers?q=${siren.slice(0, 3)}&limit=100`);
    const sirens = body.buyers.map((b) => String(b.siren ?? b.siret));
    expect(sirens.filter((s) => s === siren).length).toBeGreaterThan(1);
    for (const s of new Set(sirens)) {
      const at = sirens.flatMap((x, i) => (x === s ? [i] : []));
      expect(at[at.length - 1] - at[0], s).toBe(at.length - 1);
    }
  });
});

describe("buyer", () => {
  it("summarises a buyer: totals and years agree with the snapshot", async () => {
    const [truth] = await queryFile(
      t.dbPath,
      `SELECT count(*) AS n, round(sum(CASE WHEN NOT montant_suspect THEN montant END), 2) AS amount,
              count(*) FILTER (WHERE montant IS NOT NULL AND NOT montant_suspect) AS with_amount
         FROM contracts WHERE acheteur_id = $1`,
      [buyer],
    );
    const body = await t.json<
      Json & { totals: Json; by_year: Json[]; procedures: Json[]; top_suppliers: Json[] }
    >(`/api/buyers/${buyer}`);
    expect(body.siret).toBe(buyer);
    expect(body.totals.contracts).toBe(truth?.n);
    expect(body.totals.amount).toBe(truth?.amount);
    // The amount's N: the contracts it sums, fewer than all when some amounts are suspect.
    expect(body.totals.amount_contracts).toBe(truth?.with_amount);
    expect(Number(truth?.with_amount)).toBeLessThan(Number(truth?.n));
    expect(body.by_year.reduce((sum, r) => sum + Number(r.contracts), 0)).toBe(truth?.n);
    expect(body.procedures.reduce((sum, r) => sum + Number(r.contracts), 0)).toBe(truth?.n);
    for (const p of body.procedures) if (p.procedure) expect(p.procedure_label).toBeTruthy();
    expect(body.top_suppliers.length).toBeGreaterThan(0);
  });

  it("says what the who's who knows of it: type in the model's words, population, place; unknown as null", async () => {
    // The busiest commune buyer, its facts read here from the reference files themselves.
    const lists = collectivites();
    const buyers = await queryFile(
      t.dbPath,
      "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1",
    );
    const ids = buyers.map((b) => String(b.acheteur_id));
    const commune = ids.find((id) => lists.get(id.slice(0, 9))?.type.startsWith("commune_"));
    const facts = lists.get(String(commune).slice(0, 9));
    const pmun = readCsv("banatic-siren-insee-communes-2024.csv").find(
      (r) => r.siren === String(commune).slice(0, 9),
    )?.pmun_2024;
    const departement = readCsv("cog2024-departements.csv").find(
      (r) => r.DEP === facts?.departement,
    );
    const region = readCsv("cog2024-regions.csv").find((r) => r.REG === departement?.REG);
    const label = loadCatalogue()
      .model.dimensions.get("acheteur_type")
      ?.values?.find((v) => v.code === facts?.type)?.label;
    const body = await t.json<{ profile: Json }>(`/api/buyers/${commune}`);
    expect(body.profile).toEqual({
      type_acheteur: facts?.type,
      type_acheteur_label: label,
      population: Number(pmun),
      departement: facts?.departement,
      departement_nom: departement?.LIBELLE,
      region: departement?.REG,
      region_nom: region?.LIBELLE,
    });
    // A buyer no reference file types: its type is unknown (null), not « autre ».
    const [untyped] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id FROM contracts c JOIN buyers b USING (acheteur_id)
        WHERE b.type_acheteur IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const unknown = await t.json<{ profile: Json }>(`/api/buyers/${String(untyped?.acheteur_id)}`);
    expect(unknown.profile.type_acheteur).toBeNull();
    expect(unknown.profile.type_acheteur_label).toBeNull();
    expect(unknown.profile.population).toBeNull();
  });

  it("lists its contracts page by page, most recent first", async () => {
    const first = await t.json<{ total: number; contracts: Json[] }>(
      `/api/buyers/${buyer}/contracts?limit=10`,
    );
    const second = await t.json<{ total: number; contracts: Json[] }>(
      `/api/buyers/${buyer}/contracts?limit=10&offset=10`,
    );
    expect(first.contracts).toHaveLength(10);
    const uids = new Set([...first.contracts, ...second.contracts].map((c) => c.uid));
    expect(uids.size).toBe(first.contracts.length + second.contracts.length);
    const dates = first.contracts.map((c) => String(c.date_notification ?? ""));
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe("supplier and contract", () => {
  it("summarises a supplier with each contract counted once and joint awards split", async () => {
    const [joint] = await queryFile(
      t.dbPath,
      `SELECT s.titulaire_id FROM contract_suppliers s JOIN contracts c USING (uid)
        WHERE c.titulaires_count > 1 AND s.titulaire_id IS NOT NULL AND NOT c.montant_suspect LIMIT 1`,
    );
    const id = String(joint?.titulaire_id);
    const [truth] = await queryFile(
      t.dbPath,
      `SELECT count(*) AS n,
              round(sum(CASE WHEN NOT montant_suspect THEN montant END), 2) AS whole,
              round(sum(CASE WHEN NOT montant_suspect THEN montant / titulaires_count END), 2) AS split,
              count(*) FILTER (WHERE montant IS NOT NULL AND NOT montant_suspect) AS with_amount
         FROM contracts WHERE uid IN (SELECT uid FROM contract_suppliers WHERE titulaire_id = $1)`,
      [id],
    );
    const body = await t.json<{ totals: Json; contracts: Json[] }>(
      `/api/suppliers/${encodeURIComponent(id)}`,
    );
    expect(body.totals.contracts).toBe(truth?.n);
    expect(body.totals.amount_whole).toBe(truth?.whole);
    expect(body.totals.amount_split).toBe(truth?.split);
    expect(body.totals.amount_contracts).toBe(truth?.with_amount);
    expect(Number(body.totals.joint_contracts)).toBeGreaterThan(0);
  });

  it("says what the who's who knows of a supplier: size in the model's words, ESS, place; unknown as null", async () => {
    const catalogue = loadCatalogue();
    const sizeLabel = (code: string) =>
      catalogue.model.dimensions.get("titulaire_categorie")?.values?.find((v) => v.code === code)
        ?.label;
    const names = new Map(readCsv("cog2024-departements.csv").map((r) => [r.DEP, r.LIBELLE]));
    const regions = new Map(readCsv("cog2024-regions.csv").map((r) => [r.REG, r.LIBELLE]));
    // One titulaire of known size and place, one of unknown size, one the ESS is known for.
    const picked = await queryFile(
      t.dbPath,
      `SELECT * FROM (SELECT * FROM titulaires WHERE categorie_entreprise IS NOT NULL
                        AND departement IS NOT NULL ORDER BY titulaire_id LIMIT 1)
       UNION ALL SELECT * FROM (SELECT * FROM titulaires WHERE categorie_entreprise IS NULL
                        AND titulaire_id <> '00000000000000' ORDER BY titulaire_id LIMIT 1)
       UNION ALL SELECT * FROM (SELECT * FROM titulaires WHERE ess IS NOT NULL
                        ORDER BY titulaire_id LIMIT 1)`,
    );
    expect(picked.length).toBe(3);
    for (const row of picked) {
      const id = String(row.titulaire_id);
      const body = await t.json<{ profile: Json }>(`/api/suppliers/${encodeURIComponent(id)}`);
      const category = row.categorie_entreprise === null ? null : String(row.categorie_entreprise);
      const departement = row.departement === null ? null : String(row.departement);
      const region = row.region === null ? null : String(row.region);
      expect(body.profile, id).toEqual({
        categorie_entreprise: category,
        categorie_entreprise_label: category === null ? null : sizeLabel(category),
        categorie_entreprise_annee:
          row.categorie_entreprise_annee === null ? null : Number(row.categorie_entreprise_annee),
        ess: row.ess,
        departement,
        departement_nom: departement === null ? null : names.get(departement),
        region,
        region_nom: region === null ? null : regions.get(region),
      });
    }
    expect(picked[0]?.categorie_entreprise).not.toBeNull();
  });

  it("gives a contract with its suppliers and modifications, codes in words", async () => {
    const [modified] = await queryFile(
      t.dbPath,
      "SELECT uid, titulaires_count, modifications_count FROM contracts WHERE modifications_count > 0 LIMIT 1",
    );
    const uid = String(modified?.uid);
    const body = await t.json<{ contract: Json; suppliers: Json[]; modifications: Json[] }>(
      `/api/contracts/${encodeURIComponent(uid)}`,
    );
    expect(body.contract.uid).toBe(uid);
    expect(body.modifications).toHaveLength(Number(modified?.modifications_count));
    expect(body.suppliers.length).toBeGreaterThan(0);
    if (body.contract.procedure)
      expect(body.contract.procedure_label).not.toBe(body.contract.procedure);
    expect(String(body.contract.source)).not.toContain("/");
  });
});
