// The tests' cache of ETL snapshots gives what the ETL gives: the same report and the same
// contracts as a run of its own, found again for the same bytes, built anew for other bytes, and
// a failed run returned as it is, never kept.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runEtl } from "../../etl/pipeline.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { cachedEtl, writeTestInput } from "./etl-cache.ts";
import { fixture } from "./fixtures.ts";
import { TEST_TODAY, tempDir } from "./samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function contracts(dbPath: string) {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    return await queryRows(
      db.connection,
      "SELECT uid, source, montant FROM contracts ORDER BY uid",
    );
  } finally {
    db.close();
  }
}

describe("cachedEtl", () => {
  const input = writeTestInput(
    "etl-cache/paquet.json",
    readFileSync(fixture("official-v1.5-example-paquet.json"), "utf8"),
  );

  it("gives the contracts and the counts of a run of its own, the second time too", async () => {
    const direct = await runEtl({
      inputs: [input],
      dbPath: join(dir, "direct.duckdb"),
      today: TEST_TODAY,
    });
    const first = await cachedEtl([input], TEST_TODAY, join(dir, "first.duckdb"));
    const second = await cachedEtl([input], TEST_TODAY, join(dir, "second.duckdb"));
    expect(first.status).toBe("ok");
    expect(second).toEqual({ ...first, db: join(dir, "second.duckdb") });
    expect(first.sources.map((s) => [s.source, s.loaded, s.rejected])).toEqual(
      direct.sources.map((s) => [s.source, s.loaded, s.rejected]),
    );
    const expected = await contracts(join(dir, "direct.duckdb"));
    expect(expected.length).toBeGreaterThan(0);
    expect(await contracts(join(dir, "first.duckdb"))).toEqual(expected);
    expect(await contracts(join(dir, "second.duckdb"))).toEqual(expected);
  });

  it("builds anew when the input's bytes change", async () => {
    const before = await cachedEtl([input], TEST_TODAY, join(dir, "before.duckdb"));
    const text = readFileSync(input, "utf8");
    const changed = writeTestInput(
      "etl-cache/paquet.json",
      text.replace(/"montant": ?\d+/, '"montant": 123456'),
    );
    const after = await cachedEtl([changed], TEST_TODAY, join(dir, "after.duckdb"));
    expect(after.run_id).not.toBe(before.run_id);
    const amounts = (await contracts(join(dir, "after.duckdb"))).map((c) => c.montant);
    expect(amounts).toContain(123456);
    writeTestInput("etl-cache/paquet.json", text);
  });

  it("keeps a run with other settings apart, and leaves the environment as it was", async () => {
    const plain = await cachedEtl([input], TEST_TODAY, join(dir, "plain.duckdb"));
    expect(plain.sources[0]?.rejected).toBe(0);
    // A record limit below any record's size: every record rejected, by the setting alone.
    const limited = await cachedEtl([input], TEST_TODAY, join(dir, "limited.duckdb"), {
      env: { OBSERVATORY_MAX_RECORD_MB: "0.0001" },
    });
    expect(limited.run_id).not.toBe(plain.run_id);
    expect(limited.sources[0]?.rejected).toBe(plain.sources[0]?.loaded);
    expect(process.env.OBSERVATORY_MAX_RECORD_MB).toBeUndefined();
    // Found again for the same settings, not mixed with the plain run.
    const again = await cachedEtl([input], TEST_TODAY, join(dir, "again.duckdb"), {
      env: { OBSERVATORY_MAX_RECORD_MB: "0.0001" },
    });
    expect(again.run_id).toBe(limited.run_id);
    expect((await cachedEtl([input], TEST_TODAY, join(dir, "plain-again.duckdb"))).run_id).toBe(
      plain.run_id,
    );
  });

  it("refuses an input outside the checkout, whose snapshot would never be found again", async () => {
    await expect(
      cachedEtl([join(dir, "elsewhere.json")], TEST_TODAY, join(dir, "x.duckdb")),
    ).rejects.toThrow(/outside the checkout.*writeTestInput/);
  });

  it("returns a failed run as it is and keeps nothing of it", async () => {
    const cache = join(dirname(inject("samplesSnapshot").dbPath), "etl");
    const entries = () => (existsSync(cache) ? readdirSync(cache).sort() : []);
    const broken = writeTestInput("etl-cache/broken.json", '{"marches": [');
    const before = entries();
    const report = await cachedEtl([broken], TEST_TODAY, join(dir, "broken.duckdb"));
    expect(report.status).toBe("failed");
    expect(report.error?.message).toMatch(/broken\.json|JSON|unexpected|end/i);
    expect(entries()).toEqual(before);
  });
});
