// Every shipped sample and every test fixture (JSON and XML) through the real ETL: records_read
// equal to the marchés + concessions counted in the file independently, and the balance of every
// source. The tabular samples (CSV) are counted against their distinct contracts in
// tests/etl/tabular-samples.test.ts; here, that the run took every sample file. The shipped samples are real producers' files only. The command itself runs in-process
// here (runEtlCli); tests/etl/cli.process.test.ts starts it as users do, once.
import { readdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SAMPLES_DIR, type EtlReport, type SourceReport } from "../../etl/pipeline.ts";
import { runEtlCli } from "../../etl/cli-run.ts";
import { fixture, FIXTURES_DIR } from "../helpers/fixtures.ts";
import { countRecords } from "../helpers/count-records.ts";
import { cachedEtl } from "../helpers/etl-cache.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";

const filesOf = (folder: string, kinds: RegExp) =>
  readdirSync(folder)
    .filter((name) => kinds.test(name))
    .sort()
    .map((name) => join(folder, name));
const JSON_XML = /\.(json|xml)$/;
const allSamples = filesOf(SAMPLES_DIR, /\.(json|xml|csv|parquet)$/);
const samples = filesOf(SAMPLES_DIR, JSON_XML);
const fixtures = filesOf(FIXTURES_DIR, JSON_XML);
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The samples' report (built once by the global setup) and one run of every fixture. */
let samplesReport: EtlReport;
let fixturesReport: EtlReport;
beforeAll(async () => {
  samplesReport = JSON.parse(inject("samplesSnapshot").report) as EtlReport;
  fixturesReport = await cachedEtl(fixtures, TEST_TODAY, join(dir, "fixtures.duckdb"));
});

function sourceOf(report: EtlReport, path: string): SourceReport {
  const found = report.sources.find((s) => basename(s.source) === basename(path));
  if (!found) throw new Error(`${basename(path)} is not in the run's sources`);
  return found;
}

function expectAccountedFor(source: SourceReport, path: string): void {
  expect(source.records_read).toBe(countRecords(path));
  expect(source.records_read).toBe(source.loaded + source.rejected + source.duplicates);
  expect(source.format).toMatch(/^(v1|v2\.0\.0|v2)(\+(v1|v2\.0\.0|v2))* (JSON|XML)$/);
}

describe("every shipped sample and every fixture", () => {
  it("ships real producers' files only; examples and fixtures of every format stay in the tests", () => {
    expect(samples.length).toBeGreaterThanOrEqual(17);
    expect(allSamples.every((f) => basename(f).startsWith("real-"))).toBe(true);
    expect(fixtures.filter((f) => f.endsWith(".xml")).length).toBeGreaterThanOrEqual(8);
    expect(fixtures.filter((f) => f.endsWith(".json")).length).toBeGreaterThanOrEqual(15);
  });

  it("loads every sample of data/samples, each source balanced", () => {
    expect(samplesReport.status).toBe("ok");
    expect(samplesReport.sources.map((s) => basename(s.source)).sort()).toEqual(
      allSamples.map((f) => basename(f)),
    );
    expect(allSamples.filter((f) => f.endsWith(".csv")).length).toBeGreaterThanOrEqual(4);
    for (const source of samplesReport.sources) {
      expect(source.records_read, source.source).toBe(
        source.loaded + source.rejected + source.duplicates,
      );
    }
  });

  it.each(samples)("%s: every record accounted for", (path) => {
    expectAccountedFor(sourceOf(samplesReport, path), path);
  });

  it.each(fixtures)("%s: every record accounted for", (path) => {
    expect(fixturesReport.status).toBe("ok");
    expectAccountedFor(sourceOf(fixturesReport, path), path);
  });
});

describe("the command, in-process", () => {
  const cli = async (argv: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await runEtlCli(argv, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: {},
      today: TEST_TODAY,
    });
    return { code, stdout, stderr };
  };

  it(
    "prints only one JSON object on stdout with --json, and exits 0",
    { tags: ["slow"] },
    async () => {
      const file = join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json");
      const { code, stdout, stderr } = await cli([file, "--db", join(dir, "cli.duckdb"), "--json"]);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as EtlReport;
      expect(report.status).toBe("ok");
      expect(report.sources[0]).toMatchObject({ records_read: 470, format: "v1 JSON" });
      expect(Object.keys(report.sources[0])).toEqual(
        expect.arrayContaining([
          "source",
          "format",
          "records_read",
          "loaded",
          "rejected",
          "duplicates",
          "field_issues",
          "derived_keys",
          "cases",
        ]),
      );
      expect(stderr).toContain("470 records read");
    },
  );

  it("prints a summary table without --json", { tags: ["slow"] }, async () => {
    const file = fixture("official-v1.5-example-paquet.xml");
    const { code, stdout } = await cli([file, "--db", join(dir, "table.duckdb")]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /source\s+format\s+records_read\s+loaded\s+rejected\s+duplicates\s+field_issues/,
    );
    expect(stdout).toMatch(/total\s+4\s+4\s+0\s+0/);
  });

  it("exits 2 on an unknown option, with the usage", async () => {
    const { code, stderr } = await cli(["--no-such-option"]);
    expect(code).toBe(2);
    expect(stderr).toContain("usage: npm run etl");
  });
});
