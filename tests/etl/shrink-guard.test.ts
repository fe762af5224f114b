// A run never empties or shrinks the served observatory by surprise (etl/load/shrink-guard.ts),
// through the command as users run it (runEtlCli, in-process): a source that yields no contract,
// or a drop beyond the allowed share, fails the run with its reason, recorded in the history, and
// the served snapshot stays; --force installs it anyway. A file that is no snapshot is never
// replaced unless forced.
// @module-tag slow
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEtlCli } from "../../etl/cli-run.ts";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { readRuns } from "../../etl/load/run-history.ts";
import { shrinkRefusal } from "../../etl/load/shrink-guard.ts";
import { openDatabase } from "../../lib/duckdb.ts";
import {
  copySamplesSnapshot,
  E_MARCHESPUBLICS_CONTRACTS,
  servedSnapshot,
  TEST_TODAY,
  tempDir,
} from "../helpers/samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runEtlCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    today: TEST_TODAY,
  });
  return { code, stdout, stderr };
}

interface HistoryRun {
  status: string;
  run_id: string;
  error?: { message: string };
}

const EMPTY_SOURCES: [string, string][] = [
  ["an empty DECP list", '{"marches":[]}'],
  ["an array that is not DECP", '[{"nom":"a"},{"nom":"b"}]'],
  [
    "records that are all empty",
    `{"marches":[${Array.from({ length: 200 }, () => "{}").join(",")}]}`,
  ],
];

describe("the shrink guard, through npm run etl", () => {
  it.each(EMPTY_SOURCES)("refuses a run of %s, and records why", async (name, text) => {
    const db = join(dir, `${name.replace(/\W+/g, "-")}.duckdb`);
    copySamplesSnapshot(db);
    const before = await servedSnapshot(db);
    expect(before.contracts).toBeGreaterThan(0);
    const file = join(dir, `${name.replace(/\W+/g, "-")}.json`);
    writeFileSync(file, text);

    const { code, stdout, stderr } = await cli([file, "--db", db, "--json"]);

    expect(code).toBe(1);
    expect(stderr).toContain(
      `the new snapshot has no contract (the served one has ${before.contracts})`,
    );
    expect(stderr).toContain("The database was not changed.");
    const report = JSON.parse(stdout) as HistoryRun;
    expect(report.status).toBe("failed");
    expect(await servedSnapshot(db)).toEqual(before);
    const last = readRuns<HistoryRun>(db).at(-1);
    expect(last?.run_id).toBe(report.run_id);
    expect(last?.status).toBe("failed");
    expect(last?.error?.message).toMatch(/no contract.*--force/);
  });

  it("refuses a drop beyond the allowed share, and installs it with --force", async () => {
    const db = join(dir, "drop.duckdb");
    copySamplesSnapshot(db);
    const before = await servedSnapshot(db);
    // The test's premise: one sample file holds less than half the samples' contracts.
    expect(E_MARCHESPUBLICS_CONTRACTS / before.contracts).toBeLessThan(0.5);
    const file = join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json");

    const refused = await cli([file, "--db", db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `the new snapshot has ${E_MARCHESPUBLICS_CONTRACTS} contracts`,
    );
    expect(refused.stderr).toContain(`than the ${before.contracts} served (the limit is 50 %`);
    expect(await servedSnapshot(db)).toEqual(before);

    const forced = await cli([file, "--db", db, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain("warning: forced install");
    expect((await servedSnapshot(db)).contracts).toBe(E_MARCHESPUBLICS_CONTRACTS);
    expect(readRuns<HistoryRun>(db).at(-1)?.status).toBe("ok");
  });

  it("never replaces a file that is not an observatory snapshot, unless forced", async () => {
    // A --db given by mistake: someone's notes, someone's own DuckDB database.
    const notes = join(dir, "notes.txt");
    writeFileSync(notes, "mes notes\n");
    const theirs = join(dir, "theirs.duckdb");
    const own = await openDatabase(theirs);
    await own.connection.run("CREATE TABLE important AS SELECT 42 AS answer");
    own.close();
    const file = join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json");
    for (const path of [notes, theirs]) {
      const before = createHash("sha256").update(readFileSync(path)).digest("hex");
      const refused = await cli([file, "--db", path]);
      expect(refused.code, path).toBe(1);
      expect(refused.stderr, path).toContain("is not an observatory snapshot");
      expect(createHash("sha256").update(readFileSync(path)).digest("hex"), path).toBe(before);
    }
    const forced = await cli([file, "--db", notes, "--force"]);
    expect(forced.code).toBe(0);
    expect((await servedSnapshot(notes)).contracts).toBe(E_MARCHESPUBLICS_CONTRACTS);
  });

  it("lets a run install its snapshot when nothing is served yet, or the drop is within the share", () => {
    expect(shrinkRefusal(null, 0, 0.5)).toBeNull();
    expect(shrinkRefusal(1000, 500, 0.5)).toBeNull();
    expect(shrinkRefusal(1000, 1200, 0)).toBeNull();
    expect(shrinkRefusal(1000, 499, 0.5)).toMatch(/499 contracts, 50.1 % fewer/);
    expect(shrinkRefusal(1000, 0, 1)).toMatch(/no contract/);
  });
});
