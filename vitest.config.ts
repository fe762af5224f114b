import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const SLOW_MODULE = /^\/\/ @module-tag slow$/m;

/** Test files tagged slow as a whole (`// @module-tag slow`), found by reading them. */
function slowModules(dir = "tests"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : slowModules(path);
    return path.endsWith(".test.ts") && SLOW_MODULE.test(readFileSync(path, "utf8")) ? [path] : [];
  });
}

// `vitest run --mode fast` (npm run test:fast): no browser, no process, nothing tagged slow. The
// files tagged slow as a whole are left out here, not only by --tags-filter, which would still
// import them (seconds each: Vega-Lite's schema, TypeScript).
export default defineConfig(({ mode }) => ({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude:
      mode === "fast"
        ? [
            ...configDefaults.exclude,
            "tests/e2e/**",
            "tests/**/*.process.test.ts",
            ...slowModules(),
          ]
        : configDefaults.exclude,
    // The shipped samples' snapshot, built by the real ETL once per content of its code and data,
    // and copied by the tests that read it.
    globalSetup: ["tests/setup/samples-snapshot.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests build real DuckDB files; two workers fit this 2-core machine.
    maxWorkers: 2,
    // A worker runs its test files one after another in one module graph: DuckDB, the server and
    // Vega are imported once per worker instead of once per file (a third of the suite's time).
    // No test mocks a module or leaves a global behind, so sharing them changes no result.
    isolate: false,
    env: { TZ: "Europe/Paris" },
    tags: [
      {
        name: "slow",
        description:
          "runs the ETL many times or sweeps the whole catalogue: in npm test, not in npm run test:fast",
      },
    ],
    // The JSON report lets .ci/run print its one-line count.
    reporters: ["default", "json"],
    outputFile: { json: "tests/output/vitest-results.json" },
  },
}));
