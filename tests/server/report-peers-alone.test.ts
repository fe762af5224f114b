// A buyer that is the only one of its group counted in a year is compared with no one: the
// report said « 1 % (N = 191), rang 1 sur 1 » and gave its own value as the peers' quartiles
// and median (Région Bretagne in 2021, the only Région of the samples with ten contracts that
// year), which reads as a comparison won. On the real server and in peerCells itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuyerPeers, PeerIndicator } from "../../server/api-types.ts";
import { peerCells } from "../../server/report/words-peers.ts";
import { pageText, visibleText } from "./helpers/report-page.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const BRETAGNE = "23350001600040";
/** Spaces as a reader sees them: the figures hold no-break spaces. */
const plain = (text: string) => text.replace(/\s+/g, " ");

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());

describe("the peers of a buyer alone in its group", () => {
  it("says there is no other peer instead of quartiles and « rang 1 sur 1 »", async () => {
    const peers = await t.json<BuyerPeers>(`/api/buyers/${BRETAGNE}/peers?year=2021`);
    const alone = peers.indicators.filter((r) => r.buyer?.rank === 1 && r.peers.count === 1);
    // The samples hold such indicators (no publicity, published within two months).
    expect(alone.length).toBeGreaterThan(0);
    const page = visibleText(await pageText(t, `/api/buyers/${BRETAGNE}/report?year=2021`))
      .replaceAll("&#39;", "'")
      .replace(/\s+/g, " ");
    expect(page).toContain("seul acheteur du groupe");
    expect(page).not.toContain("rang 1 sur 1");
    for (const r of alone) {
      const [, buyer, q1, median, q3] = peerCells(r);
      expect(buyer, r.indicator).toContain("seul acheteur du groupe avec assez de marchés");
      expect([q1, median, q3], r.indicator).toEqual(Array(3).fill("aucun autre pair"));
      expect(page, r.indicator).toContain(plain(`${r.title} ${buyer} aucun autre pair`));
    }
  });

  it("keeps the quartiles and the rank when other peers are counted", () => {
    const r: PeerIndicator = {
      indicator: "single_offer_rate",
      title: "Taux d'offre unique",
      format: "percent",
      polarity: "lower_is_better",
      min_n: 10,
      not_applicable: null,
      buyer: { value: 0.2, n: 40, coverage: 1, rank: 2 },
      peers: { count: 3, q1: 0.1, median: 0.2, q3: 0.3 },
      national: { value: 0.25, n: 900, coverage: 1 },
      ranking: [],
    };
    const [, buyer, q1, median] = peerCells(r);
    expect(buyer).toMatch(/rang 2 sur 3$/);
    expect([q1, median].map(plain)).toEqual(["10 %", "20 %"]);
  });
});
