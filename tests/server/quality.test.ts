// Rejects and field issues of the current snapshot, browsable through the API: counts match the
// snapshot's tables, pages hold the raw records, filters are bound values, bad input is a 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultInputs } from "../../etl/pipeline.ts";
import { writeTestInput } from "../helpers/etl-cache.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

interface Browse {
  snapshot_id: string;
  total: number;
  groups: Record<string, string | number>[];
  by_source: { source: string; count: number }[];
  limit: number;
  offset: number;
  rows: Record<string, unknown>[];
}
interface ApiErrorBody {
  error: { code: string; param: string };
}

// One more file beside the samples: a record with no id (rejected) whose raw text is longer
// than the list's preview of 2,000 characters.
const LONG_OBJET = "Travaux de voirie ".repeat(400);
let t: TestServer;
beforeAll(async () => {
  const file = writeTestInput(
    "quality-long-reject.json",
    JSON.stringify({
      // No buyer id: rejected, and long enough to be cut in the list.
      marches: [
        { id: "2024-001", acheteur: { nom: "Ville" }, nature: "Marché", objet: LONG_OBJET },
      ],
    }),
  );
  t = await startTestServer({ inputs: [...defaultInputs(), file] });
});
afterAll(async () => {
  await t?.close();
});

const truth = (sql: string, params: string[] = []) => queryFile(t.dbPath, sql, params);
const errorOf = async (path: string) => {
  const response = await t.get(path);
  return { status: response.status, body: (await response.json()) as ApiErrorBody };
};

describe("GET /api/rejects", () => {
  it("counts the rejects by reason and by source as the snapshot holds them", async () => {
    const body = await t.json<Browse>("/api/rejects");
    const [run] = await truth("SELECT DISTINCT run_id FROM rejects");
    expect(body.snapshot_id).toBe(run.run_id);
    expect(body.groups).toEqual(
      await truth(
        "SELECT reason, count(*) AS count FROM rejects GROUP BY reason ORDER BY count DESC, reason",
      ),
    );
    expect(body.by_source).toEqual(
      await truth(
        "SELECT source, count(*) AS count FROM rejects GROUP BY source ORDER BY count DESC, source",
      ),
    );
    const [all] = await truth("SELECT count(*) AS n FROM rejects");
    expect(body.total).toBe(all.n);
    expect(body.total).toBeGreaterThan(50);
    expect(body.rows).toHaveLength(50);
  });

  it("filters by reason and source (bound values) and pages in a stable order", async () => {
    const reason = "fictitious test record published by mistake (see fictitious-records.ts)";
    const q = `reason=${encodeURIComponent(reason)}`;
    const [first, second] = await Promise.all([
      t.json<Browse>(`/api/rejects?${q}&limit=5`),
      t.json<Browse>(`/api/rejects?${q}&limit=5&offset=5`),
    ]);
    const expected = await truth(
      "SELECT source, position FROM rejects WHERE reason = $1 ORDER BY source, position LIMIT 10",
      [reason],
    );
    const got = [...first.rows, ...second.rows].map((r) => ({
      source: r.source,
      position: r.position,
    }));
    expect(got).toEqual(expected);
    expect(second.rows.every((r) => r.reason === reason && r.kind === "marche")).toBe(true);
    expect(JSON.parse(String(second.rows[0].raw))).toHaveProperty("acheteur");

    const source = String(first.rows[0].source);
    const both = await t.json<Browse>(`/api/rejects?${q}&source=${encodeURIComponent(source)}`);
    const [n] = await truth("SELECT count(*) AS n FROM rejects WHERE reason = $1 AND source = $2", [
      reason,
      source,
    ]);
    expect(both.total).toBe(n.n);
    expect(both.by_source).toEqual([{ source, count: n.n }]);
  });

  it("cuts a long raw record in the list, and gives it whole on its own", async () => {
    const body = await t.json<Browse>(
      `/api/rejects?reason=${encodeURIComponent("missing buyer id (acheteur.id)")}&limit=500`,
    );
    const long = body.rows.find((r) => String(r.source).endsWith("long-reject.json"));
    expect(long).toBeDefined();
    expect(long?.raw_truncated).toBe(true);
    expect(String(long?.raw)).toHaveLength(2000);
    expect(body.rows.filter((r) => r.raw_truncated)).toHaveLength(1);
    const whole = await t.json<{ record: { raw: string; reason: string } }>(
      `/api/rejects/record?source=${encodeURIComponent(String(long?.source))}&position=${long?.position}`,
    );
    expect(whole.record.raw.startsWith(String(long?.raw))).toBe(true);
    expect(JSON.parse(whole.record.raw)).toMatchObject({ objet: LONG_OBJET });
    expect(whole.record.reason).toBe("missing buyer id (acheteur.id)");
  });

  it("treats hostile text as a value, and refuses unknown or bad parameters", async () => {
    const hostile = await t.json<Browse>(
      `/api/rejects?reason=${encodeURIComponent("';DROP TABLE rejects;--")}`,
    );
    expect(hostile.total).toBe(0);
    expect(hostile.groups).toEqual([]);
    const unknown = await errorOf("/api/rejects?raw=1&limit=3");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "unknown_parameter", param: "raw" });
    for (const [path, param] of [
      ["/api/rejects?limit=0", "limit"],
      ["/api/rejects?limit=501", "limit"],
      ["/api/rejects?offset=-1", "offset"],
      ["/api/rejects?reason=a&reason=b", "reason"],
      [`/api/rejects?source=${"x".repeat(501)}`, "source"],
      ["/api/rejects/record?position=1", "source"],
      ["/api/rejects/record?source=a", "position"],
      ["/api/rejects/record?source=a&position=1&x=2", "x"],
    ]) {
      const bad = await errorOf(path);
      expect(bad.status, path).toBe(400);
      expect(bad.body.error.param, path).toBe(param);
    }
    expect((await t.get("/api/rejects/record?source=nothing&position=3")).status).toBe(404);
  });
});

