// The synthetic generator: the same seed gives the same file byte for byte; every record follows
// the official schema of its format except where the generator injects a dirty value it declares
// (DIRT in bench/generator/make-record.ts) or copies one a real template already carries; and the
// file declares itself synthetic, which the ETL records.
// @module-tag slow
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.ts";
import { loadTemplates, type Json } from "../../bench/generator/templates.ts";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";
import { explainFailures, recordValidator } from "./schema-check.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);
const templates = loadTemplates(SAMPLES_DIR);

describe("npm run generate", () => {
  it("writes the same file for the same seed, another for another seed", async () => {
    await generate({ contracts: 300, format: "v2", out: file("a.json"), seed: 7 });
    await generate({ contracts: 300, format: "v2", out: file("b.json"), seed: 7 });
    await generate({ contracts: 300, format: "v2", out: file("c.json"), seed: 8 });
    expect(readFileSync(file("a.json")).equals(readFileSync(file("b.json")))).toBe(true);
    expect(readFileSync(file("a.json")).equals(readFileSync(file("c.json")))).toBe(false);
  });

  // 2 000 records: enough for every kind of declared dirt to show up at its small rate.
  for (const format of ["v2", "v1"] as const) {
    it(`writes ${format} records that fail the official schema only where dirt is declared or carried`, async () => {
      await generate({ contracts: 2000, format, out: file(`${format}.json`), seed: 11 });
      const data = JSON.parse(readFileSync(file(`${format}.json`), "utf8")) as Json;
      expect(Object.keys(data)[0]).toBe("$synthetic");
      const marches = data.marches as Json[] | { marche: Json[] };
      const records = Array.isArray(marches) ? marches : marches.marche;
      expect(records).toHaveLength(2000);

      const validate = recordValidator(format);
      const report = explainFailures(validate, records, templates[format]);
      // Every failure has a reason; printed in full when one has none.
      expect(report.unexplained).toEqual([]);
      // The dirt is there (the check is not vacuous), at the small rates it is declared with.
      expect(Object.keys(report.dirt).length).toBeGreaterThanOrEqual(2);
      expect(report.failed / records.length).toBeLessThan(format === "v2" ? 0.02 : 0.1);
    });
  }

  it("is read by the ETL as a synthetic source, every record accounted for", async () => {
    await generate({ contracts: 500, format: "v1", out: file("etl.json"), seed: 3 });
    const report = await runEtl({
      inputs: [file("etl.json")],
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

  it.each(["tabular-parquet", "tabular-csv"] as const)(
    "writes decp.info's table (%s), read back as a synthetic tabular source, one contract per record",
    async (format) => {
      const out = file(`tabular.${format}`);
      const written = await generate({ contracts: 400, format, out, seed: 5 });
      expect(written.rows).toBeGreaterThanOrEqual(400);
      const report = await runEtl({
        inputs: [out],
        dbPath: file(`${format}.duckdb`),
        today: TEST_TODAY,
      });
      expect(report.status, report.error?.message).toBe("ok");
      const [source] = report.sources;
      expect(source.synthetic).toBe(true);
      expect(source.tabular).toMatchObject({
        dialect: "decp-info",
        rows_read: written.rows,
        rows_used: written.rows,
        rows_rejected: 0,
      });
      // No republication in decp.info's table: every generated contract is one contract.
      expect(source.records_read).toBe(400);
      expect(source.loaded + source.rejected + source.duplicates).toBe(400);
      expect(source.tabular?.columns_unused.map((c) => c.name)).not.toContain("$synthetic");
    },
  );
});
