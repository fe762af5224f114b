// The year a buyer's follow-up opens on when none is asked (server/spaser/followed-year.ts):
// « Mon SPASER » and the peers answer the same year, the latest with enough contracts to judge
// (the catalogue's largest minimum N), else the latest, and say why in `year_choice`. Checked on
// the samples' snapshot against straight SQL, and the rule on hand-made years.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuyerPeers, BuyerSpaser } from "../../server/api-types.ts";
import { chooseYear } from "../../server/spaser/followed-year.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const BRETAGNE = "23350001600040";

describe("a buyer's followed year", () => {
  it("opens Région Bretagne on 2021 (191 contracts), not 2024 (2), in Mon SPASER and its peers", async () => {
    const years = await queryFile(
      t.dbPath,
      `SELECT year(date_notification) AS year, count(*) AS contracts FROM contracts
        WHERE acheteur_id = $1 AND date_notification IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [BRETAGNE],
    );
    expect(years.at(-1)).toEqual({ year: 2024, contracts: 2 });
    expect(years.find((y) => y.year === 2021)).toEqual({ year: 2021, contracts: 191 });
    const why = {
      reason: "enough_contracts",
      latest: { year: 2024, contracts: 2 },
      min_contracts: 10,
    };
    const spaser = await t.json<BuyerSpaser>(`/api/buyers/${BRETAGNE}/spaser`);
    expect([spaser.year, spaser.year_choice]).toEqual([2021, why]);
    const peers = await t.json<BuyerPeers>(`/api/buyers/${BRETAGNE}/peers`);
    expect([peers.year, peers.year_choice]).toEqual([2021, why]);
    // The year asked still wins.
    const asked = await t.json<BuyerSpaser>(`/api/buyers/${BRETAGNE}/spaser?year=2024`);
    expect([asked.year, asked.year_choice.reason]).toEqual([2024, "asked"]);
    const askedPeers = await t.json<BuyerPeers>(`/api/buyers/${BRETAGNE}/peers?year=2018`);
    expect([askedPeers.year, askedPeers.year_choice.reason]).toEqual([2018, "asked"]);
  });

  it("keeps the latest year of a buyer whose latest year holds enough contracts", async () => {
    const [busy] = await queryFile(
      t.dbPath,
      `WITH y AS (SELECT acheteur_id, year(date_notification) AS year, count(*) AS n
                    FROM contracts WHERE date_notification IS NOT NULL GROUP BY 1, 2),
            last AS (SELECT acheteur_id, arg_max(year, year) AS year, arg_max(n, year) AS n
                       FROM y GROUP BY 1)
       SELECT acheteur_id, year, n FROM last WHERE n >= 10 ORDER BY n DESC, 1 LIMIT 1`,
    );
    const siret = String(busy?.acheteur_id);
    const spaser = await t.json<BuyerSpaser>(`/api/buyers/${siret}/spaser`);
    expect(spaser.covered_sirets).toEqual([siret]);
    expect([spaser.year, spaser.year_choice.reason]).toEqual([Number(busy?.year), "latest"]);
    const peers = await t.json<BuyerPeers>(`/api/buyers/${siret}/peers`);
    expect(peers.year).toBe(spaser.year);
  });

  it("falls back to the latest year when no year holds enough contracts", () => {
    const years = [
      { year: 2019, contracts: 3, contracts_2024_format: 0 },
      { year: 2023, contracts: 9, contracts_2024_format: 0 },
      { year: 2024, contracts: 1, contracts_2024_format: 1 },
    ];
    expect(chooseYear(years, null, 10)).toEqual({
      year: 2024,
      choice: { reason: "latest_few", latest: { year: 2024, contracts: 1 }, min_contracts: 10 },
    });
    expect(chooseYear(years, null, 5).year).toBe(2023);
    expect(chooseYear([], null, 10)).toEqual({
      year: null,
      choice: { reason: "none", latest: null, min_contracts: 10 },
    });
  });
});
