// The command on every shipped JSON and XML sample: exit 0, one JSON object on stdout,
// records_read equal to the marchés + concessions in the file, and the balance of every source.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { countRecords } from "../helpers/count-records.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";
import { rmSync } from "node:fs";

const run = promisify(execFile);
const files = readdirSync(SAMPLES_DIR)
  .filter((name) => /\.(json|xml)$/.test(name))
  .sort();
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("every shipped sample, one at a time", () => {
  it("ships JSON and XML samples of every format", () => {
    expect(files.filter((f) => f.endsWith(".xml")).length).toBeGreaterThanOrEqual(8);
    expect(files.filter((f) => f.endsWith(".json")).length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)("%s: every record accounted for", async (file) => {
    const path = join(SAMPLES_DIR, file);
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
    const file = join(SAMPLES_DIR, "official-v1.5-example-paquet.xml");
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