describe("GET /api/field-issues", () => {
  it("counts issues by field (list positions blanked) × problem × action", async () => {
    const body = await t.json<Browse>("/api/field-issues?limit=3");
    const groups = await truth(
      `SELECT regexp_replace(field, '\\[[0-9]+\\]', '[]', 'g') AS f, problem, action, count(*) AS n
       FROM field_issues GROUP BY ALL ORDER BY n DESC, f, problem, action`,
    );
    expect(body.groups).toEqual(
      groups.map((g) => ({ field: g.f, problem: g.problem, action: g.action, count: g.n })),
    );
    expect(body.groups.some((g) => g.field === "titulaires[].id")).toBe(true);
    const [all] = await truth("SELECT count(*) AS n FROM field_issues");
    expect(body.total).toBe(all.n);
    expect(body.rows).toHaveLength(3);
  });

  it("filters by field (exact or any position), problem and action", async () => {
    const [anyPos, exact, nulled] = await Promise.all([
      t.json<Browse>("/api/field-issues?field=titulaires[].id&limit=500"),
      t.json<Browse>(`/api/field-issues?field=${encodeURIComponent("titulaires[0].id")}`),
      t.json<Browse>("/api/field-issues?action=nulled&problem=not%20a%20date"),
    ]);
    const [a, e, n] = await Promise.all([
      truth(
        "SELECT count(*) AS n FROM field_issues WHERE field SIMILAR TO 'titulaires\\[[0-9]+\\]\\.id'",
      ),
      truth("SELECT count(*) AS n FROM field_issues WHERE field = 'titulaires[0].id'"),
      truth(
        "SELECT count(*) AS n FROM field_issues WHERE action = 'nulled' AND problem = 'not a date'",
      ),
    ]);
    expect(anyPos.total).toBe(a[0].n);
    expect(anyPos.total).toBeGreaterThan(exact.total);
    expect(exact.total).toBe(e[0].n);
    expect(nulled.total).toBe(n[0].n);
    expect(anyPos.rows.every((r) => /^titulaires\[\d+\]\.id$/.test(String(r.field)))).toBe(true);
    const bad = await errorOf("/api/field-issues?action=deleted");
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("action");
    expect((await errorOf("/api/field-issues?reason=x")).body.error.param).toBe("reason");
  });
});

describe("OpenAPI", () => {
  it("documents the routes with exactly the parameters they accept", async () => {
    type Doc = { paths: Record<string, { get: { parameters: { name: string }[] } }> };
    const doc = await t.json<Doc>("/api/openapi.json");
    const accepted: Record<string, string[]> = {
      "/api/rejects": ["source", "reason", "limit", "offset"],
      "/api/rejects/record": ["source", "position"],
      "/api/field-issues": ["source", "field", "problem", "action", "limit", "offset"],
    };
    for (const [path, names] of Object.entries(accepted)) {
      expect(doc.paths[path].get.parameters.map((p) => p.name).sort(), path).toEqual(
        [...names].sort(),
      );
      // Every documented parameter is one the route knows (a 404 or 200, never "unknown").
      for (const name of names) {
        const value = name === "action" ? "flagged" : name === "position" ? "0" : "1";
        const response = await t.get(`${path}?${name}=${value}`);
        if (response.status === 400) {
          const body = (await response.json()) as ApiErrorBody;
          expect(body.error.code, `${path} ${name}`).not.toBe("unknown_parameter");
        }
      }
    }
  });
});
