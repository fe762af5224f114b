// A period whose lower bound is above its upper bound (`year>=2025` and `year<=2020`) is refused
// with a 400 in French naming both filters: computed, it answered N = 0 with no flag, which reads
// as « no contract » when the request itself is wrong. A period that is merely empty (2030) is
// still computed as N = 0.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../server/api-types.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const q = (...filters: string[]) => filters.map((f) => `filter=${encodeURIComponent(f)}`).join("&");

async function refusal(path: string): Promise<ApiErrorBody["error"]> {
  const response = await t.get(path);
  expect(response.status, path).toBe(400);
  return ((await response.json()) as ApiErrorBody).error;
}

describe("contradictory bounds of one dimension", () => {
  it("are refused, naming both filters, on the indicator and its export", async () => {
    for (const path of [
      `/api/indicators/sme_share?${q("year>=2025", "year<=2020")}`,
      `/api/indicators/sme_share/export?format=csv&${q("year>=2025", "year<=2020")}`,
    ]) {
      const error = await refusal(path);
      expect(error).toMatchObject({ code: "invalid_filter", param: "filter" });
      expect(error.message).toBe(
        "les filtres « year>=2025 » et « year<=2020 » se contredisent : la borne basse de year dépasse sa borne haute, aucun marché ne peut les remplir ensemble ; vérifiez l'ordre des bornes",
      );
    }
    // Strict bounds that meet, an equality outside a bound, months: the same.
    expect(
      (await refusal(`/api/indicators/sme_share?${q("year>2024", "year<=2024")}`)).message,
    ).toMatch(/« year>2024 » et « year<=2024 »/);
    expect(
      (await refusal(`/api/indicators/sme_share?year=2019&${q("year>=2024")}`)).message,
    ).toMatch(/« year>=2024 » et « year=2019 »/);
    expect(
      (await refusal(`/api/indicators/offers_mean?${q("month>=2024-07", "month<2019-01")}`))
        .message,
    ).toMatch(/« month>=2024-07 » et « month<2019-01 »/);
  });

  it("leaves bounds that meet, and an empty period, to the computation", async () => {
    const rows = async (query: string) => {
      const response = await t.get(`/api/indicators/sme_share?${query}`);
      expect(response.status, query).toBe(200);
      return ((await response.json()) as { rows: { n: number }[] }).rows;
    };
    expect((await rows(q("year>=2024", "year<=2024")))[0]?.n).toBeGreaterThan(0);
    expect((await rows(q("year>=2019", "year<=2024")))[0]?.n).toBeGreaterThan(0);
    expect((await rows("year=2030"))[0]?.n).toBe(0);
    expect((await rows(q("year>=2030")))[0]?.n).toBe(0);
  });
});
