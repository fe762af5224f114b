// The placeholder party id of the shipped samples (00000000000000): the 2019 PLACE file
// publishes records of several real buyers under it (« AGENCE FRANCAISE DE DEVELOPPEMENT »…) and
// « SANS SUITE » / « PAS DE CANDIDAT » titulaires. On the real server over the samples' snapshot,
// every look-up that shows a party's name calls it « Acheteur non identifié » or « Titulaire non
// identifié », never one of the names published under it, and search finds it by those words only.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  BuyerSearch,
  BuyerSummary,
  ContractDetail,
  IndicatorResult,
  SupplierSearch,
  SupplierSummary,
} from "../../server/api-types.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

const PLACEHOLDER = "00000000000000";
const BUYER = "Acheteur non identifié";
const SUPPLIER = "Titulaire non identifié";
const SAMPLE = "data/samples/real-v1-aife-place-2019-04.json";

/** A second reading of the file: the names published beside the placeholder id, by role. */
function publishedNames(): { buyers: Set<string>; suppliers: Set<string> } {
  const text = readFileSync(SAMPLE, "latin1");
  const buyers = text.matchAll(/"acheteur":\s*\{\s*"id":\s*"0{14}",\s*"nom":\s*"([^"]*)"/g);
  const suppliers = text.matchAll(/"id":\s*"0{14}",\s*"denominationSociale":\s*"([^"]*)"/g);
  return {
    buyers: new Set([...buyers].map((m) => m[1])),
    suppliers: new Set([...suppliers].map((m) => m[1])),
  };
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());

const search = (path: string, q: string) => `${path}?q=${encodeURIComponent(q)}&limit=50`;

describe("a placeholder buyer id, where its name is shown", () => {
  it("is « Acheteur non identifié » on its page, not a name published under it", async () => {
    const { buyers } = publishedNames();
    expect(buyers.has("AGENCE FRANCAISE DE DEVELOPPEMENT")).toBe(true);
    expect(buyers.size).toBeGreaterThan(1);
    const body = await t.json<BuyerSummary>(`/api/buyers/${PLACEHOLDER}`);
    expect(body.nom).toBe(BUYER);
    expect(body.identified).toBe(false);
    const [truth] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE acheteur_id = $1",
      [PLACEHOLDER],
    );
    expect(body.totals.contracts).toBe(truth?.n);
  });

  it("is not found by the names published under it, and found by its own", async () => {
    const byPublished = await t.json<BuyerSearch>(
      search("/api/buyers", "AGENCE FRANCAISE DE DEVELOPPEMENT"),
    );
    expect(byPublished.buyers.map((b) => b.siret)).not.toContain(PLACEHOLDER);
    for (const b of byPublished.buyers) expect(b.nom).not.toBe(BUYER);
    const byLabel = await t.json<BuyerSearch>(search("/api/buyers", "acheteur non identifie"));
    expect(byLabel.buyers).toEqual([expect.objectContaining({ siret: PLACEHOLDER, nom: BUYER })]);
    expect(byLabel.companies.map((c) => c.nom)).toEqual([BUYER]);
    const byId = await t.json<BuyerSearch>(search("/api/buyers", "00000000"));
    const row = byId.buyers.find((b) => b.siret === PLACEHOLDER);
    expect(row?.nom).toBe(BUYER);
  });

  it("is « Acheteur non identifié » among a titulaire's buyers and on its contracts' pages", async () => {
    const [pair] = await queryFile(
      t.dbPath,
      `SELECT s.titulaire_id, min(c.uid) AS uid FROM contracts c JOIN contract_suppliers s USING (uid)
        WHERE c.acheteur_id = $1 AND s.titulaire_id IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 1`,
      [PLACEHOLDER],
    );
    const supplier = await t.json<SupplierSummary>(
      `/api/suppliers/${encodeURIComponent(String(pair?.titulaire_id))}`,
    );
    const listed = supplier.top_buyers.find((b) => b.siret === PLACEHOLDER);
    expect(listed?.nom).toBe(BUYER);
    const detail = await t.json<ContractDetail>(
      `/api/contracts/${encodeURIComponent(String(pair?.uid))}`,
    );
    expect(detail.contract.acheteur_nom_connu).toBe(BUYER);
  });

  it("leaves a real buyer's name and says it is identified", async () => {
    const [real] = await queryFile(
      t.dbPath,
      "SELECT acheteur_id, nom FROM buyers WHERE nom IS NOT NULL ORDER BY acheteur_id LIMIT 1",
    );
    const body = await t.json<BuyerSummary>(`/api/buyers/${String(real?.acheteur_id)}`);
    expect(body).toMatchObject({ nom: real?.nom, identified: true });
  });
});

describe("a placeholder titulaire id, where its name is shown", () => {
  it("is « Titulaire non identifié » on its page, not « SANS SUITE »", async () => {
    const { suppliers } = publishedNames();
    expect(suppliers.has("SANS SUITE")).toBe(true);
    expect(suppliers.has("PAS DE CANDIDAT")).toBe(true);
    const body = await t.json<SupplierSummary>(`/api/suppliers/${PLACEHOLDER}`);
    expect(body.nom).toBe(SUPPLIER);
    expect(body.identified).toBe(false);
  });

  it("is not found by « SANS SUITE », and found by its own name", async () => {
    for (const name of ["SANS SUITE", "PAS DE CANDIDAT"]) {
      const body = await t.json<SupplierSearch>(search("/api/suppliers", name));
      expect(
        body.suppliers.map((s) => s.titulaire_id),
        name,
      ).not.toContain(PLACEHOLDER);
    }
    const byLabel = await t.json<SupplierSearch>(
      search("/api/suppliers", "titulaire non identifié"),
    );
    expect(byLabel.suppliers).toEqual([
      expect.objectContaining({ titulaire_id: PLACEHOLDER, nom: SUPPLIER }),
    ]);
    expect(byLabel.companies.map((c) => c.nom)).toEqual([SUPPLIER]);
  });

  it("is « Titulaire non identifié » among a buyer's suppliers and on a contract's page", async () => {
    // The buyer whose top ten suppliers hold the placeholder: its contracts with it come first.
    const [pair] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id, min(c.uid) AS uid, count(*) AS n
         FROM contracts c JOIN contract_suppliers s USING (uid)
        WHERE s.titulaire_id = $1 GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1`,
      [PLACEHOLDER],
    );
    const detail = await t.json<ContractDetail>(
      `/api/contracts/${encodeURIComponent(String(pair?.uid))}`,
    );
    const supplier = detail.suppliers.find((s) => s.titulaire_id === PLACEHOLDER);
    expect(supplier?.nom_connu).toBe(SUPPLIER);
    const buyer = await t.json<BuyerSummary>(`/api/buyers/${String(pair?.acheteur_id)}`);
    for (const s of buyer.top_suppliers)
      expect(s.nom === SUPPLIER, s.titulaire_id).toBe(s.titulaire_id === PLACEHOLDER);
  });

  it("is « Titulaire non identifié » and last in the breakdown by titulaire company", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/contracts_count?by=titulaire_entreprise",
    );
    const keys = result.rows.map((r) => r.titulaire_entreprise);
    const at = keys.indexOf("000000000");
    expect(at).toBeGreaterThanOrEqual(0);
    for (const row of result.rows)
      expect(row.titulaire_entreprise_label === SUPPLIER).toBe(
        row.titulaire_entreprise === "000000000",
      );
    // After it, only contracts without one titulaire company (« non renseigné »), if any.
    expect(keys.slice(at + 1).every((k) => k === null)).toBe(true);
  });
});
