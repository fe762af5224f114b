// first_time_supplier_share on the samples' snapshot against a computation of our own in plain
// JavaScript over the contracts and titulaires as the ETL kept them (canonical columns only, not
// the premier_acces column the ETL derives): a contract counts when its buyer has contracts in
// each of the three calendar years before its notification, and is new when one of its titulaire
// companies had no contract with that buyer in the three years before the notification date.
// Years where no buyer has that history are not computed: coverage 0, not judged « no_value ».
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIndicator } from "../../indicators/engine.ts";
import { definition } from "./helpers/catalogue.ts";
import { buildTestDb, type TestDb } from "../helpers/samples-db.ts";

let t: TestDb;
interface Contract {
  uid: string;
  buyer: string;
  date: string;
  companies: Set<string>;
}
/** Per contract: null outside the history rule, else whether one of its companies is new. */
let truth = new Map<string, { year: number; buyer: string; fresh: boolean | null }>();

/** The date three years before, as DuckDB's `date - INTERVAL 3 YEAR` (29 February → 28). */
const threeYearsBefore = (date: string) => {
  const [y, m, d] = date.split("-");
  return `${Number(y) - 3}-${m}-${m === "02" && d === "29" ? "28" : d}`;
};

beforeAll(async () => {
  t = await buildTestDb();
  const rows = await t.query(
    `SELECT c.uid, c.acheteur_id, strftime(c.date_notification, '%Y-%m-%d') AS d,
            s.titulaire_id, s.siret_valide
       FROM contracts c LEFT JOIN contract_suppliers s ON s.uid = c.uid
      WHERE c.date_notification IS NOT NULL`,
  );
  const contracts = new Map<string, Contract>();
  for (const r of rows) {
    const uid = String(r.uid);
    const contract = contracts.get(uid) ?? {
      uid,
      buyer: String(r.acheteur_id),
      date: String(r.d),
      companies: new Set<string>(),
    };
    contracts.set(uid, contract);
    if (typeof r.titulaire_id !== "string") continue;
    // The company: a valid SIRET's first nine digits, any other identifier as it is.
    contract.companies.add(r.siret_valide === true ? r.titulaire_id.slice(0, 9) : r.titulaire_id);
  }
  const years = new Map<string, Set<number>>();
  const byBuyer = new Map<string, Contract[]>();
  for (const c of contracts.values()) {
    years.set(c.buyer, (years.get(c.buyer) ?? new Set()).add(Number(c.date.slice(0, 4))));
    byBuyer.set(c.buyer, [...(byBuyer.get(c.buyer) ?? []), c]);
  }
  truth = new Map();
  for (const c of contracts.values()) {
    const year = Number(c.date.slice(0, 4));
    const had = years.get(c.buyer) ?? new Set();
    const history = [1, 2, 3].every((k) => had.has(year - k));
    if (!history || c.companies.size === 0) {
      truth.set(c.uid, { year, buyer: c.buyer, fresh: null });
      continue;
    }
    const from = threeYearsBefore(c.date);
    const earlier = (byBuyer.get(c.buyer) ?? []).filter((o) => o.date >= from && o.date < c.date);
    const fresh = [...c.companies].some(
      (company) => !earlier.some((o) => o.companies.has(company)),
    );
    truth.set(c.uid, { year, buyer: c.buyer, fresh });
  }
});
afterAll(() => t.cleanup());

/** Numerator and denominator of our computation, grouped by a key of each contract. */
function tally(key: (c: { year: number; buyer: string }) => string) {
  const out = new Map<string, { numerator: number; denominator: number }>();
  for (const c of truth.values()) {
    const entry = out.get(key(c)) ?? { numerator: 0, denominator: 0 };
    if (c.fresh !== null) entry.denominator++;
    if (c.fresh === true) entry.numerator++;
    out.set(key(c), entry);
  }
  return out;
}

describe("first_time_supplier_share", () => {
  it("equals the independent count per year, and leaves the years without three prior years uncomputed", async () => {
    const result = await runIndicator(t.db.connection, definition("first_time_supplier_share"), {
      by: ["year"],
    });
    const expected = tally((c) => String(c.year));
    let computed = 0;
    let flagged = 0;
    for (const row of result.rows) {
      if (row.year === null) continue;
      const want = expected.get(String(row.year)) ?? { numerator: 0, denominator: 0 };
      expect(Number(row.numerator), String(row.year)).toBe(want.numerator);
      expect(Number(row.denominator), String(row.year)).toBe(want.denominator);
      expect(row.n, String(row.year)).toBe(want.denominator);
      if (want.denominator === 0) {
        // No buyer of that year has three prior years of data: not computed, and said so by its
        // coverage 0 (the indicator has no target nor thresholds, so no « not judged » code);
        // no « few contracts » or « little known » caution on a figure there is not.
        flagged++;
        expect(row.value, String(row.year)).toBeNull();
        expect(row.coverage, String(row.year)).toBe(0);
        expect(row.flags, String(row.year)).toEqual([]);
      } else {
        computed++;
        expect(row.value).toBeCloseTo(want.numerator / want.denominator, 12);
      }
    }
    expect(computed).toBeGreaterThan(0);
    expect(flagged).toBeGreaterThan(0);
    expect([...expected.keys()].sort()).toEqual(
      result.rows.flatMap((r) => (r.year === null ? [] : [String(r.year)])).sort(),
    );
  });

  it("gives no target verdict on all the samples, known for too few of their contracts", async () => {
    // The catalogue holds no target for it (Région Bretagne's 30 % is in Bretagne's SPASER file):
    // given one of the test's own, set for a year before every sample's so that the years are no
    // reason, the low coverage is.
    const target = { value: 0.3, year: 2000, label: "30 % (cible d'essai)", source: "test" };
    const def = { ...definition("first_time_supplier_share"), target };
    const result = await runIndicator(t.db.connection, def, {});
    const [row] = result.rows;
    // A value on enough contracts, but on a small part of those concerned: the home page said
    // « 73,6 % … couverture 0,4 % — Cible (30 %) atteinte ».
    expect(row?.value).not.toBeNull();
    expect(row?.n).toBeGreaterThanOrEqual(def.min_n);
    expect(row?.coverage).toBeLessThan(def.min_coverage);
    expect(row?.flags).toContain("low_coverage");
    expect(row?.target_met).toBeNull();
    expect(row?.target_not_judged).toBe("low_coverage");
  });

  it("per buyer in 2024: computed where the buyer has the history, said unknown where it has not", async () => {
    const result = await runIndicator(t.db.connection, definition("first_time_supplier_share"), {
      by: ["acheteur_id"],
      filters: [{ dimension: "year", op: "eq", values: [2024] }],
    });
    const expected = tally((c) => (c.year === 2024 ? c.buyer : ""));
    let without = 0;
    for (const row of result.rows) {
      const want = expected.get(String(row.acheteur_id));
      expect(want, String(row.acheteur_id)).toBeDefined();
      expect(Number(row.numerator)).toBe(want?.numerator);
      expect(Number(row.denominator)).toBe(want?.denominator);
      if (want?.denominator === 0) {
        without++;
        expect(row.value).toBeNull();
        expect(row.coverage).toBe(0);
        expect(row.flags).toEqual([]);
      }
    }
    expect(without).toBeGreaterThan(0);
    expect(result.rows.some((r) => Number(r.denominator) > 0)).toBe(true);
  });
});
