// The search's API: contracts by words of their objet, checked against a filter of our own in
// JavaScript over every objet of the snapshot (accents removed with Unicode NFD, not DuckDB's
// strip_accents), and buyers and titulaires grouped by company (SIREN) with their establishments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContractSearch, SupplierSearch, BuyerSearch } from "../../server/api-types.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
interface Objet {
  uid: string;
  objet: string;
  folded: string;
  date: string | null;
  acheteur: string;
  montant: unknown;
}
let objets: Objet[] = [];
/** The buyer's name as the who's who has it, else the most frequent name it published. */
let buyerNames = new Map<string, string>();

/** Lower case, accents removed: what a reader typing without accents expects to match. */
const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

beforeAll(async () => {
  t = await startTestServer();
  const rows = await queryFile(
    t.dbPath,
    "SELECT uid, objet, date_notification, acheteur_id, montant FROM contracts WHERE objet IS NOT NULL",
  );
  objets = rows.map((r) => ({
    uid: String(r.uid),
    objet: String(r.objet),
    folded: fold(String(r.objet)),
    date: r.date_notification === null ? null : String(r.date_notification),
    acheteur: String(r.acheteur_id),
    montant: r.montant,
  }));
  const names = await queryFile(
    t.dbPath,
    `SELECT acheteur_id, nom FROM buyers WHERE nom IS NOT NULL
     UNION ALL
     SELECT acheteur_id, mode(acheteur_nom) FROM contracts
      WHERE acheteur_id NOT IN (SELECT acheteur_id FROM buyers WHERE nom IS NOT NULL)
        AND acheteur_nom IS NOT NULL GROUP BY 1`,
  );
  buyerNames = new Map(names.map((r) => [String(r.acheteur_id), String(r.nom)]));
});
afterAll(() => t?.close());

/** The uids whose objet holds every word, most recent first as the API orders them. */
const expected = (...words: string[]) =>
  objets
    .filter((o) => words.every((w) => o.folded.includes(fold(w))))
    .sort((a, b) =>
      a.date === b.date
        ? a.uid < b.uid
          ? -1
          : 1
        : a.date === null
          ? 1
          : b.date === null
            ? -1
            : a.date < b.date
              ? 1
              : -1,
    )
    .map((o) => o.uid);

const search = (q: string, limit = 100) =>
  t.json<ContractSearch>(`/api/contracts?q=${encodeURIComponent(q)}&limit=${limit}`);

describe("contracts by words of their objet", () => {
  it("finds every contract whose objet holds all the words, accents and case folded", async () => {
    const truth = expected("restauration", "scolaire");
    expect(truth.length).toBeGreaterThan(1);
    expect(truth.length).toBeLessThan(100);
    const body = await search("Restauration SCOLAIRE");
    expect(body.words).toEqual(["restauration", "scolaire"]);
    expect(body.contracts.map((c) => c.uid)).toEqual(truth);
    expect(body.truncated).toBe(false);
    // Without its accent, « école » finds the same contracts as with it.
    const accented = await search("école maternelle");
    const plain = await search("ECOLE maternelle");
    expect(plain.contracts.map((c) => c.uid)).toEqual(accented.contracts.map((c) => c.uid));
    expect(plain.contracts.map((c) => c.uid)).toEqual(
      expected("ecole", "maternelle").slice(0, 100),
    );
  });

  it("gives each contract's objet, buyer and its name, date and amount", async () => {
    const body = await search("voirie");
    expect(body.contracts.length).toBeGreaterThan(0);
    const byUid = new Map(objets.map((o) => [o.uid, o]));
    for (const c of body.contracts) {
      const raw = byUid.get(c.uid);
      expect(c.objet).toBe(raw?.objet);
      expect(c.acheteur_id).toBe(raw?.acheteur);
      expect(c.date_notification).toBe(raw?.date);
      expect(c.montant).toBe(raw?.montant);
      expect(c.acheteur_nom).toBe(buyerNames.get(c.acheteur_id) ?? null);
    }
  });

  it("says when more contracts match than it gives", async () => {
    const truth = expected("de");
    expect(truth.length).toBeGreaterThan(5);
    const body = await search("de", 5);
    expect(body.contracts.map((c) => c.uid)).toEqual(truth.slice(0, 5));
    expect(body.truncated).toBe(true);
  });

  it("answers an empty list when nothing matches, and reads % and _ as themselves", async () => {
    expect((await search("zzqxw")).contracts).toEqual([]);
    const percent = await search("100 %");
    expect(percent.contracts.map((c) => c.uid)).toEqual(expected("100", "%").slice(0, 100));
    const underscore = await search("_");
    expect(underscore.contracts.map((c) => c.uid)).toEqual(expected("_").slice(0, 100));
    // Each sign is in some objet of the samples, and a wildcard would have found them all.
    expect(percent.contracts.length).toBeGreaterThan(0);
    expect(underscore.contracts.length).toBeGreaterThan(0);
    expect(underscore.contracts.length).toBeLessThan(objets.length);
  });

  it("refuses too many words, too long a text and an unknown parameter", async () => {
    const nine = "un deux trois quatre cinq six sept huit neuf";
    for (const [path, param] of [
      [`/api/contracts?q=${encodeURIComponent(nine)}`, "q"],
      [`/api/contracts?q=${"a".repeat(201)}`, "q"],
      ["/api/contracts?q=%20%2C%20", "q"],
      ["/api/contracts?q=eau&limit=101", "limit"],
      ["/api/contracts?q=eau&where=1", "where"],
    ]) {
      const response = await t.get(path);
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { param?: string } };
      expect(body.error.param, path).toBe(param);
    }
  });
});

