// A workshop condition naming a value outside its field's closed list (`procedure in ["zzz"]`,
// `nature eq "zzz"`) is refused at its box, in French, naming the value and two of the list's;
// before, it was computed and answered N = 0, as if no contract had that procedure. A value of the
// list is still computed, to the count SQL gives, and every value the snapshot holds for a listed
// field is accepted: the lists refuse nothing the data hold.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody, IndicatorResult, WorkshopModel } from "../../server/api-types.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
let model: WorkshopModel;
/** The procedure most contracts have, and their number, counted straight from the snapshot. */
let busy: { code: string; contracts: number };

beforeAll(async () => {
  t = await startTestServer();
  model = await t.json<WorkshopModel>("/api/workshop");
  const [row] = await queryFile(
    t.dbPath,
    `SELECT procedure AS code, count(*) AS n FROM contracts WHERE procedure IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  busy = { code: String(row?.code), contracts: Number(row?.n) };
});
afterAll(() => t?.close());

function definition(id = "contracts_count"): Record<string, unknown> {
  const found = model.definitions.find((d) => d.id === id);
  if (!found) throw new Error(`no ${id}`);
  return structuredClone(found) as Record<string, unknown>;
}

async function post(action: "preview" | "validate", body: unknown) {
  const response = await fetch(`${t.url}/api/workshop/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function issuesOf(action: "preview" | "validate", d: unknown) {
  const { status, body } = await post(action, { definition: d });
  expect(status).toBe(400);
  return (body as ApiErrorBody).error.issues;
}

describe("a workshop condition on a field of a closed list", () => {
  it("refuses a value outside the list at its box, preview and download alike, and computes the list's own", async () => {
    const d = definition();
    d.scope = { field: "procedure", op: "in", values: [busy.code, "zzz"] };
    for (const action of ["preview", "validate"] as const) {
      expect(await issuesOf(action, d)).toEqual([
        {
          code: "invalid_value",
          param: "definition.scope.values",
          message:
            "Valeur inconnue : « zzz ». Choisissez dans la liste de « Procédure de passation », " +
            "par exemple « procedure_adaptee » (Procédure adaptée) ou « appel_offres_ouvert » " +
            "(Appel d'offres ouvert).",
        },
      ]);
    }
    d.scope = { field: "procedure", op: "eq", value: busy.code };
    const { status, body } = await post("preview", { definition: d });
    expect(status).toBe(200);
    expect((body as IndicatorResult).rows[0]?.value).toBe(busy.contracts);
  });

  it("refuses one at any depth, and in a measure's condition, naming each value", async () => {
    const d = definition();
    // A value of the list beside it (« travaux ») is not named.
    d.scope = {
      and: [
        { field: "type_marche", op: "eq", value: "travaux" },
        { not: { field: "nature", op: "eq", value: "zzz" } },
      ],
    };
    expect(await issuesOf("preview", d)).toEqual([
      {
        code: "invalid_value",
        param: "definition.scope.and.1.not.value",
        message:
          "Valeur inconnue : « zzz ». Choisissez dans la liste de « Nature du marché », par " +
          "exemple « marche » (Marché) ou « accord_cadre » (Accord-cadre).",
      },
    ]);
    const share = definition("social_consideration_share");
    share.measure = {
      kind: "ratio",
      numerator: {
        kind: "count_distinct",
        where: { field: "considerations_sociales", op: "contains", values: ["zzz", "clause"] },
      },
      denominator: {
        kind: "count_distinct",
        where: { field: "considerations_sociales", op: "not_null" },
      },
    };
    const [where] = await issuesOf("validate", share);
    expect(where?.param).toBe("definition.measure.numerator.where.values");
    expect(where?.message).toMatch(/^Valeurs inconnues : « zzz », « clause »\. /);
  });

  it("refuses « zzz » for every field the form offers a list for, and takes every value the data hold", async () => {
    const listed = model.fields.filter((f) => f.values !== null);
    // The lists of the model: the form offers each (procedure, nature, techniques…).
    expect(listed.map((f) => f.id)).toEqual(
      expect.arrayContaining(["procedure", "nature", "type_marche", "decp_format", "techniques"]),
    );
    for (const field of listed) {
      const op = field.type === "string_list" ? "contains" : "in";
      const d = definition();
      d.scope = { field: field.id, op, values: ["zzz"] };
      const [issue] = await issuesOf("validate", d);
      expect(issue?.param, field.id).toBe("definition.scope.values");
      expect(issue?.message, field.id).toContain(`« ${field.label} »`);
      // Every value of the field in the snapshot (a list field: each of its items) is accepted.
      const item = field.type === "string_list" ? `unnest(${field.id})` : field.id;
      const held = await queryFile(
        t.dbPath,
        `SELECT DISTINCT v::VARCHAR AS v FROM (SELECT ${item} AS v FROM contracts) WHERE v IS NOT NULL`,
      );
      expect(held.length, field.id).toBeGreaterThan(0);
      d.scope = { field: field.id, op, values: held.map((r) => String(r.v)) };
      expect((await post("validate", { definition: d })).status, field.id).toBe(200);
    }
  });

  it("offers and takes no ordering test on it: its codes have no order", async () => {
    // « procedure lt m » compared the codes' spelling: « appel_offres_ouvert » came before « m ».
    const procedure = model.fields.find((f) => f.id === "procedure");
    expect(procedure?.ops).toEqual(expect.arrayContaining(["eq", "neq", "in", "nin"]));
    for (const op of ["lt", "lte", "gt", "gte"]) expect(procedure?.ops, op).not.toContain(op);
    // A field of numbers keeps them.
    expect(model.fields.find((f) => f.id === "montant")?.ops).toContain("lt");
    const d = definition();
    d.scope = { field: "procedure", op: "lt", value: "m" };
    expect(await issuesOf("preview", d)).toEqual([
      {
        code: "type_mismatch",
        param: "definition.scope.op",
        message:
          "les valeurs de « Procédure de passation » forment une liste sans ordre : choisissez " +
          "« est égal à », « est différent de », « est l'un de » ou « n'est aucun de »",
      },
    ]);
  });
});
