// HEAD on an export's address, against the real server: the file's headers without building the
// file (Express would answer HEAD with the GET handler, which writes the whole export in the
// export queue), after the same checks the GET makes before running, so a 200 names a file the
// GET will build and a request the GET refuses is refused alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  // A small breakdown limit, so that a breakdown by buyer is refused before running.
  t = await startTestServer({ limits: { maxGroups: 5_000 } });
});
afterAll(() => t?.close());

const head = (path: string) => fetch(`${t.url}${path}`, { method: "HEAD" });

async function exportsDone(): Promise<number> {
  const health = await t.json<{ work: { exports: { done: number } } }>("/api/health");
  return health.work.exports.done;
}

describe("HEAD on an export", () => {
  it("answers the GET's headers without building the file", async () => {
    const path = "/api/indicators/sme_share/export?format=xlsx&by=region,year";
    const before = await exportsDone();
    const response = await head(path);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    // No export ran: the export queue did no job.
    expect(await exportsDone()).toBe(before);
    // Content-Length is known only once the file is written: left out (RFC 9110, 9.3.2).
    expect(response.headers.get("content-length")).toBeNull();
    const get = await t.get(path);
    expect(get.status).toBe(200);
    await get.arrayBuffer();
    expect(await exportsDone()).toBe(before + 1);
    for (const name of [
      "content-type",
      "content-disposition",
      "x-snapshot-id",
      "x-definition-version",
    ]) {
      expect(response.headers.get(name), name).toBe(get.headers.get(name));
    }
  });

  it("refuses what the GET refuses, before building anything", async () => {
    const before = await exportsDone();
    const cases: [string, number][] = [
      ["/api/indicators/sme_share/export?format=pdf", 400],
      ["/api/indicators/no_such_indicator/export?format=csv", 404],
      ["/api/indicators/sme_share/export?format=csv&region=99", 400],
      ["/api/indicators/sme_share/export?format=csv&regoin=53", 400],
      // More combinations than the limit: refused from the snapshot's counts.
      ["/api/indicators/contracts_count/export?format=csv&by=acheteur_id,year", 400],
    ];
    for (const [path, status] of cases) {
      expect((await head(path)).status, path).toBe(status);
      expect((await t.get(path)).status, path).toBe(status);
    }
    expect(await exportsDone()).toBe(before);
  });
});
