// The command on every shipped JSON sample and every test fixture (JSON and XML): exit 0, one JSON
// object on stdout, records_read equal to the marchés + concessions in the file, and the balance
// of every source. The shipped samples are real producers' files only.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { fixture, FIXTURES_DIR } from "../helpers/fixtures.ts";
import { countRecords } from "../helpers/count-records.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";
import { rmSync } from "node:fs";

const run = promisify(execFile);
const decpFiles = (folder: string) =>
  readdirSync(folder)
    .filter((name) => /\.(json|xml)$/.test(name))
    .sort()
    .map((name) => join(folder, name));
const samples = decpFiles(SAMPLES_DIR);
const fixtures = decpFiles(FIXTURES_DIR);
const files = [...samples, ...fixtures];
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("every shipped sample, one at a time", () => {
  it("ships real producers' files only; examples and fixtures of every format stay in the tests", () => {
    expect(samples.length).toBeGreaterThanOrEqual(17);
    expect(samples.every((f) => basename(f).startsWith("real-"))).toBe(true);
    expect(fixtures.filter((f) => f.endsWith(".xml")).length).toBeGreaterThanOrEqual(8);
    expect(fixtures.filter((f) => f.endsWith(".json")).length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)("%s: every record accounted for", async (path) => {
    const file = basename(path);
    const report = await runEtl({
      inputs: [path],
      dbPath: join(dir, `${file}.duckdb`),
      today: TEST_TODAY,
    });
    expect(report.status).toBe("ok");
    expect(report.sources).toHaveLength(1);
    const [source] = report.sources;
    expect(source.records_read).toBe(countRecords(path));
    expect(source.records_read).toBe(source.loaded + source.rejected + source.duplicates);
    expect(source.format).toMatch(/^(v1|v2\.0\.0|v2)(\+(v1|v2\.0\.0|v2))* (JSON|XML)$/);
  });
});

describe("the command line", () => {
  it("prints only one JSON object on stdout with --json, and exits 0", async () => {
    const file = join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json");
    const db = join(dir, "cli.duckdb");
    const { stdout, stderr } = await run("npx", ["tsx", "etl/cli.ts", file, "--db", db, "--json"]);
    const report = JSON.parse(stdout);
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
      ]),
    );
    expect(stderr).toContain("470 records read");
  });

  it("prints a summary table without --json", async () => {
    const file = fixture("official-v1.5-example-paquet.xml");
    const { stdout } = await run("npx", [
      "tsx",
      "etl/cli.ts",
      file,
      "--db",
      join(dir, "table.duckdb"),
    ]);
    expect(stdout).toMatch(
      /source\s+format\s+records_read\s+loaded\s+rejected\s+duplicates\s+field_issues/,
    );
    expect(stdout).toMatch(/total\s+4\s+4\s+0\s+0/);
  });
});
