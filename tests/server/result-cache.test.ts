// The answer cache's own rules: least recently used out first, a byte budget, one computation for
// simultaneous identical requests, and failures never kept.
import { describe, expect, it } from "vitest";
import { ResultCache } from "../../server/result-cache.ts";

const sized = (maxBytes: number) => new ResultCache<string>(maxBytes, (value) => value.length);

describe("ResultCache", () => {
  it("computes once, then answers from memory", async () => {
    const cache = sized(100);
    let computed = 0;
    const compute = async () => `answer ${++computed}`;
    expect(await cache.get("k", compute)).toEqual({ value: "answer 1", hit: false });
    expect(await cache.get("k", compute)).toEqual({ value: "answer 1", hit: true });
    expect(computed).toBe(1);
    expect(cache.stats()).toEqual({ entries: 1, pinned: 0, bytes: 8, hits: 1, misses: 1 });
  });

  it("shares one computation between simultaneous identical requests", async () => {
    const cache = sized(100);
    let computed = 0;
    let release: (value: string) => void = () => {};
    const compute = () => {
      computed++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = cache.get("k", compute);
    const second = cache.get("k", compute);
    release("done");
    expect((await first).value).toBe("done");
    expect((await second).value).toBe("done");
    expect(computed).toBe(1);
  });

  it("keeps no failure: the next request computes again", async () => {
    const cache = sized(100);
    await expect(cache.get("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get("k", async () => "ok")).toEqual({ value: "ok", hit: false });
    expect(cache.stats().entries).toBe(1);
  });

  it("evicts the least recently used entries to stay within its budget", async () => {
    const cache = sized(20);
    await cache.get("a", async () => "aaaaa"); // 5 bytes each
    await cache.get("b", async () => "bbbbb");
    await cache.get("c", async () => "ccccc");
    await cache.get("a", async () => "never"); // a is now the most recently used
    await cache.get("d", async () => "ddddd");
    await cache.get("e", async () => "eeeee"); // 25 bytes: b, the oldest unused, goes
    expect(cache.stats()).toMatchObject({ entries: 4, bytes: 20 });
    expect((await cache.get("a", async () => "again")).hit).toBe(true);
    expect((await cache.get("b", async () => "again")).hit).toBe(false);
  });

  it("does not keep an answer larger than half the budget", async () => {
    const cache = sized(20);
    await cache.get("small", async () => "s");
    expect((await cache.get("big", async () => "x".repeat(11))).value).toBe("xxxxxxxxxxx");
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 1 });
    expect((await cache.get("small", async () => "?")).hit).toBe(true);
  });

  it("never evicts a pinned entry, until unpinned", async () => {
    const cache = sized(20);
    await cache.get("home", async () => "hhhhh", { pin: true });
    for (const key of ["a", "b", "c", "d"]) await cache.get(key, async () => key.repeat(5));
    expect(cache.stats()).toMatchObject({ entries: 4, pinned: 1, bytes: 20 });
    expect((await cache.get("home", async () => "again")).hit).toBe(true);
    cache.unpinAll();
    for (const key of ["e", "f", "g", "h"]) await cache.get(key, async () => key.repeat(5));
    expect(cache.stats()).toMatchObject({ entries: 4, pinned: 0 });
    expect((await cache.get("home", async () => "again")).hit).toBe(false);
  });

  it("cancels a shared computation only when every request waiting for it has left", async () => {
    const cache = sized(100);
    let computeSignal: AbortSignal | null = null;
    const compute = (signal: AbortSignal) => {
      computeSignal = signal;
      return new Promise<string>((_resolve, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason as Error)),
      );
    };
    const first = new AbortController();
    const second = new AbortController();
    const a = cache.get("k", compute, { signal: first.signal });
    const b = cache.get("k", compute, { signal: second.signal });
    first.abort(new Error("first left"));
    await expect(a).rejects.toThrow("first left");
    expect(computeSignal!.aborted).toBe(false);
    second.abort(new Error("second left"));
    await expect(b).rejects.toThrow("second left");
    expect(computeSignal!.aborted).toBe(true);
    expect(cache.stats().entries).toBe(0);
  });
});
