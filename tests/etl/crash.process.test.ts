// kill -9 of a refresh at several points, then a restart: the previous or the new snapshot is
// served complete (never a mix, never an error), and the next run cleans the leftovers and says so.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { startDecpServer, type DecpServer } from "../helpers/decp-server.ts";
import { buildTestDb, tempDir, servedSnapshot } from "../helpers/samples-db.ts";

const sample = (name: string) => readFileSync(join(SAMPLES_DIR, name));
const dir = tempDir();
const dbPath = join(dir, "observatory.duckdb");
const configPath = join(dir, "config.json");
let server: DecpServer;

beforeAll(async () => {
  server = await startDecpServer(sample("real-v1-e-marchespublics-2019-04.json"));
  const config = {
    sources: [{ id: "remote", url: server.url, format: "json" }],
    download: {
      timeoutSeconds: 60,
      idleTimeoutSeconds: 5,
      retries: 0,
      retryDelaySeconds: 0,
      maxBytes: 50_000_000,
    },
  };
  writeFileSync(configPath, JSON.stringify(config));
  const first = await refreshProcess();
  expect(await first.done).toBe(0);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  stderr: () => string;
  done: Promise<number | null>;
  waitFor: (pattern: RegExp) => Promise<void>;
}

function refreshProcess(): Promise<Running> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "etl/cli.ts", "--refresh", "--config", configPath, "--db", dbPath],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let text = "";
  const listeners: (() => void)[] = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    listeners.forEach((l) => l());
  });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => pattern.test(text) && resolve();
      listeners.push(check);
      check();
      done.then(() =>
        pattern.test(text) ? resolve() : reject(new Error(`exited before ${pattern}: ${text}`)),
      );
    });
  return Promise.resolve({ child, stderr: () => text, done, waitFor });
}

const served = () => servedSnapshot(dbPath);

/** Contracts of a file loaded directly, in-process: what the refreshed snapshot must hold. */
async function directCount(file: string): Promise<number> {
  const t = await buildTestDb([join(SAMPLES_DIR, file)]);
  const [row] = await t.query("SELECT count(*) AS n FROM contracts");
  t.cleanup();
  return Number(row.n);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("kill -9 of a refresh", () => {
  it("during the download: the previous snapshot is served, the restart takes over the lock and succeeds", async () => {
    const before = await served();
    server.content = sample("real-v1-pes-dgfip-2019-04.json");
    server.mode = "drip";
    const asked = server.requests.length;
    const running = await refreshProcess();
    while (server.requests.length === asked) await sleep(50);
    await sleep(300); // some bytes arrive, then the kill
    running.child.kill("SIGKILL");
    await running.done;
    expect(await served()).toEqual(before);

    server.mode = "ok";
    const restart = await refreshProcess();
    expect(await restart.done).toBe(0);
    expect(restart.stderr()).toMatch(/removing the lock of an interrupted run/);
    const after = await served();
    expect(after.run).not.toBe(before.run);
    expect(after.contracts).toBe(await directCount("real-v1-pes-dgfip-2019-04.json"));
  });

  it("during the load: the previous snapshot is served, the restart cleans the leftovers and says so", async () => {
    const before = await served();
    server.content = sample("real-v1-aife-place-2019-04.json");
    const running = await refreshProcess();
    await running.waitFor(/building the snapshot/);
    running.child.kill("SIGKILL");
    await running.done;
    expect(await served()).toEqual(before);
    expect(readdirSync(dir).some((name) => name.includes(".build-"))).toBe(true);

    const restart = await refreshProcess();
    expect(await restart.done).toBe(0);
    expect(restart.stderr()).toMatch(/cleaned the leftovers of interrupted run/);
    expect(readdirSync(dir).some((name) => name.includes(".build-"))).toBe(false);
    expect((await served()).contracts).toBe(await directCount("real-v1-aife-place-2019-04.json"));
  });

  it("during the swap: the old or the new snapshot is served whole", async () => {
    const before = await served();
    server.content = sample("real-v1-marches-publics-info-aws-2019-03.json");
    const running = await refreshProcess();
    await running.waitFor(/snapshot built in/);
    running.child.kill("SIGKILL");
    await running.done;
    const now = await served();
    const expected = await directCount("real-v1-marches-publics-info-aws-2019-03.json");
    expect(now.contracts).toBe(now.run === before.run ? before.contracts : expected);

    const restart = await refreshProcess();
    expect(await restart.done).toBe(0);
    expect((await served()).contracts).toBe(expected);
  });
});
