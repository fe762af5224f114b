// What the server keeps once per served snapshot (server/per-snapshot.ts): computed once for the
// requests that ask together, again for another snapshot or after a failure, and never on the
// signal of the request that happened to ask first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../lib/duckdb.ts";
import type { Snapshot } from "../../server/db.ts";
import { PerSnapshot } from "../../server/per-snapshot.ts";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(":memory:");
});
afterAll(() => db.close());

function snapshotOf(key: string, signal?: AbortSignal): Snapshot {
  return {
    info: {
      id: key,
      loaded_at: "2026-12-05T00:00:00Z",
      contracts: 0,
      concessions: 0,
      synthetic: false,
    },
    key,
    format: null,
    outdated: false,
    connection: db.connection,
    ...(signal ? { signal } : {}),
    query: () => Promise.reject(new Error("the request's own query, tied to its signal")),
  };
}

describe("a value kept per snapshot", () => {
  it("is computed once for the requests that ask together, and again for another snapshot", async () => {
    const kept = new PerSnapshot<number>();
    let computed = 0;
    const compute = async () => ++computed;
    const first = snapshotOf("run-1#1");
    const answers = await Promise.all([
      kept.of(first, "x", compute),
      kept.of(first, "x", compute),
      kept.of(snapshotOf("run-1#1"), "x", compute),
    ]);
    expect(answers).toEqual([1, 1, 1]);
    expect(await kept.of(first, "y", compute)).toBe(2);
    expect(await kept.of(snapshotOf("run-2#1"), "x", compute)).toBe(3);
    expect(computed).toBe(3);
  });

  it("is computed again after a failure, which is not kept", async () => {
    const kept = new PerSnapshot<string>();
    const snapshot = snapshotOf("run-1#1");
    await expect(
      kept.of(snapshot, "x", () => Promise.reject(new Error("DuckDB said no"))),
    ).rejects.toThrow("DuckDB said no");
    expect(await kept.of(snapshot, "x", async () => "then yes")).toBe("then yes");
  });

  it("reads the snapshot without the signal of the request that asked first", async () => {
    const kept = new PerSnapshot<unknown>();
    const left = new AbortController();
    left.abort("the client left");
    const value = await kept.of(snapshotOf("run-1#1", left.signal), "x", async (shared) => {
      expect(shared.signal).toBeUndefined();
      const [row] = await shared.query("SELECT 40 + $1::INTEGER AS v", [2]);
      return row?.v;
    });
    expect(value).toBe(42);
  });
});
