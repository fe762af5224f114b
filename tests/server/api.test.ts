// The JSON API against a real server and a real snapshot built from the shipped samples.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { loadCatalogue } from "../../indicators/index.ts";
import { queryFile, startTestServer, TEST_NOW, type TestServer } from "./helpers/test-server.ts";

type Json = Record<string, unknown>;
interface Result {
  snapshot_id: string;
  definition_version: number;
  generated_at: string;
  indicator: Json & { id: string; shape: string; breakdowns: { id: string }[] };
  request: Json;
  columns: { name: string; label: string; role: string }[];
  rows: (Json & { value: number | null; n: number; flags: string[] })[];
}

let t: TestServer;
let snapshotId: string;

beforeAll(async () => {
  t = await startTestServer();
  const [run] = await queryFile(
    t.dbPath,
    "SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 1",
  );
  snapshotId = String(run?.run_id);
});
afterAll(() => t?.close());

describe("health and description", () => {
  it("names the snapshot: latest run id, load time, contract count", async () => {
    const [truth] = await queryFile(t.dbPath, "SELECT count(*) AS n FROM contracts");
    const health = await t.json<Json & { snapshot: Json }>("/api/health");
    expect(health.status).toBe("ok");
    expect(health.snapshot_id).toBe(snapshotId);
    expect(health.snapshot.id).toBe(snapshotId);
    expect(health.snapshot.contracts).toBe(truth?.n);
    expect(String(health.snapshot.loaded_at)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(health.generated_at).toBe(TEST_NOW.toISOString());
  });

  it("serves an OpenAPI 3.1 document listing every route", async () => {
    const doc = await t.json<{ openapi: string; paths: Record<string, unknown> }>(
      "/api/openapi.json",
    );
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/health",
      "/api/indicators",
      "/api/indicators/{id}",
      "/api/indicators/{id}/export",
      "/api/buyers",
      "/api/buyers/{siret}",
      "/api/suppliers/{id}",
      "/api/contracts/{uid}",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

describe("catalogue and indicators", () => {
  it("lists every loadable definition with what users need", async () => {
    const catalogue = loadCatalogue();
    const body = await t.json<{ snapshot_id: string; indicators: Json[] }>("/api/indicators");
    expect(body.snapshot_id).toBe(snapshotId);
    expect(body.indicators.map((i) => i.id).sort()).toEqual(
      catalogue.definitions.map((d) => d.id).sort(),
    );
    for (const ind of body.indicators) {
      for (const key of ["title", "description", "formula", "unit", "requires_format", "shape"]) {
        expect(ind[key], `${String(ind.id)}.${key}`).toBeTruthy();
      }
      expect(Array.isArray(ind.breakdowns)).toBe(true);
      expect(Array.isArray(ind.filters)).toBe(true);
      // The measure's internals stay on the server.
      expect(ind).not.toHaveProperty("measure");
    }
  });

  it("runs every indicator, by year, with snapshot id, version and described columns", async () => {
    const catalogue = await t.json<{ indicators: { id: string; version: number }[] }>(
      "/api/indicators",
    );
    for (const ind of catalogue.indicators) {
      const result = await t.json<Result>(`/api/indicators/${ind.id}?by=year`);
      expect(result.snapshot_id).toBe(snapshotId);
      expect(result.definition_version).toBe(ind.version);
      const names = result.columns.map((c) => c.name);
      expect(names).toContain("year");
      for (const name of ["value", "n", "n_scope", "coverage", "flags"])
        expect(names).toContain(name);
      for (const column of result.columns) expect(column.label.length).toBeGreaterThan(0);
      for (const row of result.rows) {
        expect(Object.keys(row).sort()).toEqual([...names].sort());
      }
    }
  });

  it("counts what the snapshot holds (contracts_count by year)", async () => {
    const truth = await queryFile(
      t.dbPath,
      `SELECT year(date_notification) AS year, count(*) AS n FROM contracts
        WHERE date_notification IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const result = await t.json<Result>("/api/indicators/contracts_count?by=year");
    const got = result.rows
      .filter((r) => r.year !== null)
      .map((r) => ({ year: r.year, n: r.value }));
    expect(got).toEqual(truth.map((r) => ({ year: r.year, n: r.n })));
  });

  it("gives N as the contracts the figure rests on, beside those in scope and the value used", async () => {
    // Counted straight on the table: 2024-format contracts (scope), those with considerations
    // filled and an amount not suspect (N), and the published amounts of each.
    const [truth] = await queryFile(
      t.dbPath,
      `SELECT count(*) AS n_scope,
              count(*) FILTER (WHERE considerations_sociales IS NOT NULL
                AND montant IS NOT NULL AND NOT montant_suspect) AS n,
              sum(montant) FILTER (WHERE considerations_sociales IS NOT NULL
                AND NOT montant_suspect) / sum(montant) AS coverage_value
         FROM contracts WHERE decp_format IN ('v2', 'v2.0.0')`,
    );
    const result = await t.json<Result>("/api/indicators/social_consideration_amount_share");
    const row = result.rows[0];
    expect(row?.n).toBe(truth?.n);
    expect(row?.n_scope).toBe(truth?.n_scope);
    expect(Number(truth?.n)).toBeLessThan(Number(truth?.n_scope));
    expect(row?.coverage_value).toBeCloseTo(Number(truth?.coverage_value), 12);
    const described = Object.fromEntries(result.columns.map((c) => [c.name, [c.role, c.label]]));
    expect(described.n).toEqual(["n", "N : marchés sur lesquels porte le calcul"]);
    expect(described.n_scope).toEqual(["n_scope", "Marchés dans le périmètre"]);
    expect(described.coverage_value).toEqual(["coverage_value", "Couverture en valeur"]);
    // A count sums no amount: no coverage in value.
    const counts = await t.json<Result>("/api/indicators/contracts_count");
    expect(counts.columns.map((c) => c.name)).not.toContain("coverage_value");
    expect(counts.columns.map((c) => c.name)).toContain("n_scope");
  });

  it("takes dimensions as plain parameters: equals, one of, and the filter syntax", async () => {
    const [truth] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE region = '84' AND year(date_notification) >= 2019",
    );
    const one = await t.json<Result>("/api/indicators/contracts_count?region=84&filter=year>=2019");
    expect(one.rows[0]?.value).toBe(truth?.n);
    expect(one.request.filters).toEqual([
      { dimension: "year", op: "gte", values: [2019] },
      { dimension: "region", op: "eq", values: ["84"] },
    ]);
    const [both] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE procedure IN ('sans_publicite', 'appel_offres_ouvert')",
    );
    const list = await t.json<Result>(
      "/api/indicators/contracts_count?procedure=sans_publicite,appel_offres_ouvert",
    );
    expect(list.rows[0]?.value).toBe(both?.n);
  });

  it("flags the years without the 2024 format for an indicator that needs it", async () => {
    const result = await t.json<Result>("/api/indicators/social_consideration_share?by=year");
    const y2018 = result.rows.find((r) => r.year === 2018);
    expect(y2018?.value).toBeNull();
    expect(y2018?.flags).toContain("format_not_available");
    expect(result.rows.some((r) => r.year === 2024 && r.value !== null)).toBe(true);
  });

  it("gives the filter-bar choices from the snapshot and the model", async () => {
    const choices = await t.json<
      Record<string, { code: string; label: string }[]> & { years: number[] }
    >("/api/filters");
    expect(choices.years).toContain(2024);
    expect(choices.region?.find((r) => r.code === "53")?.label).toBe("Bretagne");
    expect(choices.departement?.length).toBeGreaterThan(90);
    expect(choices.procedure?.map((p) => p.code)).toContain("procedure_adaptee");
    expect(choices.amount_band?.length).toBe(5);
  });
});

describe("snapshot swap", () => {
  it(
    "serves the new snapshot once the ETL has swapped it in, without a restart",
    { tags: ["slow"] },
    async () => {
      const before = await t.json<{ snapshot_id: string }>("/api/health");
      // One daily file (seconds, where the samples take a minute), forced past the shrink guard.
      const report = await runEtl({
        inputs: [join(SAMPLES_DIR, "real-v2-dematis-daily-2024-07-16.json")],
        dbPath: t.dbPath,
        today: TEST_NOW,
        force: true,
      });
      expect(report.status).toBe("ok");
      const after = await t.json<{ snapshot_id: string }>("/api/health");
      expect(after.snapshot_id).toBe(report.run_id);
      expect(after.snapshot_id).not.toBe(before.snapshot_id);
      const result = await t.json<{ snapshot_id: string }>("/api/indicators/contracts_count");
      expect(result.snapshot_id).toBe(report.run_id);
    },
  );
});
