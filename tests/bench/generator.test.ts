// The synthetic generator: the same seed gives the same file byte for byte, records follow the
// official 2024 schema apart from the dirty values it injects on purpose (and those real templates
// carry), and the file declares itself synthetic, which the ETL records.
import { Ajv } from "ajv";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.ts";
import { runEtl } from "../../etl/pipeline.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

describe("npm run generate", () => {
  it("writes the same file for the same seed, another for another seed", async () => {
    await generate({ contracts: 300, format: "v2", out: file("a.json"), seed: 7 });
    await generate({ contracts: 300, format: "v2", out: file("b.json"), seed: 7 });
    await generate({ contracts: 300, format: "v2", out: file("c.json"), seed: 8 });
    expect(readFileSync(file("a.json")).equals(readFileSync(file("b.json")))).toBe(true);
    expect(readFileSync(file("a.json")).equals(readFileSync(file("c.json")))).toBe(false);
  });

  it("writes v2 records valid against the official 2.0.3 schema, but for a few dirty ones (under 5 %)", async () => {
    await generate({ contracts: 300, format: "v2", out: file("v2.json"), seed: 11 });
    const data = JSON.parse(readFileSync(file("v2.json"), "utf8"));
    expect(Object.keys(data)[0]).toBe("$synthetic");
    const schema = JSON.parse(
      readFileSync("tests/fixtures/schemas/decp-v2.0.3.schema.json", "utf8"),
    );
    const validate = new Ajv({ strict: false }).compile(schema);
    const records = data.marches.marche as Record<string, unknown>[];
    expect(records).toHaveLength(300);
    const invalid = records.filter((r) => !validate({ marches: { marche: [r] } }));
    expect(invalid.length / records.length).toBeLessThan(0.05);
  });

  it("is read by the ETL as a synthetic source, every record accounted for", async () => {
    await generate({ contracts: 500, format: "v1", out: file("v1.json"), seed: 3 });
    const report = await runEtl({
      inputs: [file("v1.json")],
      dbPath: file("db.duckdb"),
      today: TEST_TODAY,
    });
    expect(report.status).toBe("ok");
    const [source] = report.sources;
    expect(source.synthetic).toBe(true);
    expect(source.records_read).toBe(500);
    expect(source.loaded + source.rejected + source.duplicates).toBe(500);
    expect(source.duplicates).toBeGreaterThan(0); // republications
  });
});
