// The front door (server/front-door.ts) on the real server, answer cache off: while the query
// queue is full, an indicator answer is refused before any routing with the very status, headers
// and body the API's own refusal gives, and counted; health answers from there too, with the
// API's headers; whatever the front door cannot judge (an unknown indicator, an export, a body)
// goes on to the API as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

/** Holds each query job that takes a slot until released, so that the queue stays full. */
class Gate {
  holding = true;
  private releases: (() => void)[] = [];
  private started: (() => void)[] = [];

  onJobStart = async (kind: string): Promise<void> => {
    if (!this.holding || kind !== "queries") return;
    this.started.shift()?.();
    await new Promise<void>((resolve) => this.releases.push(resolve));
  };

  /** Resolves once a job holds its slot. */
  taken(): Promise<void> {
    return new Promise((resolve) => this.started.push(resolve));
  }

  release(): void {
    this.holding = false;
    for (const release of this.releases.splice(0)) release();
  }
}

const gate = new Gate();
let t: TestServer;
let holding: Promise<Response>;
beforeAll(async () => {
  t = await startTestServer({
    cacheMb: 0,
    limits: { queries: { concurrency: 1, queue: 0 }, exports: { concurrency: 1, queue: 0 } },
    onJobStart: gate.onJobStart,
  });
  const taken = gate.taken();
  holding = t.get("/api/indicators/contracts_count?by=region");
  await taken;
});
afterAll(async () => {
  gate.release();
  await holding;
  await t?.close();
});

/** The headers of an answer but its date. */
const headersOf = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => name !== "date"));

describe("the front door, queue full and cache off", () => {
  it("refuses an indicator answer with the API's own 503, and counts it", async () => {
    const before = t.server.work.queries.stats().refused;
    const refused = await t.get("/api/indicators/amount_total?by=departement");
    // Refused by the API itself, through its routers (buyer search runs in the same queue).
    const reference = await t.get("/api/buyers?q=commune");
    expect(refused.status).toBe(503);
    expect(reference.status).toBe(503);
    expect(await refused.json()).toEqual(await reference.json());
    expect(headersOf(refused)).toEqual(headersOf(reference));
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(t.server.work.queries.stats().refused).toBe(before + 2);
  });

  it("decides before reading the query: a request the API would find wrong is refused too", async () => {
    const refused = await t.get("/api/indicators/amount_total?by=nonsense");
    expect(refused.status).toBe(503);
  });

  it("answers health with the API's headers while the queue is full", async () => {
    const health = await t.get("/api/health");
    expect(health.status).toBe(200);
    const body = (await health.json()) as {
      snapshot_id: string;
      status: string;
      work: { queries: { running: number; refused: number } };
    };
    expect(body.status).toBe("ok");
    expect(body.work.queries.running).toBe(1);
    expect(health.headers.get("x-snapshot-id")).toBe(body.snapshot_id);
    expect(health.headers.get("cache-control")).toBe("no-store");
    expect(health.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(health.headers.get("content-type")).toBe("application/json; charset=utf-8");
    // A query string is not the front door's: the API refuses the unknown parameter.
    expect((await t.get("/api/health?x=1")).status).toBe(400);
  });

  it("leaves to the API what it cannot judge", async () => {
    expect((await t.get("/api/indicators/no_such_indicator")).status).toBe(404);
    const catalogue = await t.get("/api/indicators");
    expect(catalogue.status).toBe(200);
    // An export runs in the other queue, which is free.
    const exported = await t.get("/api/indicators/contracts_count/export?format=csv");
    expect(exported.status).toBe(200);
  });
});
