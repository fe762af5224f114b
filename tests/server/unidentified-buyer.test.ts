// The placeholder buyer id of the shipped samples: the 2019 PLACE file publishes « SANS SUITE »
// records of several real buyers under 00000000000000. On the real server over the samples'
// snapshot, that id is no buyer named « SANS SUITE »: a breakdown by buyer labels it « Acheteur
// non identifié » and lists it after every identified buyer, and no peer ranking holds it.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuyerPeers, IndicatorResult } from "../../server/api-types.ts";
import { isPlaceholderPartyId } from "../../lib/party-ids.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

const PLACEHOLDER = "00000000000000";
const SAMPLE = "data/samples/real-v1-aife-place-2019-04.json";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());

describe("a placeholder buyer id", () => {
  it("is the rule's, and a real SIRET is not", () => {
    for (const id of [PLACEHOLDER, "000000000", "99999999999999"])
      expect(isPlaceholderPartyId(id), id).toBe(true);
    for (const id of ["23350001600040", "233500016", "0000000000000", "00000000000001"])
      expect(isPlaceholderPartyId(id), id).toBe(false);
  });

  it("is published in the shipped samples under several buyers' names, and given none", async () => {
    // A second reading of the file: the buyers' names published under the placeholder id.
    const text = readFileSync(SAMPLE, "latin1");
    const published = [
      ...text.matchAll(/"acheteur":\s*\{\s*"id":\s*"0{14}",\s*"nom":\s*"([^"]*)"/g),
    ].map((m) => m[1]);
    expect(new Set(published).size).toBeGreaterThan(1);
    const [buyer] = await queryFile(
      t.dbPath,
      "SELECT nom, type_acheteur FROM buyers WHERE acheteur_id = $1",
      [PLACEHOLDER],
    );
    expect(buyer).toEqual({ nom: null, type_acheteur: null });
  });

  // Slow: a breakdown by buyer of every indicator that has one (npm test, not the inner loop).
  it(
    "comes last in a breakdown by buyer, as « Acheteur non identifié »",
    { tags: ["slow"] },
    async () => {
      const catalogue = await t.json<{
        indicators: { id: string; shape: string; breakdowns: { id: string }[] }[];
      }>("/api/indicators");
      let checked = 0;
      for (const indicator of catalogue.indicators) {
        if (!indicator.breakdowns.some((b) => b.id === "acheteur_id")) continue;
        const result = await t.json<IndicatorResult>(
          `/api/indicators/${indicator.id}?by=acheteur_id`,
        );
        const ids = result.rows.map((r) => String(r.acheteur_id));
        const at = ids.indexOf(PLACEHOLDER);
        for (const row of result.rows) {
          expect(row.acheteur_id_label === "Acheteur non identifié", indicator.id).toBe(
            row.acheteur_id === PLACEHOLDER,
          );
        }
        if (at === -1) continue;
        // Its rows (one per category of a mix) close the list; the buyers before are in order:
        // a mix's by SIRET (its categories below each), any other's by figure, largest first.
        expect(new Set(ids.slice(at)), indicator.id).toEqual(new Set([PLACEHOLDER]));
        const identified = [...new Set(ids.slice(0, at))];
        if (indicator.shape === "mix") {
          expect(identified, indicator.id).toEqual([...identified].sort());
        } else {
          // Figures equal to 9 decimals are ties (a sum of doubles varies in its last bits).
          const values = result.rows
            .slice(0, at)
            .map((r) => (r.value === null ? -Infinity : Math.round(r.value * 1e9) / 1e9));
          expect(values, indicator.id).toEqual([...values].sort((a, b) => b - a));
        }
        checked += 1;
      }
      // The samples' placeholder contracts enter some indicator's breakdown.
      expect(checked).toBeGreaterThan(0);
    },
  );

  it("is never ranked among peers", async () => {
    const [busiest] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id, year(c.date_notification) AS year
         FROM contracts c JOIN buyers b USING (acheteur_id)
        WHERE b.type_acheteur IS NOT NULL AND year(c.date_notification) = 2019
        GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const body = await t.json<BuyerPeers>(
      `/api/buyers/${String(busiest?.acheteur_id)}/peers?year=2019&min_n=1`,
    );
    expect(body.indicators.length).toBeGreaterThan(0);
    for (const i of body.indicators)
      expect(i.ranking.map((r) => r.siret)).not.toContain(PLACEHOLDER);
    const own = await t.json<BuyerPeers>(`/api/buyers/${PLACEHOLDER}/peers`);
    expect(own.group).toBeNull();
  });
});
