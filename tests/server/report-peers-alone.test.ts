// A buyer that is the only one of its group counted in a year is compared with no one: the
// report said « 1 % (N = 191), rang 1 sur 1 » and gave its own value as the peers' quartiles
// and median (Région Bretagne in 2021, the only Région of the samples with ten contracts that
// year), which reads as a comparison won, and « Pairs comptés : 1 » beside « aucun autre pair »:
// the peers counted are the other buyers (Commune de Lyon's 2019 « Pairs comptés 16 » counted
// Lyon beside « Rang 14 sur 16 »). On the real server and in peerCells itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuyerPeers, PeerIndicator } from "../../server/api-types.ts";
import { peerCells } from "../../server/report/words-peers.ts";
import { pageText, visibleText } from "./helpers/report-page.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const BRETAGNE = "23350001600040";
const LYON = "21690123100011";
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
    const alone = peers.indicators.filter((r) => r.buyer?.rank === 1 && r.buyer.rank_among === 1);
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
      expect(r.peers.count, r.indicator).toBe(0);
      expect(peerCells(r)[5]).toBe("aucun autre acheteur (au moins 10 marchés chacun)");
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
      buyer: { value: 0.2, n: 40, coverage: 1, rank: 2, rank_among: 4 },
      peers: { count: 3, q1: 0.1, median: 0.2, q3: 0.3 },
      national: { value: 0.25, n: 900, coverage: 1 },
      ranking: [],
    };
    const [, buyer, q1, median, , counted] = peerCells(r);
    expect(buyer).toMatch(/rang 2 sur 4, cet acheteur compris$/);
    expect(counted).toBe("3 autres acheteurs (au moins 10 marchés chacun)");
    expect([q1, median].map(plain)).toEqual(["10 %", "20 %"]);
  });
});

describe("the peers counted beside a buyer's rank", () => {
  it("are the other buyers, and the rank is among all, the buyer included, in the API and the report", async () => {
    const peers = await t.json<BuyerPeers>(`/api/buyers/${LYON}/peers?year=2019`);
    const r = peers.indicators.find((i) => i.indicator === "no_publicity_share");
    // Lyon and 15 other communes of its size are ranked; Lyon is 14th.
    expect(r?.ranking.length).toBe(16);
    expect(r?.ranking.some((p) => p.siret === LYON)).toBe(true);
    expect(r?.peers.count).toBe(15);
    expect([r?.buyer?.rank, r?.buyer?.rank_among]).toEqual([14, 16]);
    if (!r) return;
    // The quartiles are the other buyers' values (DuckDB's quantile_cont: linear interpolation).
    const others = r.ranking.filter((p) => p.siret !== LYON).map((p) => p.value);
    const sorted = others.sort((a, b) => a - b);
    const quantile = (q: number) => {
      const pos = (sorted.length - 1) * q;
      const low = sorted[Math.floor(pos)] ?? 0;
      return low + ((sorted[Math.ceil(pos)] ?? 0) - low) * (pos - Math.floor(pos));
    };
    expect(r.peers.q1).toBeCloseTo(quantile(0.25), 12);
    expect(r.peers.median).toBeCloseTo(quantile(0.5), 12);
    expect(r.peers.q3).toBeCloseTo(quantile(0.75), 12);
    const [, buyer, , , , counted] = peerCells(r);
    expect(buyer).toMatch(/rang 14 sur 16, cet acheteur compris$/);
    expect(counted).toBe("15 autres acheteurs (au moins 10 marchés chacun)");
    const page = plain(
      visibleText(await pageText(t, `/api/buyers/${LYON}/report?year=2019`)).replaceAll(
        "&#39;",
        "'",
      ),
    );
    expect(page).toContain(plain(`${r.title} ${buyer}`));
    expect(page).toContain("cet acheteur n'entre ni dans leur nombre ni dans leurs quartiles");
  });
});