describe("buyers and titulaires grouped by company", () => {
  it("puts each titulaire establishment under its company, with the company's name", async () => {
    const [company] = await queryFile(
      t.dbPath,
      `SELECT t.siren, o.nom, count(*) AS n FROM titulaires t JOIN organisations o USING (siren)
        WHERE o.nom IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 2 ORDER BY n DESC, 1 LIMIT 1`,
    );
    const siren = String(company?.siren);
    const body = await t.json<SupplierSearch>(`/api/suppliers?q=${siren}&limit=100`);
    const found = body.companies.find((c) => c.siren === siren);
    expect(found?.nom).toBe(company?.nom);
    const truth = await queryFile(
      t.dbPath,
      `SELECT titulaire_id, count(DISTINCT uid) AS n FROM contract_suppliers
        WHERE entreprise_id = $1 GROUP BY 1`,
      [siren],
    );
    expect([...(found?.establishments ?? [])].sort()).toEqual(
      truth.map((r) => String(r.titulaire_id)).sort(),
    );
    expect(found?.contracts).toBe(truth.reduce((s, r) => s + Number(r.n), 0));
    checkGroups(
      body.suppliers.map((s) => [s.titulaire_id, s.siren]),
      body.companies,
    );
  });

  it("groups buyers by SIREN, each establishment listed once, in the flat list's order", async () => {
    const body = await t.json<BuyerSearch>("/api/buyers?q=commune&limit=100");
    expect(body.buyers.length).toBeGreaterThan(1);
    checkGroups(
      body.buyers.map((b) => [b.siret, b.siren]),
      body.companies,
    );
    const none = await t.json<BuyerSearch>("/api/buyers?q=zzqxw");
    expect(none).toMatchObject({ buyers: [], companies: [] });
  });

  it("gives each buyer's amount with its own N: the contracts whose amount it sums", async () => {
    const body = await t.json<BuyerSearch>("/api/buyers?q=commune&limit=100");
    const truth = await queryFile(
      t.dbPath,
      `SELECT acheteur_id, count(*) AS n,
              count(montant) FILTER (WHERE NOT montant_suspect) AS with_amount,
              round(sum(montant) FILTER (WHERE NOT montant_suspect), 2) AS amount
         FROM contracts GROUP BY 1`,
    );
    const byBuyer = new Map(truth.map((r) => [String(r.acheteur_id), r]));
    for (const b of body.buyers) {
      const own = byBuyer.get(b.siret);
      expect({ contracts: b.contracts, amount: b.amount, n: b.amount_contracts }, b.siret).toEqual({
        contracts: Number(own?.n),
        amount: own?.amount ?? null,
        n: Number(own?.with_amount),
      });
    }
    // Some of them sum fewer amounts than they have contracts: the N is not the line's count.
    expect(body.buyers.some((b) => b.amount_contracts < b.contracts)).toBe(true);
  });
});

/** Every flat row is in exactly one company, the one of its SIREN, in the same order. */
function checkGroups(
  flat: [string, string | null][],
  companies: { siren: string | null; establishments: string[] }[],
) {
  expect(companies.flatMap((c) => c.establishments)).toEqual(flat.map(([id]) => id));
  const sirenOf = new Map(flat);
  for (const company of companies) {
    for (const id of company.establishments) expect(sirenOf.get(id)).toBe(company.siren);
  }
  const sirens = companies.flatMap((c) => (c.siren ? [c.siren] : []));
  expect(new Set(sirens).size).toBe(sirens.length);
}
