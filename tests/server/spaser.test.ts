// « Mon SPASER » and peers on the real server over the samples' snapshot, checked against a
// computation of our own: straight SQL on the snapshot file for the figures, and the per-buyer
// answers of the indicator API, re-aggregated here in JavaScript, for the peers' quartiles and
// ranking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  BuyerPeers,
  BuyerSpaser,
  IndicatorResult,
  SpaserIndicator,
} from "../../server/api-types.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
/** The dashboard's words of a status (a plain module, loaded as the browser does). */
let statusText: (r: SpaserIndicator) => string;
beforeAll(async () => {
  t = await startTestServer();
  const section = new URL("../../client/src/components/spaser-section.js", import.meta.url);
  ({ statusText } = (await import(section.href)) as { statusText: typeof statusText });
});
afterAll(() => t?.close());

const SOCIAL = ["clause_sociale", "critere_social", "marche_reserve"];

describe("Mon SPASER", () => {
  it("shows Région Bretagne's own targets, then the national ones, each with a source", async () => {
    const siret = "23350001600040";
    const body = await t.json<BuyerSpaser>(`/api/buyers/${siret}/spaser?year=2021`);
    expect(body.plan?.id).toBe("region_bretagne");
    expect(body.plan?.adopted).toBeNull();
    expect(body.covered_sirets).toEqual([siret]);
    const years = await queryFile(
      t.dbPath,
      `SELECT year(date_notification) AS year, count(*) AS contracts,
              count(*) FILTER (WHERE decp_format <> 'v1') AS contracts_2024_format
         FROM contracts WHERE acheteur_id = $1 AND date_notification IS NOT NULL
        GROUP BY 1 ORDER BY 1`,
      [siret],
    );
    expect(body.years).toEqual(years);
    expect(body.indicators.map((i) => [i.indicator, i.origin])).toEqual([
      ["sme_advance_share", "buyer"],
      ["first_time_supplier_share", "buyer"],
      ["social_consideration_share", "national"],
      ["environmental_consideration_share", "national"],
      ["climate_law_environmental_share", "national"],
    ]);
    for (const i of body.indicators) expect(i.source.name).toMatch(/\S/);
    // 2021: the Région published in the 2019 format only, so the 2024-format indicators say so.
    const in2021 = years.find((y) => y.year === 2021);
    expect(in2021?.contracts_2024_format).toBe(0);
    // The Climate law's figure, whose rule starts on 21 August 2026, does not apply to 2021 at
    // all, whatever the format.
    for (const i of body.indicators.filter((i) => i.requires_format === "v2"))
      expect([i.indicator, i.status]).toEqual([
        i.indicator,
        i.indicator === "climate_law_environmental_share" ? "not_applicable" : "no_2024_format",
      ]);
  });

  it("says unknown, not « trop peu de marchés », when no concerned contract has the information", async () => {
    // Région Bretagne in 2024: 2 contracts, whose source publishes none of these fields (N = 0,
    // couverture 0 %). The engine flags the row below_min_n as well; a buyer must not read it
    // as a small sample.
    const body = await t.json<BuyerSpaser>("/api/buyers/23350001600040/spaser?year=2024");
    const unpublished = body.indicators.filter(
      (i) => i.current !== null && i.current.n_scope > 0 && i.current.n === 0,
    );
    expect(unpublished.map((i) => i.indicator)).toEqual([
      "sme_advance_share",
      "first_time_supplier_share",
      "social_consideration_share",
      "environmental_consideration_share",
    ]);
    for (const i of unpublished) {
      expect(i.current?.coverage).toBe(0);
      expect([i.indicator, i.status]).toEqual([i.indicator, "unknown"]);
      expect(statusText(i)).toBe("information inconnue pour les marchés de l'année");
    }
  });

  it("computes a buyer's figure, gap and status as the contracts say", async () => {
    const [buyer] = await queryFile(
      t.dbPath,
      `SELECT acheteur_id FROM contracts
        WHERE decp_format <> 'v1' AND year(date_notification) = 2024 AND considerations_sociales IS NOT NULL
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const siret = String(buyer?.acheteur_id);
    const [truth] = await queryFile(
      t.dbPath,
      `SELECT count(*) FILTER (WHERE considerations_sociales IS NOT NULL) AS n,
              count(*) FILTER (WHERE list_has_any(considerations_sociales, ['${SOCIAL.join("','")}'])) AS yes
         FROM contracts
        WHERE acheteur_id = $1 AND decp_format <> 'v1' AND year(date_notification) = 2024`,
      [siret],
    );
    const n = Number(truth?.n);
    const value = Number(truth?.yes) / n;
    const body = await t.json<BuyerSpaser>(`/api/buyers/${siret}/spaser?year=2024`);
    expect(body.plan).toBeNull();
    const social = body.indicators.find((i) => i.indicator === "social_consideration_share");
    expect(social?.current?.n).toBe(n);
    expect(social?.current?.value).toBeCloseTo(value, 12);
    expect(social?.target).toEqual({ year: 2025, value: 0.3 });
    expect(social?.gap).toBeCloseTo(value - 0.3, 12);
    // 2024 is before the target's year (2025): its distance to it, no verdict either way.
    expect(n).toBeGreaterThanOrEqual(10);
    expect(social?.status).toBe("not_due");
  });

  it("answers 404 for a buyer without contracts and 400 for a year out of bounds", async () => {
    expect((await t.get("/api/buyers/12345678901234/spaser")).status).toBe(404);
    expect((await t.get("/api/buyers/23350001600040/spaser?year=abc")).status).toBe(400);
  });
});

/** Linear interpolation between order statistics, as DuckDB's quantile_cont. */
function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const low = Math.floor(pos);
  const high = Math.ceil(pos);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (pos - low);
}

describe("peers", () => {
  it("place a buyer among buyers of its type, as the indicator's per-buyer figures say", async () => {
    const [busiest] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id, year(c.date_notification) AS year, b.type_acheteur
         FROM contracts c JOIN buyers b USING (acheteur_id)
        WHERE b.type_acheteur IS NOT NULL AND c.date_notification IS NOT NULL
        GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
    );
    const siret = String(busiest?.acheteur_id);
    const year = Number(busiest?.year);
    const body = await t.json<BuyerPeers>(`/api/buyers/${siret}/peers?year=${year}`);
    expect(body.group?.id).toBe(busiest?.type_acheteur);
    expect(body.indicators.length).toBeGreaterThan(0);
    const sameType = new Set(
      (
        await queryFile(t.dbPath, "SELECT acheteur_id FROM buyers WHERE type_acheteur = $1", [
          String(busiest?.type_acheteur),
        ])
      ).map((r) => String(r.acheteur_id)),
    );
    let compared = 0;
    for (const indicator of body.indicators) {
      const perBuyer = await t.json<IndicatorResult>(
        `/api/indicators/${indicator.indicator}?by=acheteur_id&filter=year=${year}`,
      );
      const ranked = perBuyer.rows.filter(
        (r) => sameType.has(String(r.acheteur_id)) && r.value !== null && r.n >= indicator.min_n,
      );
      // The peers are the other buyers: the buyer is in neither their count nor their
      // quartiles, while its rank is among every buyer ranked, itself included.
      const peers = ranked.filter((r) => r.acheteur_id !== siret);
      const values = peers.map((r) => Number(r.value)).sort((a, b) => a - b);
      expect(indicator.peers.count, indicator.indicator).toBe(values.length);
      const buyerRanked = ranked.length > peers.length;
      expect(indicator.buyer?.rank_among ?? null).toBe(buyerRanked ? ranked.length : null);
      for (const [key, q] of [
        ["q1", 0.25],
        ["median", 0.5],
        ["q3", 0.75],
      ] as const) {
        const expected = quantile(values, q);
        if (expected === null) expect(indicator.peers[key]).toBeNull();
        else expect(indicator.peers[key]).toBeCloseTo(expected, 12);
      }
      const down = indicator.polarity === "lower_is_better" ? 1 : -1;
      expect(indicator.ranking.map((r) => r.value)).toEqual(
        ranked.map((r) => Number(r.value)).sort((a, b) => down * (b - a)),
      );
      expect(new Set(indicator.ranking.map((r) => r.siret))).toEqual(
        new Set(ranked.map((r) => String(r.acheteur_id))),
      );
      const own = perBuyer.rows.find((r) => r.acheteur_id === siret);
      expect(indicator.buyer?.value ?? null).toBe(own?.value ?? null);
      // Each figure with its coverage, as the indicator's answer gives it.
      expect(indicator.buyer?.coverage ?? null).toBe(own?.coverage ?? null);
      const national = await t.json<IndicatorResult>(
        `/api/indicators/${indicator.indicator}?filter=year=${year}`,
      );
      expect(indicator.national.value).toBe(national.rows[0]?.value ?? null);
      expect(indicator.national.coverage).toBe(national.rows[0]?.coverage ?? null);
      if (ranked.length > 0) compared += 1;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it("has no group, and says so, for a buyer of unknown type", async () => {
    const [unknown] = await queryFile(
      t.dbPath,
      "SELECT acheteur_id FROM buyers WHERE type_acheteur IS NULL ORDER BY 1 LIMIT 1",
    );
    const body = await t.json<BuyerPeers>(`/api/buyers/${String(unknown?.acheteur_id)}/peers`);
    expect(body.group).toBeNull();
    expect(body.indicators).toEqual([]);
    expect(body.rule).toMatch(/même type/);
  });
});
