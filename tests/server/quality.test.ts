// Rejects and field issues of the current snapshot, browsable through the API: counts match the
// snapshot's tables, pages hold the raw records, filters are bound values, bad input is a 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

interface Browse {
  total: number;
  groups: Record<string, string | number>[];
  by_source: { source: string; count: number }[];
  rows: Record<string, unknown>[];
}

describe("GET /api/rejects", () => {
  it("counts the rejects by reason as the snapshot holds them", async () => {
    const body = await t.json<Browse>("/api/rejects");
    const truth = await queryFile(
      t.dbPath,
      "SELECT reason, count(*) AS count FROM rejects GROUP BY reason ORDER BY count DESC, reason",
    );
    expect(body.groups).toEqual(truth);
    expect(body.total).toBe(truth.reduce((sum, r) => sum + Number(r.count), 0));
    expect(body.total).toBeGreaterThan(50);
  });

  it("filters by reason (a bound value) and pages the raw records", async () => {
    const reason = "fictitious test record (see test-records.ts)";
    const body = await t.json<Browse>(
      `/api/rejects?reason=${encodeURIComponent(reason)}&limit=5&offset=5`,
    );
    expect(body.rows).toHaveLength(5);
    expect(body.rows.every((r) => r.reason === reason)).toBe(true);
    const first = body.rows[0];
    expect(JSON.parse(String(first.raw))).toHaveProperty("acheteur");
    const whole = await t.json<{ record: { raw: string } }>(
      `/api/rejects/record?source=${encodeURIComponent(String(first.source))}&position=${first.position}`,
    );
    expect(whole.record.raw.startsWith(String(first.raw).slice(0, 100))).toBe(true);
  });

  it("treats hostile text as a value, and refuses unknown parameters", async () => {
    const hostile = await t.json<Browse>(
      `/api/rejects?reason=${encodeURIComponent("';DROP TABLE rejects;--")}`,
    );
    expect(hostile.total).toBe(0);
    const unknown = await t.get("/api/rejects?raw=1");
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { param: string } }).error.param).toBe("raw");
    const missing = await t.get("/api/rejects/record?source=nothing&position=3");
    expect(missing.status).toBe(404);
  });
});

describe("GET /api/field-issues", () => {
  it("counts issues by problem and action, and filters by action", async () => {
    const body = await t.json<Browse>("/api/field-issues?action=nulled&limit=3");
    const truth = await queryFile(
      t.dbPath,
      "SELECT problem, action, count(*) AS count FROM field_issues WHERE action = $1 GROUP BY ALL ORDER BY count DESC, problem, action",
      ["nulled"],
    );
    expect(body.groups).toEqual(truth);
    expect(body.rows).toHaveLength(3);
    expect(body.rows.every((r) => r.action === "nulled")).toBe(true);
  });
});
