// The analysts' command through `npm run`, as users type it: the wiring, and stdout is exactly
// one JSON object (tests/indicators/cli.test.ts checks the command in-process).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededDatabaseFile } from "./helpers/seed-db.ts";

let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "indicators-cli-"));
  dbPath = join(dir, "seed.duckdb");
  await seededDatabaseFile(dbPath);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("through npm run", () => {
  const exec = promisify(execFile);

  it("prints a single JSON object on stdout", async () => {
    const { stdout } = await exec(
      "npm",
      [
        "run",
        "--silent",
        "indicator",
        "--",
        "social_consideration_share",
        "--grain",
        "year",
        "--db",
        dbPath,
      ],
      { env: { ...process.env } },
    );
    const parsed = JSON.parse(stdout) as { rows: { year: number | null }[] };
    expect(parsed.rows.map((r) => r.year)).toEqual([2019, 2024, 2025, null]);
  });
});
