// The ETL's DuckDB memory bound: the limit read from the environment, refused when it is not a size,
// its threads, the contracts rewritten per statement, and the allocator's flush rules accepted by the
// DuckDB this project ships with.
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import {
  boundEtlMemory,
  enrichPartContracts,
  etlMemoryLimit,
  etlThreads,
} from "../../etl/load/etl-memory.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { tempDir } from "../helpers/samples-db.ts";
import { TEST_TODAY } from "../helpers/test-today.ts";
import { withEnv } from "../helpers/with-env.ts";

describe("the ETL's memory bound", () => {
  it("is 512 MB unless OBSERVATORY_ETL_MEMORY gives a size", () => {
    expect(etlMemoryLimit({})).toBe("512MB");
    expect(etlMemoryLimit({ OBSERVATORY_ETL_MEMORY: " 1GB " })).toBe("1GB");
    expect(etlMemoryLimit({ OBSERVATORY_ETL_MEMORY: "300 MiB" })).toBe("300 MiB");
  });

  it("refuses what is not a size, naming the variable and the value", () => {
    for (const value of ["lots", "512", "1GB'; DROP TABLE contracts; --", "-1GB"]) {
      expect(() => etlMemoryLimit({ OBSERVATORY_ETL_MEMORY: value })).toThrow(
        `OBSERVATORY_ETL_MEMORY must be a size such as "512MB" or "1GB", not ${JSON.stringify(value)}`,
      );
    }
  });

  // The two whole-number settings: their default, a value taken (spaces trimmed), values refused.
  it.each([
    [
      "OBSERVATORY_ETL_THREADS",
      etlThreads,
      "threads from 1 to 999",
      1,
      "4",
      4,
      ["0", "two", "1.5", "-2", "1; SET x"],
    ],
    [
      "OBSERVATORY_ENRICH_PART_CONTRACTS",
      enrichPartContracts,
      "contracts from 1 to 999999999",
      300_000,
      " 40 ",
      40,
      ["0", "lots", "1e6", "-5", "2.5"],
    ],
  ] as const)(
    "%s: its default unless it says how many, and a whole number from 1 or a refusal",
    (name, read, counted, fallback, given, taken, refused) => {
      expect(read({})).toBe(fallback);
      expect(read({ [name]: given })).toBe(taken);
      for (const value of refused) {
        expect(() => read({ [name]: value })).toThrow(
          `${name} must be a whole number of ${counted}, not ${JSON.stringify(value)}`,
        );
      }
    },
  );

  it("is set on a real DuckDB with the allocator's flush rules", async () => {
    const db = await openDatabase(":memory:");
    try {
      await boundEtlMemory(db.connection);
      const rows = await queryRows(
        db.connection,
        `SELECT name, value FROM duckdb_settings() WHERE name IN ('memory_limit',
           'allocator_flush_threshold', 'allocator_bulk_deallocation_flush_threshold',
           'allocator_background_threads', 'threads') ORDER BY name`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.name, r.value]))).toEqual({
        allocator_background_threads: "true",
        allocator_bulk_deallocation_flush_threshold: "64.0 MiB",
        allocator_flush_threshold: "16.0 MiB",
        // DuckDB reports 512 MB (10^6 bytes) in binary units.
        memory_limit: "488.2 MiB",
        threads: "1",
      });
    } finally {
      db.close();
    }
  });

  it.each([
    ["OBSERVATORY_ETL_THREADS", "many", "threads from 1 to 999"],
    ["OBSERVATORY_ENRICH_PART_CONTRACTS", "0", "contracts from 1 to 999999999"],
    ["OBSERVATORY_ETL_WORKERS", "-1", "worker threads from 0 to 64 (0: no worker)"],
    ["OBSERVATORY_PARALLEL_MIN_BYTES", "32MB", "bytes from 0"],
  ])(
    "fails a run at once when %s is wrong, before any source is read and with no snapshot",
    async (name, value, counted) => {
      const dir = tempDir();
      const dbPath = join(dir, "observatory.duckdb");
      await withEnv({ [name]: value }, () =>
        expect(
          runEtl({
            inputs: [join(SAMPLES_DIR, "real-v1-aife-place-2019-04.json")],
            dbPath,
            today: TEST_TODAY,
          }),
        ).rejects.toThrow(`${name} must be a whole number of ${counted}, not "${value}"`),
      );
      expect(existsSync(dbPath)).toBe(false);
      rmSync(dir, { recursive: true, force: true });
    },
  );
});
