import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The shipped samples' snapshot, built once and copied by the tests that read it.
    globalSetup: ["tests/setup/samples-snapshot.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests build real DuckDB files; two workers fit this 2-core machine.
    maxWorkers: 2,
    env: { TZ: "Europe/Paris" },
    // The JSON report lets .ci/run print its one-line count.
    reporters: ["default", "json"],
    outputFile: { json: "tests/output/vitest-results.json" },
  },
});
