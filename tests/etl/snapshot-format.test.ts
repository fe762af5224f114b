// A snapshot built by an older version of the code (its tables of another format) is rebuilt by
// the next refresh even when no source changed, its run history kept; a current one is not.
// @module-tag slow
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { parseConfig, type RefreshConfig } from "../../etl/refresh/config.ts";
import { refresh } from "../../etl/refresh/refresh.ts";
import { SNAPSHOT_FORMAT, snapshotFormatOf } from "../../etl/load/snapshot-format.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import {
  E_MARCHESPUBLICS_CONTRACTS,
  TEST_TODAY,
  servedSnapshot,
  tempDir,
} from "../helpers/samples-db.ts";

const dir = tempDir();
const dbPath = join(dir, "observatory.duckdb");
const source = join(dir, "source.json");
let config: RefreshConfig;
let logs: string[] = [];

beforeAll(() => {
  copyFileSync(join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json"), source);
  config = parseConfig(
    JSON.stringify({ sources: [{ id: "local", path: source, format: "json" }] }),
    "test-config.json",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = () => {
  logs = [];
  return refresh({
    config,
    dbPath,
    trigger: "manual",
    today: TEST_TODAY,
    log: (line) => logs.push(line),
  });
};

/** Rewrites the current snapshot's run as an older version would have left it. */
async function makeOutdated(sql: string): Promise<void> {
  const db = await openDatabase(dbPath);
  try {
    await db.connection.run(sql);
  } finally {
    db.close();
  }
}

async function runFormats(): Promise<(string | null)[]> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    const rows = await queryRows(db.connection, "SELECT * FROM runs ORDER BY finished_at");
    return rows.map((r) => (typeof r.snapshot_format === "string" ? r.snapshot_format : null));
  } finally {
    db.close();
  }
}

describe("the format of a snapshot's tables", () => {
  it("is recorded with the run that built it, and a current snapshot is not rebuilt", async () => {
    expect(SNAPSHOT_FORMAT).toMatch(/^[0-9a-f]{16}$/);
    expect((await run()).status).toBe("ok");
    expect(await snapshotFormatOf(dbPath)).toBe(SNAPSHOT_FORMAT);
    const again = await run();
    expect(again.status).toBe("unchanged");
    expect(logs.join("\n")).toMatch(/every source is unchanged: the current snapshot stays/);
  });

  it.each([
    [
      "recorded no format (built before formats were)",
      "ALTER TABLE runs DROP COLUMN snapshot_format",
    ],
    ["recorded another format", "UPDATE runs SET snapshot_format = '0123456789abcdef'"],
  ])("a snapshot whose run %s is rebuilt, sources unchanged", async (_case, sql) => {
    const before = await servedSnapshot(dbPath);
    await makeOutdated(sql);
    expect(await snapshotFormatOf(dbPath)).not.toBe(SNAPSHOT_FORMAT);
    const report = await run();
    expect(report.status).toBe("ok");
    expect(logs.join("\n")).toMatch(
      /every source is unchanged, but the current snapshot was built by an older version of the observatory \(tables (of unrecorded format|0123456789abcdef); this version's: [0-9a-f]{16}\): rebuilding it/,
    );
    const after = await servedSnapshot(dbPath);
    expect(after.run).not.toBe(before.run);
    expect(after.contracts).toBe(E_MARCHESPUBLICS_CONTRACTS);
    expect(await snapshotFormatOf(dbPath)).toBe(SNAPSHOT_FORMAT);
    // The history is carried over: the older runs stay, without a format or with theirs.
    const formats = await runFormats();
    expect(formats.length).toBeGreaterThan(1);
    expect(formats.at(-1)).toBe(SNAPSHOT_FORMAT);
    expect(formats.slice(0, -1)).not.toContain(SNAPSHOT_FORMAT);
    // And once rebuilt, it stays.
    expect((await run()).status).toBe("unchanged");
  });
});
