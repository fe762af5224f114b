// The report's earlier value of an indicator is the latest earlier year with contracts concerned,
// even when none of them has the information: Région Bretagne's 2021 report said « pas d'année
// précédente avec des marchés » of its ESS share, while 2018 had 1 contract whose ESS status is
// unknown (the API: n = 0, n_scope = 1, coverage 0). Unknown is said unknown, never « none ».
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../server/api-types.ts";
import { pageText, visibleText } from "./helpers/report-page.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const BRETAGNE = "23350001600040";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());

/** The words of one indicator's block of the report, spaces plain. */
async function block(siret: string, year: number, indicator: string): Promise<string> {
  const page = await pageText(t, `/api/buyers/${siret}/report?year=${year}`);
  const part = page
    .split(/(?=<article\b)/)
    .find((p) => p.includes(`data-indicator="${indicator}"`));
  return visibleText(part ?? "")
    .replaceAll("&#39;", "'")
    .replace(/\s+/g, " ");
}

describe("the report's earlier value of an indicator", () => {
  it("names a year whose contracts lack the information as unknown, with its N and coverage", async () => {
    const api = await t.json<IndicatorResult>(
      `/api/indicators/ess_share?acheteur_id=${BRETAGNE}&grain=year`,
    );
    const earlier = api.rows.filter((r) => typeof r.year === "number" && r.year < 2021);
    // The data as the tester saw them: 2018 is the only earlier year, its one contract unknown.
    expect(earlier.map((r) => [r.year, r.n, r.n_scope, r.coverage])).toEqual([[2018, 0, 1, 0]]);
    const words = await block(BRETAGNE, 2021, "ess_share");
    expect(words).toContain(
      "Dernière année avec des marchés concernés avant 2021 information inconnue en 2018 (N = 0 sur 1 marché concerné, couverture 0 %)",
    );
    expect(words).not.toContain("pas d'année précédente");
  });

  it("still gives a known earlier value with its N", async () => {
    const words = await block(BRETAGNE, 2021, "sme_share");
    expect(words).toMatch(/Dernière année connue avant 2021 [\d,]+ % en 2018 \(N = \d+/);
  });
});
