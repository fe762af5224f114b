// One rule for every number read from the environment (lib/env-number.ts), and each reader of it:
// the server's limits, the ETL's input limits, its worker threads and the size that starts them.
// A value that is not a number the program can run with is refused with the variable's name,
// what it expects and the value; an unset or empty variable leaves the default.
import { describe, expect, it } from "vitest";
import { inputLimitsFromEnv } from "../../etl/formats/input-limits.ts";
import { normaliseWorkers, parallelMinBytes } from "../../etl/load/normalise-source.ts";
import { numberFromEnv, type EnvNumberRule } from "../../lib/env-number.ts";
import { DEFAULT_LIMITS, limitsFromEnv } from "../../server/limits.ts";

const read = (text: string | undefined, rule: Partial<EnvNumberRule> = {}) =>
  numberFromEnv({ X: text }, "X", { counts: "rows", fallback: 7, min: 1, ...rule });

describe("numberFromEnv", () => {
  it("gives the default when the variable is unset, empty or blank", () => {
    expect(read(undefined)).toBe(7);
    expect(read("")).toBe(7);
    expect(read("  ")).toBe(7);
  });

  it("takes a whole number within its range, spaces around it trimmed", () => {
    expect(read("1")).toBe(1);
    expect(read(" 42 ")).toBe(42);
    expect(read("10", { max: 10 })).toBe(10);
    expect(read("0", { min: 0 })).toBe(0);
  });

  it.each(["two", "1.5", "-2", "1e3", "0x10", "3 rows", "1; SET x", "Infinity"])(
    "refuses %j as a whole number, naming the variable, what it counts and the value",
    (text) => {
      expect(() => read(text)).toThrow(`X must be a whole number of rows from 1, not "${text}"`);
    },
  );

  it("refuses a value out of range and says the range, and what 0 means where it is allowed", () => {
    expect(() => read("0")).toThrow('X must be a whole number of rows from 1, not "0"');
    expect(() => read("11", { max: 10 })).toThrow(
      'X must be a whole number of rows from 1 to 10, not "11"',
    );
    expect(() => read("-1", { min: 0, zero: "0: none" })).toThrow(
      'X must be a whole number of rows from 0 (0: none), not "-1"',
    );
    expect(() => read("99999999999999999999")).toThrow("not");
  });

  it("takes a decimal number only where the rule allows one", () => {
    expect(read("0.5", { decimal: true, min: 0.01 })).toBe(0.5);
    expect(() => read("0.001", { decimal: true, min: 0.01 })).toThrow(
      'X must be a number of rows from 0.01, not "0.001"',
    );
    expect(() => read(".5", { decimal: true, min: 0 })).toThrow('not ".5"');
    expect(read("0.1", { decimal: true, min: 0, aboveMin: true })).toBe(0.1);
    expect(() => read("0", { decimal: true, min: 0, aboveMin: true })).toThrow(
      'X must be a number of rows above 0, not "0"',
    );
  });
});

describe("each reader of the rule", () => {
  it("the server's limits: defaults, a value taken, seconds turned into milliseconds", () => {
    expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
    const limits = limitsFromEnv({
      OBSERVATORY_QUERY_TIMEOUT_S: "5",
      OBSERVATORY_DUCKDB_THREADS: "0",
      OBSERVATORY_EXPORT_QUEUE: "0",
    });
    expect([limits.queryTimeoutMs, limits.duckdbThreads, limits.exports.queue]).toEqual([
      5000, 0, 0,
    ]);
    expect(() => limitsFromEnv({ OBSERVATORY_DUCKDB_MEMORY_MB: "32" })).toThrow(
      'OBSERVATORY_DUCKDB_MEMORY_MB must be a whole number of MB from 64, not "32"',
    );
    expect(() => limitsFromEnv({ OBSERVATORY_QUERY_TIMEOUT_S: "30s" })).toThrow(
      'OBSERVATORY_QUERY_TIMEOUT_S must be a whole number of seconds from 1, not "30s"',
    );
  });

  it("the ETL's input limits: in MB and GB, decimals allowed", () => {
    expect(inputLimitsFromEnv({ OBSERVATORY_MAX_RECORD_MB: "0.5" }).maxRecordBytes).toBe(2 ** 19);
    expect(inputLimitsFromEnv({ OBSERVATORY_MAX_EXPANDED_GB: "2" }).maxExpandedBytes).toBe(2 ** 31);
    expect(inputLimitsFromEnv({ OBSERVATORY_MAX_RECORD_MB: "0.0001" }).maxRecordBytes).toBe(105);
    expect(() => inputLimitsFromEnv({ OBSERVATORY_MAX_RECORD_MB: "0" })).toThrow(
      'OBSERVATORY_MAX_RECORD_MB must be a number of MB above 0, not "0"',
    );
    expect(() => inputLimitsFromEnv({ OBSERVATORY_MAX_EXPANDED_GB: "lots" })).toThrow(
      'OBSERVATORY_MAX_EXPANDED_GB must be a number of GB above 0, not "lots"',
    );
  });

  it("the ETL's worker threads and the file size that starts them", () => {
    expect(normaliseWorkers({ OBSERVATORY_ETL_WORKERS: "0" })).toBe(0);
    expect(() => normaliseWorkers({ OBSERVATORY_ETL_WORKERS: "all" })).toThrow(
      'OBSERVATORY_ETL_WORKERS must be a whole number of worker threads from 0 to 64 (0: no worker), not "all"',
    );
    expect(parallelMinBytes({})).toBe(32 * 2 ** 20);
    // It was read with Number() and a typo silently turned the workers off (NaN).
    expect(() => parallelMinBytes({ OBSERVATORY_PARALLEL_MIN_BYTES: "32MB" })).toThrow(
      'OBSERVATORY_PARALLEL_MIN_BYTES must be a whole number of bytes from 0, not "32MB"',
    );
  });
});
