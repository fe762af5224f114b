// Refresh from a real HTTP server on 127.0.0.1 serving real DECP files: unchanged sources are not
// reloaded, changed ones make a new snapshot, and every failure leaves the current snapshot served,
// records the run with its reason, and lets the next good run succeed.
// @module-tag slow
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { fixture } from "../helpers/fixtures.ts";
import { parseConfig, type RefreshConfig } from "../../etl/refresh/config.ts";
import { refresh } from "../../etl/refresh/refresh.ts";
import { readRuns } from "../../etl/load/run-history.ts";
import { listSnapshots } from "../../etl/load/snapshots.ts";
import { startDecpServer, type DecpServer } from "../helpers/decp-server.ts";
import {
  TEST_TODAY,
  tempDir,
  servedSnapshot,
  E_MARCHESPUBLICS_CONTRACTS,
} from "../helpers/samples-db.ts";

const sample = (name: string) => readFileSync(join(SAMPLES_DIR, name));
const FIRST = sample("real-v1-e-marchespublics-2019-04.json"); // E_MARCHESPUBLICS_CONTRACTS kept
const SECOND = sample("real-v2-dematis-daily-2024-07-16.json"); // 158 marchés + 1 concession

let server: DecpServer;
let config: RefreshConfig;
const dir = tempDir();
const dbPath = join(dir, "observatory.duckdb");

beforeAll(async () => {
  server = await startDecpServer(FIRST);
  config = parseConfig(
    JSON.stringify({
      sources: [{ id: "remote", url: server.url, format: "json" }],
      // One small file replaces the samples' snapshot here: the shrink guard has its own tests.
      maxContractDrop: 1,
      download: {
        timeoutSeconds: 5,
        idleTimeoutSeconds: 1,
        retries: 1,
        retryDelaySeconds: 0.05,
        maxBytes: 50_000_000,
      },
    }),
    "test-config.json",
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = () => refresh({ config, dbPath, trigger: "manual", today: TEST_TODAY });

const served = () => servedSnapshot(dbPath);

describe("refresh of a downloaded source", () => {
  it("loads the source the first time", async () => {
    const report = await run();
    expect(report.status).toBe("ok");
    expect((await served()).contracts).toBe(E_MARCHESPUBLICS_CONTRACTS);
  });

  it("does not reload an unchanged source (304), and the history says so", async () => {
    const before = await served();
    const report = await run();
    expect(report.status).toBe("unchanged");
    expect(server.requests.at(-1)).toEqual({ status: 304, conditional: true });
    expect(await served()).toEqual(before);
    const last = readRuns<{
      status: string;
      fetches: { status: string; files: { http_status: number }[] }[];
    }>(dbPath).at(-1);
    expect(last?.status).toBe("unchanged");
    expect(last?.fetches[0].files[0].http_status).toBe(304);
  });

  it("builds a new snapshot when the source changed", async () => {
    const before = await served();
    server.content = SECOND;
    const report = await run();
    expect(report.status).toBe("ok");
    const now = await served();
    expect(now.contracts).toBe(158);
    expect(now.run).not.toBe(before.run);
    expect(listSnapshots(dbPath).map((s) => s.runId)).toContain(now.run);
  });

  const FAILURES: [string, () => void, RegExp][] = [
    [
      "connection cut mid-body",
      () => (server.mode = "cut"),
      /terminated|socket|closed|aborted|other side/i,
    ],
    ["HTTP 500", () => (server.mode = "500"), /HTTP 500/],
    ["a server stalled past the time-out", () => (server.mode = "stall"), /no data for 1 s/],
    ["an empty file", () => (server.mode = "empty"), /empty response body/],
    [
      "a corrupted JSON",
      () => (server.content = Buffer.concat([SECOND.subarray(0, 50_000)])),
      /truncated JSON/,
    ],
    [
      "an XML in place of JSON",
      () => (server.content = readFileSync(fixture("official-v1.5-example-paquet.xml"))),
      /expected JSON, found XML/,
    ],
  ];

  it.each(FAILURES)(
    "%s: the previous snapshot stays served, the failure is recorded, the next run succeeds",
    async (_label, breakIt, reason) => {
      const before = await served();
      breakIt();
      const report = await run();
      expect(report.status).toBe("failed");
      expect(report.error?.message).toMatch(reason);
      expect(await served()).toEqual(before);
      const last = readRuns<{ status: string; error?: { message: string } }>(dbPath).at(-1);
      expect(last?.status).toBe("failed");
      expect(last?.error?.message).toMatch(reason);

      server.mode = "ok";
      server.content = Buffer.concat([before.contracts === 158 ? FIRST : SECOND]);
      const next = await run();
      expect(next.status).toBe("ok");
      expect((await served()).contracts).toBe(
        before.contracts === 158 ? E_MARCHESPUBLICS_CONTRACTS : 158,
      );
    },
  );
});
