// The analysts' command, in-process (side effects passed in); cli.process.test.ts runs it once
// through `npm run` to check the wiring and that stdout is exactly one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../indicators/cli-run.ts";
import { seededDatabaseFile } from "./helpers/seed-db.ts";

let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "indicators-cli-"));
  dbPath = join(dir, "seed.duckdb");
  await seededDatabaseFile(dbPath);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(
  args: string[],
  options: { env?: Record<string, string>; definitionsDir?: string } = {},
) {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    env: options.env ?? {},
    ...(options.definitionsDir ? { definitionsDir: options.definitionsDir } : {}),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describe("indicator command", () => {
  it("lists the catalogue", async () => {
    const text = await cli(["--list"]);
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split("\n").length).toBeGreaterThanOrEqual(20);
    expect(text.stdout).toMatch(/^single_offer_rate +Taux d'offre unique$/m);
    const json = await cli(["--list", "--format", "json"]);
    const parsed = JSON.parse(json.stdout) as { indicators: { id: string }[]; errors: unknown[] };
    expect(parsed.errors).toEqual([]);
    expect(parsed.indicators.map((i) => i.id)).toContain("top_supplier_share");
  });

  it("prints one JSON object with the indicator and its rows", async () => {
    const out = await cli(["contracts_count", "--by", "region", "--db", dbPath]);
    expect(out.code).toBe(0);
    const parsed = JSON.parse(out.stdout) as { indicator: { id: string }; rows: unknown[] };
    expect(Object.keys(parsed)).toEqual(["indicator", "rows"]);
    expect(parsed.indicator.id).toBe("contracts_count");
    expect(parsed.rows).toHaveLength(3);
  });

  it("prints CSV with a header", async () => {
    const args = [
      "single_offer_rate",
      "--grain",
      "year",
      "--filter",
      "region=53",
      "--format",
      "csv",
    ];
    const out = await cli([...args, "--db", dbPath]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "year,value,n,n_scope,numerator,denominator,coverage,flags,status,status_not_judged",
    );
    // 2024 in region 53, no publicity left out, A-4 (v2; n_scope 3) → 1 offer: A-1 of
    // the 2 filled (A-1, A-2: N = 2).
    expect(lines).toContain(
      "2024,0.5,2,3,1,2,0.6666666666666666,format_partial|below_min_n,,below_min_n",
    );
  });

  it("matches hostile filter values literally", async () => {
    const out = await cli([
      "contracts_count",
      "--filter",
      "acheteur_nom=L'Haÿ-les-Roses",
      "--db",
      dbPath,
    ]);
    expect(JSON.parse(out.stdout).rows[0].n).toBe(3);
    const drop = await cli([
      "contracts_count",
      "--filter",
      "acheteur_nom=';DROP TABLE contracts;--",
      "--db",
      dbPath,
    ]);
    expect(JSON.parse(drop.stdout).rows[0].n).toBe(0);
    const again = await cli(["contracts_count", "--db", dbPath]);
    expect(JSON.parse(again.stdout).rows[0].n).toBe(12);
  });

  it("shows the SQL and its parameters without running it", async () => {
    const out = await cli([
      "no_publicity_share",
      "--sql",
      "--filter",
      "acheteur_nom=';DROP TABLE x;--",
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^WITH "facts" AS \(/);
    expect(out.stdout).toContain(`-- params: ["sans_publicite","';DROP TABLE x;--"]`);
    expect(out.stdout.split("-- params")[0]).not.toContain("DROP");
  });

  it("reports request errors on stderr with exit code 2", async () => {
    const out = await cli([
      "single_offer_rate",
      "--filter",
      "year=twenty",
      "--by",
      "commune",
      "--db",
      dbPath,
    ]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain('error: parameter "by": unknown dimension "commune"');
    expect(out.stderr).toContain(
      'error: parameter "filter": year expects an integer, got "twenty"',
    );
  });

  it("reports an unknown indicator, a bad flag and a missing database", async () => {
    expect((await cli(["nope", "--db", dbPath])).stderr).toMatch(/unknown indicator "nope"/);
    expect((await cli(["contracts_count", "--colour"])).code).toBe(2);
    const missing = await cli(["contracts_count"], {
      env: { OBSERVATORY_DB: join(dir, "none.duckdb") },
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/database not found: .*none\.duckdb/);
  });

  it("uses OBSERVATORY_DB by default", async () => {
    const out = await cli(["contracts_count"], { env: { OBSERVATORY_DB: dbPath } });
    expect(out.code).toBe(0);
  });

  it("keeps working beside broken definitions, and says so", async () => {
    const definitionsDir = "tests/fixtures/indicators/broken";
    const list = await cli(["--list"], { definitionsDir });
    expect(list.code).toBe(1);
    expect(list.stdout.trim()).toMatch(/^good_share/);
    expect(list.stderr).toContain(
      "warning: tests/fixtures/indicators/broken/shape_errors.yaml: colour: unknown key",
    );
    const run = await cli(["good_share", "--db", dbPath], { definitionsDir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rows[0].numerator).toBe(1);
  });
});
