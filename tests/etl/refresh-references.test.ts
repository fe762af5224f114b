// A reference file declared in the configuration is refreshed like a DECP source: downloaded from
// a real HTTP server on 127.0.0.1 with a conditional GET, recorded in the run history with its
// hash, not reloaded when unchanged (304), and a changed file alone makes a new snapshot.
// @module-tag slow
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { parseConfig, type RefreshConfig } from "../../etl/refresh/config.ts";
import { refresh } from "../../etl/refresh/refresh.ts";
import { readRuns } from "../../etl/load/run-history.ts";
import { startDecpServer, type DecpServer } from "../helpers/decp-server.ts";
import { TEST_TODAY, tempDir, servedSnapshot } from "../helpers/samples-db.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { REFERENCE } from "../helpers/reference-files.ts";

const REGIONS = readFileSync(join(REFERENCE, "datactivist-identifiants-regions-2022.csv"));
let server: DecpServer;
let config: RefreshConfig;
const dir = tempDir();
const dbPath = join(dir, "observatory.duckdb");

beforeAll(async () => {
  server = await startDecpServer(REGIONS);
  config = parseConfig(
    JSON.stringify({
      sources: [{ id: "local", path: join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json") }],
      references: [
        { id: "regions", kind: "regions", url: server.url },
        {
          id: "communes",
          kind: "communes",
          path: join(REFERENCE, "banatic-siren-insee-communes-2024.csv"),
        },
      ],
      download: { timeoutSeconds: 5, idleTimeoutSeconds: 2, retries: 0, maxBytes: 10_000_000 },
    }),
    "test-config.json",
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = () => refresh({ config, dbPath, trigger: "manual", today: TEST_TODAY });

async function regionsRows(): Promise<number> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    const [row] = await queryRows(
      db.connection,
      "SELECT rows_kept FROM reference_files WHERE kind = 'regions'",
    );
    return Number(row.rows_kept);
  } finally {
    db.close();
  }
}

type Run = {
  status: string;
  references?: { source: string; sha256: string; rows_kept: number }[];
  reference_fetches?: { id: string; status: string; file?: { http_status?: number } }[];
};

describe("refresh of a declared reference file", () => {
  it("downloads it and records it in the run history", async () => {
    const report = await run();
    expect(report.status).toBe("ok");
    const last = readRuns<Run>(dbPath).at(-1);
    const regions = last?.references?.find((r) => r.source === server.url);
    expect(regions?.rows_kept).toBe(REGIONS.toString().trim().split("\n").length - 1);
    expect(last?.reference_fetches?.map((f) => f.status)).toEqual(["changed", "changed"]);
  });

  it("does not rebuild when the file is unchanged (304)", async () => {
    const before = await servedSnapshot(dbPath);
    const report = await run();
    expect(report.status).toBe("unchanged");
    expect(server.requests.at(-1)).toEqual({ status: 304, conditional: true });
    expect(await servedSnapshot(dbPath)).toEqual(before);
  });

  it("builds a new snapshot when only the reference file changed", async () => {
    const before = await servedSnapshot(dbPath);
    const lines = REGIONS.toString().trim().split("\n");
    server.content = Buffer.from(lines.slice(0, -2).join("\n") + "\n");
    const report = await run();
    expect(report.status).toBe("ok");
    const after = await servedSnapshot(dbPath);
    expect(after.run).not.toBe(before.run);
    expect(await regionsRows()).toBe(lines.length - 3);
  });

  it("fails the run, keeping the snapshot, when the reference cannot be fetched", async () => {
    const before = await servedSnapshot(dbPath);
    server.mode = "500";
    const report = await run();
    expect(report.status).toBe("failed");
    expect(await servedSnapshot(dbPath)).toEqual(before);
    server.mode = "ok";
  });
});
