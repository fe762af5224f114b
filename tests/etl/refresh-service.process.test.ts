// A real refresh as the server starts it: in a child process (etl/cli.ts --refresh --json), its
// report read back and recorded in the history with its trigger.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { childProcessRunner } from "../../etl/refresh/service.ts";
import { readRuns } from "../../etl/load/run-history.ts";
import { tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ONE_FILE = [{ id: "samples", path: "tests/fixtures/decp/official-v1.5-example-paquet.json" }];

describe("the child-process runner", () => {
  it("runs a real refresh and returns its report, recorded with its trigger", async () => {
    const dbPath = join(dir, "observatory.duckdb");
    const configPath = join(dir, "config.json");
    writeFileSync(configPath, JSON.stringify({ sources: ONE_FILE }));
    const outcome = await childProcessRunner(configPath, dbPath, () => {})("api");
    expect(outcome.status).toBe("ok");
    expect(readRuns<{ trigger: string }>(dbPath).at(-1)?.trigger).toBe("api");
  });
});
