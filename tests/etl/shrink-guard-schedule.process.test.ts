// The shrink guard as the server meets it: a scheduled refresh (node-cron tick → child process
// `etl/cli.ts --refresh --json`) whose source yields no contract is recorded as failed with its
// reason, in the service's status and the history, and the served snapshot stays.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../etl/refresh/config.ts";
import {
  childProcessRunner,
  RefreshService,
  type RefreshOutcome,
} from "../../etl/refresh/service.ts";
import { readRuns } from "../../etl/load/run-history.ts";
import { copySamplesSnapshot, servedSnapshot, tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a scheduled refresh whose source is empty", () => {
  it("is not installed, and is recorded as failed with the reason", async () => {
    const dbPath = join(dir, "observatory.duckdb");
    copySamplesSnapshot(dbPath);
    const before = await servedSnapshot(dbPath);
    const source = join(dir, "empty.json");
    writeFileSync(source, '{"marches":[]}');
    const configPath = join(dir, "config.json");
    const text = JSON.stringify({
      schedule: { cron: "* * * * * *" }, // every second
      sources: [{ id: "empty", path: source }],
    });
    writeFileSync(configPath, text);
    const config = parseConfig(text, configPath);

    const outcome = await new Promise<RefreshOutcome>((resolve) => {
      const service = new RefreshService(
        config,
        childProcessRunner(configPath, dbPath, () => {}),
        () => {},
        (done) => void service.stop().then(() => resolve(done)),
      );
      service.start();
    });

    expect(outcome.status).toBe("failed");
    expect(outcome.error?.message).toContain(
      `the new snapshot has no contract (the served one has ${before.contracts})`,
    );
    const last = readRuns<{ status: string; trigger: string; error?: { message: string } }>(
      dbPath,
    ).at(-1);
    expect(last?.trigger).toBe("schedule");
    expect(last?.status).toBe("failed");
    expect(last?.error?.message).toMatch(/no contract/);
    expect(await servedSnapshot(dbPath)).toEqual(before);
  });
});
