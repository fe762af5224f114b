// The lot of each content of a shared id, on the cases a review built to make two lots merge:
// corrections of corrections, a lot republished the day its would-be correction appears, an amount
// between two lots. Distinct lots never end under one key; a plain correction still does.
import { describe, expect, it } from "vitest";
import { lotKeys, writeLotKeys, type LotContent } from "../../etl/load/lot-keys.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";

const T1 = "82747808200023";
const T2 = "49357633400012";
const T3 = "77990426700035";

/** One content of the id L1: `days` its publication days, the first one first. */
function content(key: string, days: string[], objet: string, amount: number, titulaire: string) {
  return {
    kind: "marche",
    uid: "28741020300015L1",
    content_key: key,
    first_published: days[0],
    days,
    objet,
    amount,
    date: "2024-06-01",
    parties: [titulaire],
  } satisfies LotContent;
}

/** The contents that share a lot with each other, as sets of keys. */
function lots(contents: LotContent[]): string[][] {
  const byLot = new Map<string, string[]>();
  for (const k of lotKeys(contents).keys) {
    byLot.set(k.lot_key, [...(byLot.get(k.lot_key) ?? []), k.content_key]);
  }
  return [...byLot.values()].map((keys) => keys.sort()).sort();
}

const A = content("A", ["2024-07-01"], "Lot 1 voirie", 100_000, T1);
const B = content("B", ["2024-07-01"], "Lot 2 eclairage", 50_000, T2);
const C = content("C", ["2024-07-02"], "Lot 1 voirie", 150_000, T1);

describe("lotKeys", () => {
  it("puts a correction of a correction in the first lot, and says which field changed", () => {
    const E = content("E", ["2024-07-03"], "Lot 1 voirie et trottoirs", 150_000, T1);
    expect(lots([A, B, C, E])).toEqual([["A", "C", "E"], ["B"]]);
    expect(
      lotKeys([A, B, C, E]).corrections.map((c) => [c.later, c.field, c.corrected_value]),
    ).toEqual([
      ["C", "montant", "150000"],
      ["E", "objet", "Lot 1 voirie et trottoirs"],
    ]);
  });

  it("never puts two contents of one day in one lot through a chain of corrections", () => {
    // E corrects C (its objet), F is one field from A (its titulaire) but two from C: F is a lot.
    const E = content("E", ["2024-07-03"], "Lot 1 voirie et trottoirs", 150_000, T1);
    const F = content("F", ["2024-07-03"], "Lot 1 voirie", 100_000, T3);
    expect(lots([A, B, C, E, F])).toEqual([["A", "C", "E"], ["B"], ["F"]]);
  });

  it("never puts a content in a lot one of whose versions was published the same day", () => {
    // A republished on 3 July beside E, one field from C: E is not a version of A's lot.
    const republished = { ...A, days: ["2024-07-01", "2024-07-03"] };
    const E = content("E", ["2024-07-03"], "Lot 1 voirie", 150_000, T3);
    expect(lots([republished, B, C, E])).toEqual([["A", "C"], ["B"], ["E"]]);
  });

  it("leaves an amount between two lots alone, whatever was published before them", () => {
    const low = content("low", ["2024-07-01"], "Lot 1 voirie", 100_000, T1);
    const high = content("high", ["2024-07-01"], "Lot 1 voirie", 200_000, T1);
    const middle = content("middle", ["2024-07-02"], "Lot 1 voirie", 150_000, T1);
    expect(lots([low, high, middle])).toEqual([["high"], ["low"], ["middle"]]);
    // The low lot published alone the day before: both lots were still there on 1 July.
    const lowEarlier = {
      ...low,
      first_published: "2024-06-30",
      days: ["2024-06-30", "2024-07-01"],
    };
    expect(lots([lowEarlier, high, middle])).toEqual([["high"], ["low"], ["middle"]]);
  });

  it("makes two records of one day that would correct the same lot two lots", () => {
    const byObjet = content("objet", ["2024-07-02"], "Lot 3 voirie", 100_000, T1);
    const byAmount = content("amount", ["2024-07-02"], "Lot 1 voirie", 110_000, T1);
    expect(lots([A, B, byObjet, byAmount])).toEqual([["A"], ["B"], ["amount"], ["objet"]]);
  });

  it("keeps a content that never says when it was published as a lot of its own", () => {
    const undated = { ...C, first_published: null, days: [] };
    expect(lots([A, B, undated])).toEqual([["A"], ["B"], ["C"]]);
  });

  it("writes every content's lot and every correction, however many (in batches of statements)", async () => {
    // 1 201 ids of two contents each, the second correcting the first's amount: past two batches.
    const db = await openDatabase(":memory:");
    try {
      await db.connection.run(
        `CREATE TEMP TABLE lot_contents AS
           SELECT 'marche' AS kind, 'id' || i AS uid, 'k' || i || '-' || v AS content_key,
                  (DATE '2024-06-01' + v::INTEGER)::VARCHAR AS first_published,
                  [(DATE '2024-06-01' + v::INTEGER)::VARCHAR] AS days,
                  'objet ' || i AS objet, (1000 + v)::DOUBLE AS amount, '2024-05-01' AS date,
                  ['${T1}'] AS parties
           FROM range(1201) r(i), range(2) w(v)`,
      );
      await writeLotKeys(db.connection);
      const [counts] = await queryRows(
        db.connection,
        `SELECT (SELECT count(*) FROM lot_keys) AS keys,
                (SELECT count(*) FROM lot_keys WHERE lot_key = replace(content_key, '-1', '-0')) AS joined,
                (SELECT count(*) FROM lot_corrections WHERE field = 'montant' AND corrected_value = '1001') AS corrections`,
      );
      expect(counts).toEqual({ keys: 2402, joined: 2402, corrections: 1201 });
    } finally {
      db.close();
    }
  });
});
