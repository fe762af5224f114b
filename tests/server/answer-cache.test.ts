// The server's answer cache on a real snapshot: the same answer from memory for the same checked
// request, a fresh answer as soon as a new snapshot is served, the home page computed ahead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { loadCatalogue } from "../../indicators/index.ts";
import { homePageRequests } from "../../server/warm-cache.ts";
import { startTestServer, TEST_NOW, type TestServer } from "./helpers/test-server.ts";

interface Health {
  snapshot_id: string;
  answer_cache: { entries: number; hits: number; misses: number } | null;
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ warmCache: true });
  await t.server.warmed();
});
afterAll(() => t?.close());

const addressOf = (id: string, query: Record<string, unknown>) =>
  `/api/indicators/${id}` + (query.by ? `?by=${String(query.by)}` : "");

describe("answer cache", () => {
  it("has the home page's answers ready once the server has warmed up", async () => {
    const requests = homePageRequests(loadCatalogue());
    expect(requests.length).toBeGreaterThan(loadCatalogue().definitions.length);
    const health = await t.json<Health>("/api/health");
    expect(health.answer_cache?.entries).toBe(requests.length);
    for (const { id, query } of requests) {
      const response = await t.get(addressOf(id, query));
      expect(response.status, addressOf(id, query)).toBe(200);
      expect(response.headers.get("x-cache"), addressOf(id, query)).toBe("hit");
    }
  });

  it("answers a repeated request from memory with the same body", async () => {
    const path = "/api/indicators/single_offer_rate?by=procedure&filter=year%3D2024";
    const first = await t.get(path);
    const second = await t.get(path);
    expect(first.headers.get("x-cache")).toBe("miss");
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(await second.text()).toBe(await first.text());
  });

  it("shares an entry between two spellings of one request", async () => {
    const first = await t.get("/api/indicators/contracts_count?by=region&filter=year%3D2023");
    const second = await t.get("/api/indicators/contracts_count?filter=year=2023&by=region");
    expect(first.status).toBe(200);
    expect(second.headers.get("x-cache")).toBe("hit");
  });

  it("never caches an error", async () => {
    const bad = "/api/indicators/contracts_count?by=nowhere";
    expect((await t.get(bad)).status).toBe(400);
    const before = (await t.json<Health>("/api/health")).answer_cache?.entries;
    expect((await t.get(bad)).status).toBe(400);
    expect((await t.json<Health>("/api/health")).answer_cache?.entries).toBe(before);
  });

  it("computes afresh as soon as a new snapshot is served", { tags: ["slow"] }, async () => {
    const path = "/api/indicators/contracts_count?by=year";
    expect((await t.get(path)).headers.get("x-cache")).toBe("hit");
    // A new snapshot never answers from the old one's cache.
    // One daily file (seconds, where the samples take a minute), forced past the shrink guard.
    const report = await runEtl({
      inputs: [join(SAMPLES_DIR, "real-v2-dematis-daily-2024-07-16.json")],
      dbPath: t.dbPath,
      today: TEST_NOW,
      force: true,
    });
    expect(report.status).toBe("ok");
    const response = await t.get(path);
    expect(response.headers.get("x-cache")).toBe("miss");
    const body = (await response.json()) as { snapshot_id: string };
    expect(body.snapshot_id).toBe(report.run_id);
    await t.server.warmed();
  });
});
