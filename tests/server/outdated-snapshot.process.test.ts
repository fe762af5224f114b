// A server started on a snapshot that an older version of the code built (a `git pull`, then
// `npm start`): it says so, serves it, rebuilds it at once through a refresh of its configured
// sources (trigger « upgrade », a child process), then serves the new one. A current snapshot
// starts no refresh.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { SNAPSHOT_FORMAT, snapshotFormatOf } from "../../etl/load/snapshot-format.ts";
import { openDatabase } from "../../lib/duckdb.ts";
import { startServer, type RunningServer } from "../../server/start.ts";
import { cachedEtl } from "../helpers/etl-cache.ts";
import { E_MARCHESPUBLICS_CONTRACTS, TEST_TODAY, tempDir } from "../helpers/samples-db.ts";
import { startTestServer } from "./helpers/test-server.ts";

const SOURCE = join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json");
const dir = tempDir();
const dbPath = join(dir, "observatory.duckdb");
let server: RunningServer | null = null;
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Health {
  snapshot_id: string;
  snapshot: { contracts: number };
}

async function health(url: string): Promise<Health> {
  return (await (await fetch(`${url}/api/health`)).json()) as Health;
}

/**
 * What an older version left: a snapshot whose run has no format for its tables, and without a
 * table this version reads (the names folded for the search came in that way).
 */
async function outdatedSnapshot(path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  expect((await cachedEtl([SOURCE], TEST_TODAY, path)).status).toBe("ok");
  const db = await openDatabase(path);
  await db.connection.run("ALTER TABLE runs DROP COLUMN snapshot_format");
  await db.connection.run("DROP TABLE party_names");
  db.close();
}

/** A search by name, which reads party_names. */
const SEARCH = "/api/buyers?q=commune";

const configPath = join(dir, "config.json");
writeFileSync(configPath, JSON.stringify({ sources: [{ id: "local", path: SOURCE }] }));

describe("a snapshot built by an older version", () => {
  it("is served, then rebuilt at once by a refresh of the configured sources", async () => {
    await outdatedSnapshot(dbPath);
    const logs: string[] = [];
    server = await startServer({
      dbPath,
      configPath,
      port: 0,
      host: "127.0.0.1",
      log: (line) => logs.push(line),
      warmCache: false,
      // A server that keeps its data current (npm start).
      schedule: true,
    });
    expect(logs.join("\n")).toMatch(
      /the current snapshot was built by an older version of the observatory \(tables of unrecorded format; this version's: [0-9a-f]{16}\): refreshing its sources now, serving it until then/,
    );
    // Served meanwhile.
    const before = await health(server.url);
    expect(before.snapshot.contracts).toBe(E_MARCHESPUBLICS_CONTRACTS);
    // The new snapshot comes in by itself.
    let now = before;
    const deadline = Date.now() + 90_000;
    while (now.snapshot_id === before.snapshot_id && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      now = await health(server.url);
    }
    expect(now.snapshot_id).not.toBe(before.snapshot_id);
    expect(now.snapshot.contracts).toBe(E_MARCHESPUBLICS_CONTRACTS);
    expect(await snapshotFormatOf(dbPath)).toBe(SNAPSHOT_FORMAT);
    const search = await fetch(`${server.url}${SEARCH}`);
    expect(search.status).toBe(200);
    expect(((await search.json()) as { buyers: unknown[] }).buyers.length).toBeGreaterThan(0);
    const { runs } = (await (await fetch(`${server.url}/api/runs`)).json()) as {
      runs: { status: string; trigger?: string }[];
    };
    expect(runs[0]).toMatchObject({ status: "ok", trigger: "upgrade" });
  });

  it("a server that does not keep its data current only warns", async () => {
    const path = join(dir, "other", "observatory.duckdb");
    await outdatedSnapshot(path);
    const logs: string[] = [];
    const other = await startServer({
      dbPath: path,
      configPath,
      port: 0,
      host: "127.0.0.1",
      log: (line) => logs.push(line),
      warmCache: false,
    });
    try {
      expect(logs.join("\n")).toMatch(
        /warning: the current snapshot was built by an older version of the observatory .*; until a refresh rebuilds it, a page that reads what it lacks answers 503/,
      );
      // A page that reads what the snapshot lacks says so, to be retried; the others answer.
      const search = await fetch(`${other.url}${SEARCH}`);
      expect(search.status).toBe(503);
      expect(search.headers.get("retry-after")).toBe("60");
      const { error } = (await search.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("snapshot_outdated");
      expect(error.message).toMatch(/version précédente de l'observatoire/);
      const count = await fetch(`${other.url}/api/indicators/contracts_count`);
      expect(count.status).toBe(200);
      const body = (await (await fetch(`${other.url}/api/runs`)).json()) as {
        refresh: { running: boolean };
      };
      expect(body.refresh.running).toBe(false);
      expect(await snapshotFormatOf(path)).toBeNull();
    } finally {
      await other.close();
    }
  });

  it("a current snapshot starts no refresh", async () => {
    const t = await startTestServer();
    try {
      expect(t.logs.join("\n")).not.toMatch(/older version|refreshing/);
      const { refresh } = await t.json<{ refresh: { running: boolean } }>("/api/runs");
      expect(refresh.running).toBe(false);
    } finally {
      await t.close();
    }
  });
});
