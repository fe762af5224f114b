// Bad input gets a JSON error naming the parameter (400) or the missing thing (404), never a
// stack trace; every answer carries the security headers; the dashboard is served from the same
// origin with the chart libraries from node_modules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody as ErrorBody } from "../../server/api-types.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

async function expectError(path: string, status: number, param?: string): Promise<ErrorBody> {
  const response = await t.get(path);
  expect(response.status, path).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  const text = await response.text();
  // No stack trace, no file path of the server.
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  expect(text).not.toContain(process.cwd());
  const body = JSON.parse(text) as ErrorBody;
  expect(body.error.status).toBe(status);
  if (param !== undefined) {
    expect(
      body.error.issues.map((i) => i.param),
      path,
    ).toContain(param);
  }
  return body;
}

describe("user errors", () => {
  it("unknown indicator → 404", async () => {
    const body = await expectError("/api/indicators/no_such_thing", 404, "id");
    expect(body.error.code).toBe("unknown_indicator");
    await expectError("/api/indicators/no_such_thing/export?format=csv", 404, "id");
  });

  it("unknown dimension or parameter → 400 naming it", async () => {
    await expectError("/api/indicators/contracts_count?by=colour", 400, "by");
    const body = await expectError("/api/indicators/contracts_count?colour=red", 400, "colour");
    expect(body.error.code).toBe("unknown_parameter");
    await expectError("/api/indicators/contracts_count?filter=colour=red", 400, "filter");
  });

  it("a dimension the indicator does not allow → 400", async () => {
    // top_supplier_share cannot be broken down by région.
    await expectError("/api/indicators/top_supplier_share?by=region", 400, "by");
  });

  it("malformed values → 400 naming the parameter", async () => {
    await expectError("/api/indicators/contracts_count?year=abc", 400, "year");
    await expectError("/api/indicators/contracts_count?procedure=nope", 400, "procedure");
    await expectError("/api/indicators/contracts_count?grain=week", 400, "grain");
    await expectError("/api/indicators/contracts_count?filter=year>>2019", 400, "filter");
    await expectError("/api/indicators/contracts_count/export?format=pdf", 400, "format");
    await expectError("/api/indicators/contracts_count/export", 400, "format");
    await expectError("/api/buyers/123", 400, "siret");
    await expectError("/api/buyers?q=", 400, "q");
    await expectError("/api/buyers?q=lyon&limit=100000", 400, "limit");
    await expectError("/api/buyers/21690123100011/contracts?offset=-1", 400, "offset");
    await expectError("/api/suppliers/" + encodeURIComponent("<script>"), 400, "id");
  });

  it("says what is wrong with a value: its range, its shape, or a parameter given twice", async () => {
    const message = async (path: string, param: string) =>
      (await expectError(path, 400, param)).error.message;
    // An integer out of its bounds is said out of range, never « not an integer ».
    expect(await message("/api/buyers?q=commune&limit=-1", "limit")).toMatch(
      /^limit doit être entre 1 et \d+/,
    );
    expect(await message("/api/rejects?offset=1000000001", "offset")).toMatch(
      /^offset doit être entre 0 et 1000000000/,
    );
    expect((await t.get("/api/rejects?offset=1000000000")).status).toBe(200);
    expect(
      await message("/api/indicators/contracts_count?filter=year>99999999999", "filter"),
    ).toContain("hors des valeurs possibles");
    // A quarter or a month not written as the answers write them matches nothing: refused.
    expect(await message("/api/indicators/contracts_count?quarter=2024-Q5", "quarter")).toContain(
      "2024-Q1",
    );
    expect(await message("/api/indicators/contracts_count?month=abc", "month")).toContain(
      "2024-03",
    );
    expect((await t.get("/api/indicators/contracts_count?quarter=2024-Q3")).status).toBe(200);
    expect((await t.get("/api/indicators/contracts_count?filter=month>=2024-07")).status).toBe(200);
    // Repeated, a dimension would need every value at once: refused, the list form suggested.
    expect(await message("/api/indicators/contracts_count?year=2019&year=2024", "year")).toContain(
      "year=a,b",
    );
  });

  it("hostile text is data, never SQL", async () => {
    const hostile = encodeURIComponent("'; DROP TABLE contracts; --");
    const body = await t.json<{ buyers: unknown[] }>(`/api/buyers?q=${hostile}`);
    expect(body.buyers).toEqual([]);
    const none = await t.json<{ rows: { value: number }[] }>(
      `/api/indicators/contracts_count?acheteur_id=${hostile}`,
    );
    expect(none.rows.every((r) => r.value === 0)).toBe(true);
    const still = await t.json<{ rows: { value: number }[] }>("/api/indicators/contracts_count");
    expect(still.rows[0]?.value).toBeGreaterThan(0);
  });

  it("missing things → 404", async () => {
    await expectError("/api/buyers/00000000000001", 404, "siret");
    await expectError("/api/suppliers/NOPE123", 404, "id");
    await expectError("/api/contracts/nope", 404, "uid");
    await expectError("/api/nothing/here", 404);
  });

  it("only reads: other methods are refused", async () => {
    const response = await fetch(`${t.url}/api/health`, { method: "POST" });
    expect(response.status).toBe(405);
  });

  it("a malformed address is a 400, not a crash", async () => {
    const response = await t.get("/api/contracts/%E0%A4%A");
    expect(response.status).toBe(400);
  });
});

