// Admission control on the real server (server/admission.ts, work.ts): heavy work held in its slot
// by the onJobStart hook, to see what the others get meanwhile. A full queue answers 503 with
// Retry-After at once; health and cached answers never wait; work whose client left is cancelled;
// the home page's warmed answers stay pinned whatever large answers come; 431 and 413 are JSON;
// a buyer's records to fix are an export like the others, in the exports' queue.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

interface Held {
  signal: AbortSignal;
  release: () => void;
}

/** Jobs wait here until released, so a slot stays taken as long as a test needs. */
class Gate {
  holding = false;
  readonly held: Held[] = [];
  private waiters: ((held: Held) => void)[] = [];

  onJobStart = async (_kind: string, signal: AbortSignal): Promise<void> => {
    if (!this.holding) return;
    await new Promise<void>((resolve) => {
      const held = { signal, release: resolve };
      const waiter = this.waiters.shift();
      if (waiter) waiter(held);
      else this.held.push(held);
    });
  };

  /** The next job to take a slot (or one already holding it). */
  next(): Promise<Held> {
    const ready = this.held.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

const gate = new Gate();
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    warmCache: true,
    cacheMb: 1,
    limits: { queries: { concurrency: 1, queue: 0 }, exports: { concurrency: 1, queue: 0 } },
    onJobStart: gate.onJobStart,
  });
  await t.server.warmed();
});
afterAll(() => t?.close());

describe("admission control", () => {
  it("answers 503 with Retry-After at once when the queue is full; health and cached answers still answer", async () => {
    gate.holding = true;
    const first = t.get("/api/indicators/contracts_count?by=region");
    const held = await gate.next();
    try {
      const refused = await t.get("/api/indicators/contracts_count?by=departement");
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await refused.json()) as {
        error: { code: string; limit: { name: string; value: number } };
      };
      expect(body.error.code).toBe("server_busy");
      expect(body.error.limit).toEqual({ name: "queries_queue", value: 0 });

      const health = await t.get("/api/health");
      expect(health.status).toBe(200);
      const stats = ((await health.json()) as { work: { queries: { running: number } } }).work;
      expect(stats.queries.running).toBe(1);
      const cached = await t.get("/api/indicators/contracts_count?by=year");
      expect(cached.status).toBe(200);
      expect(cached.headers.get("x-cache")).toBe("hit");
    } finally {
      gate.holding = false;
      held.release();
    }
    expect((await first).status).toBe(200);
  });

  it("runs a buyer's records to fix, as every export, in the exports' queue", async () => {
    const [buyer] = await queryFile(
      t.dbPath,
      "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    );
    const path = `/api/buyers/${String(buyer?.acheteur_id)}/quality/export?format=xlsx`;
    gate.holding = true;
    const first = t.get("/api/indicators/contracts_count/export?by=region&format=csv");
    const held = await gate.next();
    try {
      expect(t.server.work.exports.stats().running).toBe(1);
      const refused = await t.get(path);
      expect(refused.status).toBe(503);
      const body = (await refused.json()) as { error: { limit: { name: string } } };
      expect(body.error.limit.name).toBe("exports_queue");
    } finally {
      gate.holding = false;
      held.release();
    }
    expect((await first).status).toBe(200);
    const before = t.server.work.exports.stats().done;
    const served = await t.get(path);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-disposition")).toContain("_a-corriger.xlsx");
    expect(t.server.work.exports.stats().done).toBe(before + 1);
  });

  it("cancels the work of a client that left", async () => {
    gate.holding = true;
    const before = t.server.work.queries.stats().cancelled;
    const client = new AbortController();
    const leaving = fetch(`${t.url}/api/indicators/amount_total?by=departement`, {
      signal: client.signal,
    }).catch(() => null);
    const held = await gate.next();
    gate.holding = false;
    expect(held.signal.aborted).toBe(false);
    client.abort();
    await leaving;
    await new Promise<void>((resolve) =>
      held.signal.aborted ? resolve() : held.signal.addEventListener("abort", () => resolve()),
    );
    const ended = new Promise<unknown>((resolve) => t.server.work.queries.once("end", resolve));
    held.release();
    expect(await ended).toBe("cancelled");
    expect(t.server.work.queries.stats().cancelled).toBe(before + 1);
    expect(t.server.work.queries.stats().running).toBe(0);
  });

  it("keeps the home page's answers pinned whatever large answers come", async () => {
    const pinned = t.server.answers?.stats().pinned ?? 0;
    expect(pinned).toBeGreaterThan(0);
    // Enough distinct uncached answers to pass the 1 MB budget many times over.
    for (const by of ["acheteur_id", "acheteur_nom", "departement", "cpv_division"]) {
      for (const id of [
        "contracts_count",
        "amount_total",
        "amount_median",
        "single_offer_rate",
        "offers_mean",
        "duration_mean",
      ]) {
        await t.get(`/api/indicators/${id}?by=${by},year`);
      }
    }
    const after = t.server.answers?.stats();
    // The premise: the budget was passed, so eviction ran (some of the new answers went).
    expect(after?.entries).toBeLessThan(pinned + 24);
    expect(after?.pinned).toBe(pinned);
    const home = await t.get("/api/indicators/contracts_count?by=year");
    expect(home.headers.get("x-cache")).toBe("hit");
  });
});

/** A raw request, as a client that sends what fetch would not. */
function raw(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}${path}`, { method: "GET", headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(headers["content-length"] ? "x".repeat(Number(headers["content-length"])) : undefined);
  });
}

describe("errors before a route", () => {
  it("answers an over-long address with a JSON 431", async () => {
    const response = await raw(`/api/indicators?q=${"a".repeat(20_000)}`, {});
    expect(response.status).toBe(431);
    expect(JSON.parse(response.body)).toMatchObject({
      error: { status: 431, code: "headers_too_large" },
    });
  });

  it("answers a request body with a JSON 413", async () => {
    const response = await raw("/api/health", { "content-length": "5000" });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({
      error: { status: 413, code: "body_too_large" },
    });
  });
});
