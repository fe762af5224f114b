// Every definition executed against a DuckDB built by the ETL from the shipped samples, with
// figures cross-checked by independent SQL written straight against the canonical tables.
import { partyIdentity } from "../../etl/normalise/siret.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copySamplesSnapshot } from "../helpers/samples-db.ts";
import { openDatabase, queryRows, type Database } from "../../lib/duckdb.ts";
import { runIndicator } from "../../indicators/engine.ts";
import { definition, shippedCatalogue } from "./helpers/catalogue.ts";

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "indicators-samples-"));
  const dbPath = join(dir, "samples.duckdb");
  // The samples' snapshot the global setup built once (tests/setup/samples-snapshot.ts).
  const report = copySamplesSnapshot(dbPath);
  expect(report.status).toBe("ok");
  db = await openDatabase(dbPath, { readOnly: true });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const one = async (sql: string): Promise<Record<string, unknown>> => {
  const rows = await queryRows(db.connection, sql);
  return rows[0] ?? {};
};
const run = (id: string, request = {}) => runIndicator(db.connection, definition(id), request);

describe("every definition on the samples", () => {
  it.each(shippedCatalogue().definitions.map((d) => [d.id, d] as const))("%s", async (_id, d) => {
    for (const request of [{}, { grain: "year" as const }, { by: [d.breakdowns[3] ?? "year"] }]) {
      const result = await runIndicator(db.connection, d, request);
      expect(result.rows.length).toBeGreaterThan(0);
      for (const row of result.rows) {
        if (row.coverage !== null) expect(row.coverage).toBeLessThanOrEqual(1);
        if (d.unit === "share" && row.value !== null) {
          expect(row.value).toBeGreaterThanOrEqual(0);
          expect(row.value).toBeLessThanOrEqual(1 + 1e-9);
        }
      }
    }
  });
});

describe("figures match independent SQL", () => {
  it("counts each contract once", async () => {
    const expected = await one("SELECT count(*) AS n, count(DISTINCT uid) AS d FROM contracts");
    expect(expected.n).toBe(expected.d);
    const total = await run("contracts_count");
    expect(total.rows[0]?.value).toBe(expected.n);
    const byYear = await run("contracts_count", { grain: "year" });
    expect(byYear.rows.reduce((sum, r) => sum + (r.value ?? 0), 0)).toBe(expected.n);
  });

  it("sums amounts per contract, not per supplier", async () => {
    const expected = await one(
      "SELECT sum(montant) FILTER (WHERE NOT montant_suspect) AS contract_sum FROM contracts",
    );
    const naive = await one(
      `SELECT sum(c.montant) AS joined_sum FROM contracts c JOIN contract_suppliers s USING (uid)
       WHERE NOT c.montant_suspect`,
    );
    const result = await run("amount_total");
    expect(result.rows[0]?.value).toBeCloseTo(Number(expected.contract_sum), 2);
    // The samples hold joint awards: a join would have counted them several times.
    expect(Number(naive.joined_sum)).toBeGreaterThan(Number(expected.contract_sum));
  });

  it("social consideration share: blanks out of the denominator, 2024 format only", async () => {
    const expected = await one(`
      SELECT
        count(*) FILTER (WHERE list_has_any(considerations_sociales,
          ['clause_sociale', 'critere_social', 'marche_reserve'])) AS numerator,
        count(*) FILTER (WHERE considerations_sociales IS NOT NULL) AS denominator,
        count(*) AS n_scope
      FROM contracts WHERE decp_format IN ('v2.0.0', 'v2')`);
    const result = await run("social_consideration_share");
    // N is the denominator: the contracts of the 2024 format where the field is filled.
    expect(result.rows[0]).toMatchObject({ ...expected, n: expected.denominator });
    expect(Number(expected.denominator)).toBeGreaterThan(0);
    // The samples hold 2024-format contracts without the field (decp.info's extract): left out.
    expect(Number(expected.n_scope)).toBeGreaterThan(Number(expected.denominator));
  });

  it("single-offer rate excludes no-publicity procedures", async () => {
    const expected = await one(`
      SELECT count(*) FILTER (WHERE offres_recues = 1) AS numerator,
             count(*) FILTER (WHERE offres_recues IS NOT NULL) AS denominator
      FROM contracts
      WHERE decp_format IN ('v2.0.0', 'v2') AND procedure IS DISTINCT FROM 'sans_publicite'`);
    const result = await run("single_offer_rate");
    expect(result.rows[0]).toMatchObject(expected);
  });

  it("no-publicity share over the contracts whose procedure is known", async () => {
    // A contract whose procedure is not published is neither with nor without publicity: out of
    // N, in the coverage (the samples have some).
    const expected = await one(`
      SELECT count(*) FILTER (WHERE procedure = 'sans_publicite') AS numerator,
             count(procedure) AS denominator, count(procedure) AS n, count(*) AS n_scope
        FROM contracts`);
    expect(Number(expected.n)).toBeLessThan(Number(expected.n_scope));
    const result = await run("no_publicity_share");
    expect(result.rows[0]).toMatchObject(expected);
  });

  it("procedure mix adds up to the contracts with a procedure, each year", async () => {
    const result = await run("procedure_mix", { grain: "year" });
    const sums = new Map<unknown, number>();
    for (const row of result.rows)
      sums.set(row.year, (sums.get(row.year) ?? 0) + (row.numerator ?? 0));
    for (const row of result.rows) expect(sums.get(row.year)).toBe(row.denominator ?? 0);
  });

  it("top supplier share matches a plain recomputation for every buyer", async () => {
    // Recomputed in JS from raw rows: amount split equally among the supplier rows, a valid
    // SIRET (the ETL's rule, siret.ts, checked on its own in tests/etl/siret.test.ts) → SIREN.
    const rows = await queryRows(
      db.connection,
      `SELECT c.acheteur_id, c.uid, c.montant, s.type_identifiant, s.titulaire_id,
              count(*) OVER (PARTITION BY c.uid) AS k
       FROM contracts c JOIN contract_suppliers s USING (uid)
       WHERE NOT c.montant_suspect AND c.montant IS NOT NULL AND c.titulaires_count > 0`,
    );
    const perBuyer = new Map<string, Map<string | null, number>>();
    for (const r of rows) {
      const id = r.titulaire_id as string | null;
      const key =
        id !== null && partyIdentity(r.type_identifiant as string | null, id).siretValid
          ? id.slice(0, 9)
          : id;
      const buyer = perBuyer.get(String(r.acheteur_id)) ?? new Map<string | null, number>();
      buyer.set(key, (buyer.get(key) ?? 0) + Number(r.montant) / Number(r.k));
      perBuyer.set(String(r.acheteur_id), buyer);
    }
    const result = await run("top_supplier_share");
    let compared = 0;
    for (const row of result.rows) {
      const buyer = perBuyer.get(String(row.acheteur_id));
      if (!buyer) {
        expect(row.value).toBeNull();
        continue;
      }
      const total = [...buyer.values()].reduce((a, b) => a + b, 0);
      const top = Math.max(...[...buyer.entries()].filter(([k]) => k !== null).map(([, v]) => v));
      expect(row.denominator).toBeCloseTo(total, 4);
      expect(row.numerator).toBeCloseTo(top, 4);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
