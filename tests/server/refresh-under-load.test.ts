// Concurrent API requests during a refresh and its swap: zero failed responses, every answer from
// one whole snapshot (its numbers match the snapshot id it names), and the new snapshot served after.
// @module-tag slow
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { startTestServer, TEST_NOW, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const PATHS = [
  "/api/health",
  "/api/indicators/contracts_count",
  "/api/indicators/procedure_mix?by=year",
  "/api/indicators",
];

describe("a refresh under load", () => {
  it("fails no request and never mixes snapshots", async () => {
    const before = await t.json<{ snapshot_id: string; snapshot: { contracts: number } }>(
      "/api/health",
    );
    const failures: string[] = [];
    const contractsBySnapshot = new Map<string, Set<number>>();
    let requests = 0;
    let stop = false;
    const client = async (offset: number) => {
      for (let i = offset; !stop; i++) {
        const path = PATHS[i % PATHS.length];
        requests++;
        try {
          const response = await t.get(path);
          if (!response.ok) failures.push(`${path}: HTTP ${response.status}`);
          const body = (await response.json()) as {
            snapshot_id?: string;
            rows?: { value: number }[];
          };
          if (path === "/api/indicators/contracts_count" && body.snapshot_id && body.rows) {
            const seen = contractsBySnapshot.get(body.snapshot_id) ?? new Set<number>();
            seen.add(body.rows[0].value);
            contractsBySnapshot.set(body.snapshot_id, seen);
          }
        } catch (error) {
          failures.push(`${path}: ${(error as Error).message}`);
        }
      }
    };
    const clients = Array.from({ length: 6 }, (_, i) => client(i));
    const report = await runEtl({
      inputs: [join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json")],
      // One file replaces the samples' snapshot: the shrink guard has its own tests.
      maxContractDrop: 1,
      dbPath: t.dbPath,
      today: TEST_NOW,
    });
    expect(report.status).toBe("ok");
    // The clients go on until the new snapshot has answered them too: a fixed half second was
    // not always enough on a busy machine for the server to serve the swapped file. 30 s at most,
    // then the check below fails as it should.
    const deadline = Date.now() + 30_000;
    while (!contractsBySnapshot.has(report.run_id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    stop = true;
    await Promise.all(clients);

    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(50);
    // Each snapshot answered with one figure only: no answer mixed the two.
    expect(contractsBySnapshot.get(before.snapshot_id)).toEqual(
      new Set([before.snapshot.contracts]),
    );
    expect(contractsBySnapshot.get(report.run_id)).toEqual(new Set([report.contracts]));
    const after = await t.json<{ snapshot_id: string }>("/api/health");
    expect(after.snapshot_id).toBe(report.run_id);
  });
});

describe("the start with a broken schedule", () => {
  it("fails, naming the file and the cron expression", async () => {
    const { writeFileSync } = await import("node:fs");
    const { startServer } = await import("../../server/start.ts");
    const configPath = join(t.dir, "broken.config.json");
    writeFileSync(
      configPath,
      JSON.stringify({
        schedule: { cron: "tous les jours" },
        sources: [{ id: "s", path: "data/samples" }],
      }),
    );
    await expect(
      startServer({
        dbPath: t.dbPath,
        port: 0,
        host: "127.0.0.1",
        configPath,
        schedule: true,
        log: () => {},
      }),
    ).rejects.toThrow(
      /broken\.config\.json[\s\S]*schedule\.cron: invalid cron expression "tous les jours"/,
    );
  });
});
