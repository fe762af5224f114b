// `region==53`, as analysts write equality in other tools, is refused with what to write
// (« écrivez region=53 (un seul signe =) ») rather than « Code de région inconnu : « =53 » »,
// which sent them looking for a région that exists. One syntax stays one syntax.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../server/api-types.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

async function refusal(path: string): Promise<ApiErrorBody["error"]> {
  const response = await t.get(path);
  expect(response.status, path).toBe(400);
  return ((await response.json()) as ApiErrorBody).error;
}

describe("a doubled equals sign", () => {
  it("says which sign is too many and what to write, at its parameter", async () => {
    const cases: [string, string, string][] = [
      [
        `/api/indicators/sme_share?filter=${encodeURIComponent("region==53")}`,
        "filter",
        "le filtre « region==53 » a un signe = de trop : écrivez region=53 (un seul signe =)",
      ],
      [
        "/api/indicators/sme_share?region==53",
        "region",
        "le filtre « region==53 » a un signe = de trop : écrivez region=53 (un seul signe =)",
      ],
      [
        `/api/indicators/sme_share?filter=${encodeURIComponent("year>==2020")}`,
        "filter",
        "le filtre « year>==2020 » a un signe = de trop : écrivez year>=2020 (un seul signe =)",
      ],
      [
        `/api/indicators/sme_share/export?format=csv&filter=${encodeURIComponent("year==2024")}`,
        "filter",
        "le filtre « year==2024 » a un signe = de trop : écrivez year=2024 (un seul signe =)",
      ],
    ];
    for (const [path, param, message] of cases) {
      const error = await refusal(path);
      expect(error.param, path).toBe(param);
      expect(error.message, path).toBe(message);
    }
  });

  it("leaves the single sign as it was", async () => {
    for (const path of [
      `/api/indicators/sme_share?filter=${encodeURIComponent("region=53")}`,
      "/api/indicators/sme_share?region=53",
      "/api/indicators/sme_share?procedure=appel_offres_ouvert,procedure_adaptee",
    ]) {
      expect((await t.get(path)).status, path).toBe(200);
    }
    // An empty shorthand still says it has no value.
    expect((await refusal("/api/indicators/sme_share?region=")).message).toBe(
      "region n'a pas de valeur",
    );
  });
});
