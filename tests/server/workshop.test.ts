// The workshop's API on the real server (samples snapshot, 127.0.0.1): a catalogue definition sent
// as JSON gives the very rows of /api/indicators/:id; a wrong definition is refused in French at
// the path of its field; hostile bodies get clear 4xx answers and run nothing; values reach the
// SQL only as bound parameters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ApiErrorBody,
  IndicatorResult,
  WorkshopModel,
  WorkshopPreview,
  WorkshopValidation,
} from "../../server/api-types.ts";
import { DEFAULT_RATE_LIMIT } from "../../server/workshop/rate-limit.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
let model: WorkshopModel;

beforeAll(async () => {
  t = await startTestServer();
  model = await t.json<WorkshopModel>("/api/workshop");
});
afterAll(() => t?.close());

async function post(action: "preview" | "validate", body: unknown, raw?: string) {
  const response = await fetch(`${t.url}/api/workshop/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ?? JSON.stringify(body),
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

const definitionOf = (id: string) => {
  const found = model.definitions.find((d) => d.id === id);
  if (!found) throw new Error(`no definition ${id}`);
  return structuredClone(found) as Record<string, unknown>;
};

/**
 * Numbers to 12 significant digits: DuckDB sums floating-point amounts in parallel, so two runs
 * of the same query may differ in the last bits (the indicator endpoint run twice does too).
 */
function rounded(value: unknown): unknown {
  if (typeof value === "number") return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  }
  return value;
}

/** The errors of a refused body, as param → message. */
function issues(body: Record<string, unknown>): Record<string, string> {
  const { error } = body as unknown as ApiErrorBody;
  return Object.fromEntries(error.issues.map((i) => [i.param ?? "", i.message]));
}

describe("preview", () => {
  it("gives a catalogue definition's rows, as the indicator endpoint does", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["social_consideration_share", { by: "region" }, "by=region"],
      [
        "amount_median",
        { grain: "year", filter: ["year>=2019"] },
        "grain=year&filter=year%3E%3D2019",
      ],
      ["procedure_mix", { by: "region" }, "by=region"],
      ["top_supplier_share", {}, ""],
    ];
    for (const [id, request, query] of cases) {
      const expected = await t.json<IndicatorResult>(`/api/indicators/${id}?${query}`);
      const { response, body } = await post("preview", { definition: definitionOf(id), request });
      expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(200);
      const preview = body as unknown as WorkshopPreview;
      expect(preview.rows.length, id).toBeGreaterThan(0);
      expect(rounded(preview.rows), id).toEqual(rounded(expected.rows));
      expect(preview.columns, id).toEqual(expected.columns);
      expect(preview.request, id).toEqual(expected.request);
      expect(preview.indicator, id).toEqual(expected.indicator);
      expect(preview.diagnostics.rows).toBe(expected.rows.length);
      expect(preview.sql).toBeNull();
      expect(response.headers.get("x-snapshot-id")).toBe(expected.snapshot_id);
    }
  });

  it("counts the flags of the rows and says in French what they mean", async () => {
    const { body } = await post("preview", {
      definition: definitionOf("social_consideration_share"),
      request: { grain: "year" },
    });
    const preview = body as unknown as WorkshopPreview;
    const formatless = preview.rows.filter((r) => r.flags.includes("format_not_available"));
    expect(formatless.length).toBeGreaterThan(0);
    expect(preview.diagnostics.flagged.format_not_available).toBe(formatless.length);
    const warning = preview.diagnostics.warnings.find((w) => w.code === "format_not_available");
    expect(warning?.message).toContain("format 2024");
    expect(warning?.path).toBe("requires_format");
  });

  it("shows the SQL on demand, with the typed values bound, never printed", async () => {
    const definition = definitionOf("social_consideration_share");
    const { body } = await post("validate", { definition, request: { by: "region" }, sql: true });
    const validation = body as unknown as WorkshopValidation;
    expect(validation.valid).toBe(true);
    expect(validation.sql?.params).toContain("clause_sociale");
    expect(validation.sql?.text).not.toContain("clause_sociale");
    expect(validation.sql?.text).toMatch(/\$\d/);
  });
});

describe("what the form offers", () => {
  it("names the reference list of each field that holds région, département or CPV codes", async () => {
    const choices = Object.fromEntries(model.fields.map((f) => [f.id, f.choices]));
    expect(choices).toMatchObject({
      region: "region",
      departement: "departement",
      titulaire_region: "region",
      acheteur_departement: "departement",
      acheteur_region: "region",
      cpv_division: "cpv_division",
      montant: null,
    });
    // Every code of those lists is one GET /api/filters gives, with its name.
    const lists = await t.json<Record<string, { code: string; label: string }[]>>("/api/filters");
    expect(lists.region?.find((r) => r.code === "53")?.label).toBe("Bretagne");
    expect(lists.departement?.length).toBeGreaterThan(100);
  });
});

describe("validation errors name the field, in French", () => {
  it("a median of a list field", async () => {
    const definition = definitionOf("offers_median");
    definition.measure = { kind: "median", field: "considerations_sociales" };
    const { response, body } = await post("validate", { definition });
    expect(response.status).toBe(400);
    const found = issues(body);
    expect(Object.keys(found)).toEqual(["definition.measure.field"]);
    expect(found["definition.measure.field"]).toContain("Considérations sociales");
    expect(found["definition.measure.field"]).toContain("pas un nombre");
    // The preview refuses it the same way.
    const preview = await post("preview", { definition });
    expect(preview.response.status).toBe(400);
    expect(issues(preview.body)).toEqual(found);
  });

  it("unknown keys, missing keys, a wrong operator and a request the definition does not allow", async () => {
    const definition = definitionOf("social_consideration_share");
    definition.sql = "SELECT 1";
    delete definition.title;
    definition.measure = {
      kind: "ratio",
      numerator: {
        kind: "count_distinct",
        where: { field: "offres_recues", op: "contains", values: [1] },
      },
      denominator: { kind: "count_distinct" },
    };
    const first = issues((await post("validate", { definition })).body);
    expect(first["definition.sql"]).toMatch(/clé inconnue/);
    expect(first["definition.title"]).toBe("Écrivez un titre.");
    // The model check runs once the shape is right.
    delete definition.sql;
    definition.title = "Essai";
    const second = issues((await post("validate", { definition })).body);
    expect(Object.keys(second)).toEqual(["definition.measure.numerator.where.op"]);
    expect(second["definition.measure.numerator.where.op"]).toMatch(/ne s'applique qu'à une liste/);
    const request = issues(
      (
        await post("validate", {
          definition: definitionOf("procedure_mix"),
          request: { by: "procedure" },
        })
      ).body,
    );
    expect(Object.keys(request)).toEqual(["request.by"]);
  });
});

describe("hostile bodies get a clear 4xx and run nothing", () => {
  const refused = async (body: unknown, status: number, raw?: string) => {
    const result = await post("preview", body, raw);
    expect(result.response.status, JSON.stringify(result.body).slice(0, 200)).toBe(status);
    // Only an answer computed on a snapshot carries its id: nothing ran.
    expect(result.response.headers.get("x-snapshot-id")).toBeNull();
    expect(result.body.rows).toBeUndefined();
    return issues(result.body);
  };

  it("unknown fields of the envelope, not JSON, not an object", async () => {
    const definition = definitionOf("amount_total");
    expect(Object.keys(await refused({ definition, execute: true }, 400))).toEqual(["execute"]);
    expect(Object.keys(await refused(null, 400, "{not json"))).toEqual(["body"]);
    expect(Object.keys(await refused([definition], 400))).toEqual(["body"]);
    expect(
      Object.keys(await refused({ definition, request: { by: "region", sort: "x" } }, 400)),
    ).toEqual(["request.sort"]);
  });

  it("SQL-looking names are refused; SQL-looking values are only ever bound", async () => {
    const before = await queryFile(t.dbPath, "SELECT count(*) AS n FROM contracts");
    const named = definitionOf("social_consideration_share");
    named.measure = {
      kind: "ratio",
      numerator: {
        kind: "count_distinct",
        where: { field: "uid) OR 1=1; DROP TABLE contracts; --", op: "not_null" },
      },
      denominator: { kind: "count_distinct" },
    };
    const found = await refused({ definition: named }, 400);
    expect(Object.keys(found)).toEqual(["definition.measure.numerator.where.field"]);
    const id = definitionOf("amount_total");
    id.id = "x'; DROP TABLE contracts; --";
    expect(Object.keys(await refused({ definition: id }, 400))).toEqual(["definition.id"]);

    const valued = definitionOf("social_consideration_share");
    const hostile = "clause_sociale'); DROP TABLE contracts; --";
    // A field of open text: one of a closed list refuses such a value before anything runs
    // (unknown-list-values.test.ts), here it must reach the SQL, bound.
    valued.measure = {
      kind: "ratio",
      numerator: {
        kind: "count_distinct",
        where: { field: "acheteur_nom", op: "in", values: [hostile] },
      },
      denominator: {
        kind: "count_distinct",
        where: { field: "considerations_sociales", op: "not_null" },
      },
    };
    const { response, body } = await post("preview", { definition: valued, sql: true });
    expect(response.status).toBe(200);
    const preview = body as unknown as WorkshopPreview;
    expect(preview.sql?.params).toContain(hostile);
    expect(preview.sql?.text).not.toContain("DROP");
    expect(preview.rows.map((r) => r.numerator)).toEqual(preview.rows.map(() => 0));
    expect(await queryFile(t.dbPath, "SELECT count(*) AS n FROM contracts")).toEqual(before);
  });

  it("deep nesting, huge lists, long texts", async () => {
    let deep: Record<string, unknown> = { field: "montant", op: "not_null" };
    for (let i = 0; i < 2000; i++) deep = { not: deep };
    const nested = definitionOf("amount_total");
    nested.scope = deep;
    const depth = await refused({ definition: nested }, 400);
    expect(Object.values(depth)[0]).toMatch(/imbrication trop profonde/);
    expect(Object.keys(depth)[0]).toMatch(/^definition\.scope(\.not)+$/);

    const listed = definitionOf("amount_total");
    listed.scope = {
      field: "procedure",
      op: "in",
      values: Array.from({ length: 2000 }, (_, i) => `p${i}`),
    };
    expect(await refused({ definition: listed }, 400)).toEqual({
      "definition.scope.values": expect.stringMatching(/liste trop longue/),
    });

    const texts = definitionOf("amount_total");
    texts.caveats = ["x".repeat(20_000)];
    expect(Object.keys(await refused({ definition: texts }, 400))).toEqual([
      "definition.caveats.0",
    ]);
  });

  it("a body of 1 MB is refused by its size", async () => {
    const definition = definitionOf("amount_total");
    definition.description = "x".repeat(1024 * 1024);
    const found = await refused({ definition }, 413);
    expect(found.body).toMatch(/dépasse \d+ Ko/);
  });
});

describe("rate limit", () => {
  let own: TestServer;
  beforeAll(async () => {
    own = await startTestServer();
  });
  afterAll(() => own?.close());

  it("answers 429 with Retry-After once a client passes its allowance", async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i <= DEFAULT_RATE_LIMIT.max; i++) {
      last = await fetch(`${own.url}/api/workshop/validate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      statuses.push(last.status);
      await last.arrayBuffer();
    }
    expect(statuses.slice(0, DEFAULT_RATE_LIMIT.max).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    // Reading the form is not limited.
    expect((await own.get("/api/workshop")).status).toBe(200);
  });
});