describe("headers and static files", () => {
  it("sets the security headers on API answers, pages and files", async () => {
    for (const path of ["/api/health", "/", "/src/main.js", "/api/indicators/nope"]) {
      const response = await t.get(path);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:/);
      expect(csp).not.toContain("unsafe-inline");
      // Vega runs its expressions through its interpreter: nothing is compiled from text.
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toContain("script-src 'self';");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("serves the dashboard in French and the chart libraries locally", async () => {
    const home = await t.get("/");
    const html = await home.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).not.toMatch(/src="https?:/);
    for (const lib of ["vega", "vega-lite", "vega-embed", "vega-interpreter"]) {
      const response = await t.get(`/vendor/${lib}.js`);
      expect(response.status, lib).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/javascript/);
    }
    // No table library any more: the dashboard pivots and writes its CSV itself.
    expect((await t.get("/vendor/arquero.js")).status).toBe(404);
    // The interpreter is an ES module a browser loads without an import map: no bare import
    // left, the helpers it needs read from vega's own build.
    const interpreter = await (await t.get("/vendor/vega-interpreter.js")).text();
    expect(interpreter).not.toMatch(/^\s*import\b/m);
    expect(interpreter).toContain("= globalThis.vega;");
    expect(interpreter).toMatch(/export \{ expression as expressionInterpreter \}/);
    const geo = await t.json<{ features: { properties: { code: string } }[] }>(
      "/data/departements.geojson",
    );
    expect(geo.features.some((f) => f.properties.code === "35")).toBe(true);
  });

  it("answers every page address with the app, and unknown ones with a 404 page", async () => {
    for (const path of [
      "/indicateur/contracts_count",
      "/acheteur/21690123100011/synthese",
      "/recherche?q=x",
    ]) {
      const response = await t.get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('id="contenu"');
    }
    expect((await t.get("/pas/une/page")).status).toBe(404);
    // Developer notes beside the client files are not served.
    expect((await t.get("/CONTEXT.md")).status).toBe(404);
    expect((await t.get("/styles/base.css")).status).toBe(200);
  });

  it("stamps answers with the snapshot id header", async () => {
    const response = await t.get("/api/indicators/contracts_count");
    const body = (await response.json()) as { snapshot_id: string };
    expect(response.headers.get("x-snapshot-id")).toBe(body.snapshot_id);
  });
});
