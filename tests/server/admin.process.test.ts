// The run history, the refresh status, and the manual refresh behind a bearer token.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../server/refresh.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const TOKEN = "test-token-0123456789-long-enough-to-be-safe";

interface Runs {
  snapshot_id: string;
  refresh: { running: boolean; schedule: { cron: string } | null; last: { status: string } | null };
  runs: { run_id?: string; status?: string }[];
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ adminToken: TOKEN, warmCache: true });
});
afterAll(() => t?.close());

const post = (authorization?: string) =>
  fetch(`${t.url}/api/admin/refresh`, {
    method: "POST",
    headers: authorization ? { Authorization: authorization } : {},
  });

describe("runs and refresh", () => {
  it("lists the runs, newest first, with the refresh schedule", async () => {
    const body = await t.json<Runs>("/api/runs");
    expect(body.runs.length).toBeGreaterThan(0);
    expect(body.runs[0]?.run_id).toBe(body.snapshot_id);
    expect(body.refresh.running).toBe(false);
    // The schedule of the config the server read (the shipped observatory.config.json).
    const config = JSON.parse(readFileSync(DEFAULT_CONFIG, "utf8")) as {
      schedule: { cron: string };
    };
    expect(body.refresh.schedule?.cron).toBe(config.schedule.cron);
  });

  it("refuses a refresh without the right token", async () => {
    const none = await post();
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    expect(((await none.json()) as { error: { param: string } }).error.param).toBe("authorization");
    expect((await post("Bearer wrong")).status).toBe(401);
    expect((await post(TOKEN)).status).toBe(401);
  });

  it("runs a refresh with the token, recorded in the history", async () => {
    const before = (await t.json<Runs>("/api/runs")).runs.length;
    const response = await post(`Bearer ${TOKEN}`);
    expect(response.status).toBe(202);
    expect(((await response.json()) as { started: boolean }).started).toBe(true);
    let body = await t.json<Runs>("/api/runs");
    for (let i = 0; i < 120 && (body.refresh.running || body.refresh.last === null); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      body = await t.json<Runs>("/api/runs");
    }
    expect(body.refresh.running).toBe(false);
    expect(body.refresh.last?.status).toMatch(/^(ok|unchanged)$/);
    expect(body.runs.length).toBe(before + 1);
    expect((await t.get("/api/health")).status).toBe(200);
    // The snapshot now served (new, or the same when unchanged) has its home page computed ahead.
    await t.server.warmed();
    const card = await t.get("/api/indicators/contracts_count?by=year");
    expect(card.headers.get("x-cache")).toBe("hit");
    const served = (await card.json()) as { snapshot_id: string };
    expect(served.snapshot_id).toBe((await t.json<Runs>("/api/runs")).snapshot_id);
  });

  it("is off without a token, and other methods are refused", async () => {
    const plain = await startTestServer();
    try {
      expect((await fetch(`${plain.url}/api/admin/refresh`, { method: "POST" })).status).toBe(404);
      expect((await fetch(`${plain.url}/api/runs`, { method: "DELETE" })).status).toBe(405);
    } finally {
      await plain.close();
    }
  });

  it("shows no filesystem path in the runs or the refresh status", async () => {
    const text = await (await t.get("/api/runs")).text();
    expect(text).not.toContain(t.dir);
    expect(text).not.toMatch(/"(db|path|dir|file)":/);
    expect(text).not.toMatch(/\/tmp\//);
  });

  it("throttles and logs wrong tokens from one address", async () => {
    const guarded = await startTestServer({
      adminToken: TOKEN,
      adminThrottle: { attempts: 2, windowMs: 60_000 },
    });
    const attempt = (authorization: string) =>
      fetch(`${guarded.url}/api/admin/refresh`, {
        method: "POST",
        headers: { Authorization: authorization },
      });
    try {
      expect((await attempt("Bearer wrong-1")).status).toBe(401);
      expect((await attempt("Bearer wrong-2")).status).toBe(401);
      const locked = await attempt(`Bearer ${TOKEN}`);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await locked.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("too_many_attempts");
      expect(body.error.message).toMatch(/réessayez dans \d+ s/);
      expect(guarded.logs.filter((l) => l.includes("wrong or missing token from")).length).toBe(2);
      expect(guarded.logs.some((l) => /refresh refused to .*too many wrong tokens/.test(l))).toBe(
        true,
      );
    } finally {
      await guarded.close();
    }
  });

  it("refuses to start with an admin token shorter than 32 characters", async () => {
    await expect(startTestServer({ adminToken: "x".repeat(31) })).rejects.toThrow(
      /OBSERVATORY_ADMIN_TOKEN must be at least 32 characters long \(it has 31\)/,
    );
    await expect(startTestServer({ adminToken: "" })).rejects.toThrow(/it has 0/);
  });
});
