// Every amount of a buyer's or a titulaire's tables comes with its own N: the contracts of the
// row whose amount it sums (published and not suspect), beside the row's count of contracts.
// Checked row by row against counts of our own, straight from the snapshot, on the busiest
// buyer and titulaire some of whose amounts are unknown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuyerSummary, SupplierSummary } from "../../server/api-types.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

/** A contract whose amount the look-ups sum, written apart from the server's own expression. */
const KNOWN = "c.montant IS NOT NULL AND NOT c.montant_suspect";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** Our own counts by key: [contracts, contracts with a known amount]. */
async function truth(sql: string, params: string[]): Promise<Map<string, [number, number]>> {
  const rows = await queryFile(t.dbPath, sql, params);
  return new Map(rows.map((r) => [String(r.k), [Number(r.n), Number(r.known)]]));
}

/** Each row's [contracts, amount_contracts] by its key, and that its amount is null iff N is 0. */
function answered<Row extends { contracts: number; amount_contracts: number }>(
  rows: Row[],
  key: (row: Row) => unknown,
  amount: (row: Row) => number | null,
): Map<string, [number, number]> {
  for (const row of rows)
    expect(amount(row) === null, JSON.stringify(row)).toBe(row.amount_contracts === 0);
  return new Map(rows.map((r) => [String(key(r)), [r.contracts, r.amount_contracts]]));
}

/** Some row rests on fewer contracts than it counts: the N says something the count does not. */
function someUnknown(rows: Map<string, [number, number]>): boolean {
  return [...rows.values()].some(([n, known]) => known < n);
}

describe("the amount of every row carries its N", () => {
  it("a buyer's years, procedures, types of contract and main suppliers", async () => {
    const [busiest] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id FROM contracts c GROUP BY 1
       HAVING count(*) FILTER (WHERE ${KNOWN}) BETWEEN 1 AND count(*) - 1
       ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const siret = String(busiest?.acheteur_id);
    const buyer = await t.json<BuyerSummary>(`/api/buyers/${siret}`);
    const own = (column: string) =>
      truth(
        `SELECT ${column} AS k, count(*) AS n, count(*) FILTER (WHERE ${KNOWN}) AS known
           FROM contracts c WHERE c.acheteur_id = $1 GROUP BY 1`,
        [siret],
      );
    const years = answered(
      buyer.by_year,
      (r) => r.year,
      (r) => r.amount,
    );
    expect(years).toEqual(await own("year(c.date_notification)"));
    expect(someUnknown(years)).toBe(true);
    const procedures = answered(
      buyer.procedures,
      (r) => r.procedure,
      (r) => r.amount,
    );
    expect(procedures).toEqual(await own("c.procedure"));
    expect(someUnknown(procedures)).toBe(true);
    expect(
      answered(
        buyer.types,
        (r) => r.type_marche,
        (r) => r.amount,
      ),
    ).toEqual(await own("c.type_marche"));
    const suppliers = answered(
      buyer.top_suppliers,
      (r) => r.titulaire_id,
      (r) => r.amount_split,
    );
    const ownSuppliers = await truth(
      `SELECT s.titulaire_id AS k, count(DISTINCT c.uid) AS n,
              count(DISTINCT c.uid) FILTER (WHERE ${KNOWN}) AS known
         FROM contracts c JOIN contract_suppliers s USING (uid)
        WHERE c.acheteur_id = $1 AND s.titulaire_id IS NOT NULL GROUP BY 1`,
      [siret],
    );
    expect(suppliers.size).toBeGreaterThan(0);
    for (const [id, counts] of suppliers) expect(counts, id).toEqual(ownSuppliers.get(id));
  });

  it("a titulaire's years and main buyers, each contract once", async () => {
    const [busiest] = await queryFile(
      t.dbPath,
      `SELECT s.titulaire_id FROM contracts c JOIN contract_suppliers s USING (uid)
        WHERE s.titulaire_id IS NOT NULL GROUP BY 1
       HAVING count(DISTINCT c.uid) FILTER (WHERE ${KNOWN}) BETWEEN 1 AND count(DISTINCT c.uid) - 1
        ORDER BY count(DISTINCT c.uid) DESC, 1 LIMIT 1`,
    );
    const id = String(busiest?.titulaire_id);
    const supplier = await t.json<SupplierSummary>(`/api/suppliers/${encodeURIComponent(id)}`);
    const own = (column: string) =>
      truth(
        `SELECT ${column} AS k, count(*) AS n, count(*) FILTER (WHERE ${KNOWN}) AS known
           FROM contracts c
          WHERE c.uid IN (SELECT uid FROM contract_suppliers WHERE titulaire_id = $1)
          GROUP BY 1`,
        [id],
      );
    const years = answered(
      supplier.by_year,
      (r) => r.year,
      (r) => r.amount_split,
    );
    expect(years).toEqual(await own("year(c.date_notification)"));
    expect(someUnknown(years)).toBe(true);
    const buyers = answered(
      supplier.top_buyers,
      (r) => r.siret,
      (r) => r.amount_split,
    );
    const ownBuyers = await own("c.acheteur_id");
    expect(buyers.size).toBeGreaterThan(0);
    for (const [siret, counts] of buyers) expect(counts, siret).toEqual(ownBuyers.get(siret));
  });
});
