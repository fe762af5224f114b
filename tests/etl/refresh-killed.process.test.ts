// What a refresh leaves when it cannot speak for itself: a child killed with -9 is recorded as
// failed in the history by the server's runner, and a lock whose PID now belongs to another
// process (reused after a crash) does not block the next run, while a live holder's lock does.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { childProcessRunner } from "../../etl/refresh/service.ts";
import { readRuns } from "../../etl/load/run-history.ts";
import { acquireLock } from "../../etl/load/snapshots.ts";
import { identityOf, processStart } from "../../etl/load/process-identity.ts";
import { copySamplesSnapshot, servedSnapshot, tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** A process of our own that stays alive (its PID is the one a lock names). */
async function liveProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
    stdio: "ignore",
  });
  children.push(child);
  await new Promise((resolve) => child.once("spawn", resolve));
  return child;
}

describe("a refresh child killed with -9", () => {
  it("is recorded as failed in the history, with how it ended", async () => {
    const dbPath = join(dir, "killed.duckdb");
    copySamplesSnapshot(dbPath);
    const before = await servedSnapshot(dbPath);
    const runsBefore = readRuns(dbPath).length;
    const configPath = join(dir, "config.json");
    const source = "tests/fixtures/decp/official-v1.5-example-paquet.json";
    writeFileSync(configPath, JSON.stringify({ sources: [{ id: "one", path: source }] }));
    const runner = childProcessRunner(
      configPath,
      dbPath,
      () => {},
      (child) => {
        child.kill("SIGKILL");
      },
    );

    const outcome = await runner("api");

    expect(outcome.status).toBe("failed");
    expect(outcome.error?.message).toContain("SIGKILL");
    const runs = readRuns<{ status: string; trigger: string; error?: { message: string } }>(dbPath);
    expect(runs.length).toBe(runsBefore + 1);
    expect(runs.at(-1)).toMatchObject({ status: "failed", trigger: "api" });
    expect(runs.at(-1)?.error?.message).toMatch(/ended \(SIGKILL\) without a report/);
    expect(await servedSnapshot(dbPath)).toEqual(before);
  });
});

describe("the build lock", () => {
  it("is taken over when its PID now belongs to another process", async () => {
    const other = await liveProcess();
    const pid = other.pid ?? 0;
    const dbPath = join(dir, "reused.duckdb");
    // The lock of a run that died, whose PID the system has since given to `other`.
    const start = processStart(pid);
    expect(start).not.toBeNull();
    const stale = { ...identityOf(pid), start: String(Number(start) - 1000) };
    writeFileSync(`${dbPath}.lock`, JSON.stringify(stale));
    const logs: string[] = [];

    const release = await acquireLock(dbPath, (line) => logs.push(line));

    expect(logs.join("\n")).toContain(`removing the lock of an interrupted run (pid ${pid})`);
    await release();
  });

  it("still blocks while the process that took it is running", async () => {
    const holder = await liveProcess();
    const dbPath = join(dir, "held.duckdb");
    writeFileSync(`${dbPath}.lock`, JSON.stringify(identityOf(holder.pid ?? 0)));
    await expect(acquireLock(dbPath, () => {})).rejects.toThrow(
      `another ETL run (pid ${holder.pid}) is building held.duckdb`,
    );
  });
});
