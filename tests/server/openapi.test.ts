// The OpenAPI document is generated from the server's zod schemas, and real answers of the real
// server (built from the shipped samples, on 127.0.0.1) conform to it, route by route, errors
// included: an answer that gains, loses or retypes a field without its schema fails here, and so
// does a route mounted without being documented.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../indicators/index.ts";
import { openApiDocument } from "../../server/openapi/document.ts";
import { OpenApiValidator, type OpenApiDocument } from "./helpers/openapi-validator.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

const ROUTES_DIR = fileURLToPath(new URL("../../server/routes/", import.meta.url));
const TOKEN = "openapi-test-token-long-enough-to-be-safe";

let t: TestServer;
let v: OpenApiValidator;
/** "get /api/buyers/{siret}" for every operation an answer was checked against. */
const exercised = new Set<string>();

beforeAll(async () => {
  t = await startTestServer({ adminToken: TOKEN });
  v = new OpenApiValidator(await t.json<OpenApiDocument>("/api/openapi.json"));
});
afterAll(() => t?.close());

/** Calls the server, checks the status, and checks the JSON body against the document. */
async function call(
  path: string,
  url: string,
  status: number,
  init: { method?: "get" | "post"; headers?: Record<string, string>; body?: string } = {},
): Promise<Record<string, unknown>> {
  const method = init.method ?? "get";
  const response = await fetch(`${t.url}${url}`, {
    method: method.toUpperCase(),
    headers:
      init.body === undefined
        ? init.headers
        : { "content-type": "application/json", ...init.headers },
    body: init.body,
  });
  const body = (await response.json()) as Record<string, unknown>;
  expect(response.status, `${url}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  expect(v.errors(method, path, status, body)).toEqual([]);
  exercised.add(`${method} ${path}`);
  return body;
}

const first = async (sql: string): Promise<string> => {
  const [row] = await queryFile(t.dbPath, sql);
  if (!row) throw new Error(`no row for ${sql}`);
  return String(Object.values(row)[0]);
};

describe("the OpenAPI document", () => {
  it("is the one the schemas generate", async () => {
    expect(await t.json("/api/openapi.json")).toEqual(openApiDocument());
    exercised.add("get /api/openapi.json");
  });

  it("documents every route the server mounts, and no other", () => {
    const mounted: string[] = [];
    for (const file of readdirSync(ROUTES_DIR).filter((f) => f !== "static.ts")) {
      const text = readFileSync(`${ROUTES_DIR}${file}`, "utf8");
      for (const [, method, path] of text.matchAll(/router\.(get|post)\(\s*"([^"]+)"/g)) {
        mounted.push(`${method} /api${(path as string).replace(/:(\w+)/g, "{$1}")}`);
      }
    }
    const documented = Object.entries(v.doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(mounted.length).toBeGreaterThan(15);
    expect(documented.sort()).toEqual(mounted.sort());
  });
});

describe("the validator", () => {
  it("refuses an answer with an undocumented field, a missing one or a wrong type", async () => {
    const health = await t.json<Record<string, unknown>>("/api/health");
    expect(v.errors("get", "/api/health", 200, health)).toEqual([]);
    expect(v.errors("get", "/api/health", 200, { ...health, extra: 1 })).not.toEqual([]);
    const missing = { ...health };
    delete missing.snapshot;
    expect(v.errors("get", "/api/health", 200, missing)).not.toEqual([]);
    expect(v.errors("get", "/api/health", 200, { ...health, indicators: "27" })).not.toEqual([]);
    const result = await t.json<{ rows: Record<string, unknown>[] }>(
      "/api/indicators/single_offer_rate?by=region",
    );
    const [row] = result.rows;
    const broken = { ...result, rows: [{ ...row, flags: ["nonsense"] }] };
    expect(v.errors("get", "/api/indicators/{id}", 200, broken)).not.toEqual([]);
  });
});

describe("real answers conform to the document", () => {
  it("health, runs, filters and the sources of the data", async () => {
    await call("/api/health", "/api/health", 200);
    await call("/api/filters", "/api/filters", 200);
    await call("/api/data-sources", "/api/data-sources", 200);
    const runs = await call("/api/runs", "/api/runs", 200);
    expect((runs.runs as unknown[]).length).toBeGreaterThan(0);
  });

  // Every indicator by each of its breakdowns is checked against this document by the sweep of
  // vega-lite-specs.test.ts, which fetches those answers anyway.
  it("the catalogue, every indicator plain, a mix and a partition", async () => {
    const catalogue = await call("/api/indicators", "/api/indicators", 200);
    const indicators = catalogue.indicators as { id: string }[];
    expect(indicators.length).toBe(loadCatalogue().definitions.length);
    for (const ind of indicators)
      await call("/api/indicators/{id}", `/api/indicators/${ind.id}`, 200);
    // A mix by a labelled dimension and a filter, and a partition by year.
    await call(
      "/api/indicators/{id}",
      "/api/indicators/procedure_mix?by=region&grain=year&filter=year%3E%3D2019",
      200,
    );
    await call("/api/indicators/{id}", "/api/indicators/top_supplier_share?grain=year", 200);
  });

  it("the exports, as files of the documented types", async () => {
    const path = "/api/indicators/{id}/export";
    const types = Object.keys(v.operation("get", path).responses["200"]?.content ?? {});
    for (const format of ["csv_excel", "csv", "xlsx", "parquet"]) {
      const response = await t.get(`/api/indicators/amount_total/export?format=${format}`);
      expect(response.status).toBe(200);
      const type = response.headers.get("content-type")?.split(";")[0];
      expect(types, format).toContain(type);
    }
    await call(path, "/api/indicators/amount_total/export?format=pdf", 400);
    await call(path, "/api/indicators/nope/export?format=csv", 404);
    exercised.add(`get ${path}`);
  });

  it("buyers, suppliers and contracts, with modifications and subcontracting", async () => {
    const buyers = await call("/api/buyers", "/api/buyers?q=mairie", 200);
    expect((buyers.buyers as unknown[]).length).toBeGreaterThan(0);
    await call("/api/buyers", "/api/buyers?q=2194", 200);
    const siret = await first(
      "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC",
    );
    await call("/api/buyers/{siret}", `/api/buyers/${siret}`, 200);
    await call("/api/buyers/{siret}/contracts", `/api/buyers/${siret}/contracts?limit=5`, 200);
    const nobody = "12345678901234";
    expect(
      await queryFile(t.dbPath, "SELECT 1 FROM contracts WHERE acheteur_id = $1", [nobody]),
    ).toEqual([]);
    await call("/api/buyers/{siret}", `/api/buyers/${nobody}`, 404);
    await call("/api/buyers/{siret}/contracts", `/api/buyers/${nobody}/contracts`, 404);
    await call("/api/suppliers", "/api/suppliers?q=sa", 200);
    const supplier = await first(
      "SELECT titulaire_id FROM contract_suppliers WHERE titulaire_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC",
    );
    await call("/api/suppliers/{id}", `/api/suppliers/${encodeURIComponent(supplier)}`, 200);
    await call("/api/suppliers/{id}", "/api/suppliers/nobody", 404);
    for (const table of ["contract_modifications", "subcontracting_acts", "contract_suppliers"]) {
      const uid = await first(`SELECT uid FROM ${table} ORDER BY uid LIMIT 1`);
      const body = await call(
        "/api/contracts/{uid}",
        `/api/contracts/${encodeURIComponent(uid)}`,
        200,
      );
      expect(body.contract).toMatchObject({ uid });
    }
    // A 2024-format contract: lists of codes and their labels.
    const listed = await first(
      "SELECT uid FROM contracts WHERE considerations_sociales IS NOT NULL ORDER BY uid LIMIT 1",
    );
    await call("/api/contracts/{uid}", `/api/contracts/${encodeURIComponent(listed)}`, 200);
    await call("/api/contracts/{uid}", "/api/contracts/nothing-here", 404);
    const found = await call("/api/contracts", "/api/contracts?q=travaux%20voirie&limit=3", 200);
    expect((found.contracts as unknown[]).length).toBeGreaterThan(0);
    await call("/api/contracts", "/api/contracts?q=zzqxw", 200);
    await call(
      "/api/contracts",
      `/api/contracts?q=${encodeURIComponent("a b c d e f g h i")}`,
      400,
    );
  });

  it("rejects and field issues", async () => {
    const rejects = await call("/api/rejects", "/api/rejects?limit=3", 200);
    const [row] = rejects.rows as { source: string; position: number }[];
    if (!row) throw new Error("the samples have rejected records");
    const record = `/api/rejects/record?source=${encodeURIComponent(row.source)}&position=${row.position}`;
    await call("/api/rejects/record", record, 200);
    await call("/api/rejects/record", "/api/rejects/record?source=x&position=0", 404);
    await call("/api/field-issues", "/api/field-issues?action=nulled&limit=3", 200);
  });

  it("the manual refresh, refused without the token", async () => {
    const path = "/api/admin/refresh";
    await call(path, path, 401, { method: "post", headers: { authorization: "Bearer wrong" } });
  });

  // Slow: the refresh runs the ETL in a child process (npm test, not the inner loop).
  it("the manual refresh, started", { tags: ["slow"] }, async () => {
    const path = "/api/admin/refresh";
    const started = await call(path, path, 202, {
      method: "post",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(started.started).toBe(true);
    // The refresh runs in a child process: wait for it, then its record must conform too.
    for (let i = 0; i < 120; i++) {
      const runs = await call("/api/runs", "/api/runs", 200);
      if ((runs.refresh as { running: boolean } | null)?.running === false) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const runs = await call("/api/runs", "/api/runs", 200);
    expect((runs.refresh as { last: unknown }).last).not.toBeNull();
  });

  it("the workshop: its form, a definition checked and computed, and refusals", async () => {
    const model = await call("/api/workshop", "/api/workshop", 200);
    const [definition] = model.definitions as Record<string, unknown>[];
    const post = (body: unknown) => ({ method: "post" as const, body: JSON.stringify(body) });
    for (const action of ["validate", "preview"]) {
      const path = `/api/workshop/${action}`;
      await call(path, path, 200, post({ definition, request: { grain: "year" }, sql: true }));
      await call(path, path, 200, post({ definition }));
      await call(path, path, 400, post({ definition: { ...definition, measure: null } }));
      await call(
        path,
        path,
        413,
        post({ definition: { ...definition, title: "x".repeat(1 << 20) } }),
      );
    }
  });

  it("a buyer's publication quality, its records to fix and its annual report", async () => {
    const siret = await first(
      "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    );
    // A year with contracts of the buyer: a report of another year is refused (404).
    const [latest] = await queryFile(
      t.dbPath,
      "SELECT max(year(date_notification)) AS y FROM contracts WHERE acheteur_id = $1",
      [siret],
    );
    const year = Number(latest?.y);
    const quality = await call("/api/buyers/{siret}/quality", `/api/buyers/${siret}/quality`, 200);
    expect(quality.contracts).toBeGreaterThan(0);
    await call("/api/buyers/{siret}/quality", `/api/buyers/${siret}/quality?year=2019`, 200);
    await call("/api/buyers/{siret}/quality", "/api/buyers/00000000000001/quality", 404);
    await call("/api/buyers/{siret}/quality", `/api/buyers/${siret}/quality?year=x`, 400);
    for (const [path, url] of [
      ["/api/buyers/{siret}/quality/export", `/api/buyers/${siret}/quality/export?format=xlsx`],
      ["/api/buyers/{siret}/report", `/api/buyers/${siret}/report?year=${year}&format=docx`],
    ] as const) {
      const types = Object.keys(v.operation("get", path).responses["200"]?.content ?? {});
      const response = await t.get(url);
      expect(response.status).toBe(200);
      expect(types).toContain(response.headers.get("content-type")?.split(";")[0]);
      exercised.add(`get ${path}`);
    }
    await call("/api/buyers/{siret}/quality/export", `/api/buyers/${siret}/quality/export`, 400);
    await call("/api/buyers/{siret}/report", `/api/buyers/${siret}/report?format=html`, 400);
    await call("/api/buyers/{siret}/report", "/api/buyers/00000000000001/report?year=2019", 404);
    // A year without contracts of the buyer: nothing to report (no_contract_in_year).
    await call("/api/buyers/{siret}/report", `/api/buyers/${siret}/report?year=1990`, 404);
  });

  it("a buyer's SPASER and peers, typed or not, errors included", async () => {
    const busiest = await first(
      "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1",
    );
    await call("/api/buyers/{siret}/spaser", `/api/buyers/${busiest}/spaser`, 200);
    await call("/api/buyers/{siret}/spaser", `/api/buyers/${busiest}/spaser?year=2019`, 200);
    for (const typed of ["IS NOT NULL", "IS NULL"]) {
      const siret = await first(
        `SELECT acheteur_id FROM contracts JOIN buyers USING (acheteur_id) WHERE type_acheteur ${typed} GROUP BY 1 ORDER BY count(*) DESC, 1`,
      );
      await call("/api/buyers/{siret}/peers", `/api/buyers/${siret}/peers`, 200);
    }
    await call("/api/buyers/{siret}/peers", `/api/buyers/${busiest}/peers?min_n=1`, 200);
    await call("/api/buyers/{siret}/spaser", "/api/buyers/12345678901234/spaser", 404);
    await call("/api/buyers/{siret}/peers", "/api/buyers/12345678901234/peers", 404);
    await call("/api/buyers/{siret}/spaser", `/api/buyers/${busiest}/spaser?year=1999`, 400);
    await call("/api/buyers/{siret}/peers", `/api/buyers/${busiest}/peers?min_n=0`, 400);
  });

  it("errors name their parameter, in the documented shape", async () => {
    await call("/api/indicators/{id}", "/api/indicators/nope", 404);
    await call("/api/indicators/{id}", "/api/indicators/amount_total?by=nothing", 400);
    await call("/api/buyers", "/api/buyers?q=x&limit=0", 400);
    await call("/api/buyers/{siret}", "/api/buyers/123", 400);
  });
});

describe("parameters", () => {
  /** A value of a parameter's schema, for asking whether the route knows the parameter. */
  function sample(schema: Record<string, unknown>): string {
    if (Array.isArray(schema.enum)) return String(schema.enum[0]);
    if (schema.type === "integer") return String(schema.minimum ?? 1);
    if (schema.type === "array") return "year>=2019";
    return "1";
  }

  it("every documented query parameter is one the route reads, and any other is refused", async () => {
    const fill: Record<string, string> = {
      id: "amount_total",
      siret: await first("SELECT acheteur_id FROM contracts LIMIT 1"),
      uid: "x",
    };
    for (const [path, operations] of Object.entries(v.doc.paths)) {
      const get = operations.get;
      if (!get || path === "/api/openapi.json") continue;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        path.startsWith("/api/suppliers") ? "x" : (fill[name] ?? "x"),
      );
      for (const p of get.parameters.filter((p) => p.in === "query" && p.name !== "dimension")) {
        const response = await t.get(`${url}?${p.name}=${encodeURIComponent(sample(p.schema))}`);
        // An export answers with a file; only a JSON answer can be an error.
        if (!response.headers.get("content-type")?.startsWith("application/json")) continue;
        const body = (await response.json()) as { error?: { code: string } };
        expect(body.error?.code, `${path} ?${p.name}`).not.toBe("unknown_parameter");
      }
      const response = await t.get(`${url}?zz_undocumented=1`);
      expect(response.status, `${path} ?zz_undocumented`).toBe(400);
      await call(path, `${url}?zz_undocumented=1`, 400);
    }
  });

  it("every documented operation was checked against a real answer", () => {
    const documented = Object.entries(v.doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect([...exercised].sort()).toEqual(documented.sort());
  });
});
