// The ETL command started as users start it (a child process through tsx), once: the exit code,
// stdout and stderr are wired as tests/etl/samples.test.ts checks them in-process.
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { tempDir } from "../helpers/samples-db.ts";

const run = promisify(execFile);
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run etl", () => {
  it("exits non-zero on a broken file, naming it on stderr, one JSON object on stdout", async () => {
    const text = readFileSync(join(SAMPLES_DIR, "real-v1-pes-dgfip-2019-04.json"), "utf8");
    const path = join(dir, "cli-truncated.json");
    writeFileSync(path, text.slice(0, 5000));
    const db = join(dir, "observatory.duckdb");
    const error = await run(process.execPath, [
      "--import",
      "tsx",
      "etl/cli.ts",
      path,
      "--db",
      db,
      "--json",
    ]).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toMatch(/cli-truncated\.json: truncated JSON/);
    expect(error?.stderr).toContain("The database was not changed.");
    expect(JSON.parse(error?.stdout ?? "").status).toBe("failed");
  });
});
