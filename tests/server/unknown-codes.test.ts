// A code of région or département that names nothing is refused with a 400 saying which code of
// which parameter, in the indicator API, its export and the workshop: before, `region=99` was
// computed and answered N = 0 as if no contract had been notified there. A real code without
// contracts still answers 0. The codes known and unknown are read from the snapshot's reference
// tables, never from the server's answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody, IndicatorResult, WorkshopModel } from "../../server/api-types.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
let model: WorkshopModel;
/** Codes of the reference tables, and of the places contracts are in. */
let regions: Set<string>;
let departements: Set<string>;
/** A région of the reference no contract is in (0, not refused), and one with contracts. */
let emptyRegion: string;
let busyRegion: { code: string; contracts: number };

/** A code of two characters like the real ones that `known` does not hold. */
function unknownCode(known: Set<string>, start: number): string {
  for (let n = start; n < 100; n++) if (!known.has(String(n))) return String(n);
  throw new Error("every code is known");
}

beforeAll(async () => {
  t = await startTestServer();
  model = await t.json<WorkshopModel>("/api/workshop");
  const codes = async (table: string) =>
    new Set((await queryFile(t.dbPath, `SELECT code FROM ${table}`)).map((r) => String(r.code)));
  regions = await codes("ref_regions");
  departements = await codes("ref_departements");
  const [empty] = await queryFile(
    t.dbPath,
    `SELECT code FROM ref_regions WHERE code NOT IN
      (SELECT DISTINCT region::VARCHAR FROM contracts WHERE region IS NOT NULL) ORDER BY code`,
  );
  emptyRegion = String(empty?.code);
  const [busy] = await queryFile(
    t.dbPath,
    `SELECT region::VARCHAR AS code, count(*) AS n FROM contracts WHERE region IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  busyRegion = { code: String(busy?.code), contracts: Number(busy?.n) };
});
afterAll(() => t?.close());

async function refusal(path: string): Promise<ApiErrorBody["error"]> {
  const response = await t.get(path);
  expect(response.status).toBe(400);
  return ((await response.json()) as ApiErrorBody).error;
}

describe("the indicator API", () => {
  it("refuses a région code the reference does not hold, at its parameter, in French", async () => {
    const code = unknownCode(regions, 90);
    const error = await refusal(`/api/indicators/contracts_count?region=${code}`);
    expect(error.code).toBe("invalid_value");
    expect(error.param).toBe("region");
    expect(error.message).toContain(`Code de région inconnu : « ${code} »`);
    // It points to the list of codes, with a real one as an example.
    expect(error.message).toContain("GET /api/filters");
  });

  it("names only the unknown codes of a list, at `filter`", async () => {
    const known = [...departements].sort()[0] ?? "";
    const error = await refusal(`/api/indicators/contracts_count?filter=departement~${known},2C`);
    expect(departements.has("2C")).toBe(false);
    expect(error.param).toBe("filter");
    // One code named (« Code », singular): the known one is not.
    expect(error.message).toMatch(/^Code de département inconnu : « 2C »\. /);
  });

  it("still answers 0 for a real région without contracts, and counts a busy one", async () => {
    const empty = await t.json<IndicatorResult>(
      `/api/indicators/contracts_count?region=${emptyRegion}`,
    );
    expect(empty.rows[0]?.n).toBe(0);
    const busy = await t.json<IndicatorResult>(
      `/api/indicators/contracts_count?region=${busyRegion.code}`,
    );
    expect(busy.rows[0]?.value).toBe(busyRegion.contracts);
  });

  it("refuses the export of the same request", async () => {
    const error = await refusal(
      `/api/indicators/contracts_count/export?format=csv&departement=${unknownCode(departements, 96)}`,
    );
    expect(error.param).toBe("departement");
  });
});

describe("the workshop", () => {
  const definition = () => {
    const found = model.definitions.find((d) => d.id === "contracts_count");
    if (!found) throw new Error("no contracts_count");
    return structuredClone(found) as Record<string, unknown>;
  };
  const post = async (action: "preview" | "validate", body: unknown) => {
    const response = await fetch(`${t.url}/api/workshop/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("refuses a condition on an unknown région at its box, preview and download alike", async () => {
    const code = unknownCode(regions, 90);
    const d = definition();
    d.scope = { field: "region", op: "in", values: [busyRegion.code, code] };
    for (const action of ["preview", "validate"] as const) {
      const { status, body } = await post(action, { definition: d });
      expect(status).toBe(400);
      const { error } = body as unknown as ApiErrorBody;
      expect(error.issues).toEqual([
        {
          code: "invalid_value",
          param: "definition.scope.values",
          message: `Code de région inconnu : « ${code} ». Choisissez une région de la liste.`,
        },
      ]);
    }
  });

  it("refuses an unknown département inside an « and », and in the request", async () => {
    const d = definition();
    d.scope = {
      and: [
        { field: "montant", op: "not_null" },
        { field: "departement", op: "eq", value: "2C" },
      ],
    };
    const deep = await post("preview", { definition: d });
    expect(deep.status).toBe(400);
    expect((deep.body as unknown as ApiErrorBody).error.param).toBe("definition.scope.and.1.value");
    const request = await post("preview", {
      definition: definition(),
      request: { filter: ["departement=2C"] },
    });
    expect(request.status).toBe(400);
    expect((request.body as unknown as ApiErrorBody).error).toMatchObject({
      param: "request.filter",
      message: "Code de département inconnu : « 2C ». Choisissez un département de la liste.",
    });
  });

  it("computes a condition on a known région: the count of its contracts", async () => {
    const d = definition();
    d.scope = { field: "region", op: "eq", value: busyRegion.code };
    const { status, body } = await post("preview", { definition: d });
    expect(status).toBe(200);
    expect((body as unknown as IndicatorResult).rows[0]?.value).toBe(busyRegion.contracts);
  });

  it("knows the buyer's région as a list of régions: an unknown one refused, a real one counted", async () => {
    expect(model.fields.find((f) => f.id === "acheteur_region")?.choices).toBe("region");
    const d = definition();
    d.scope = { field: "acheteur_region", op: "eq", value: unknownCode(regions, 90) };
    const refused = await post("preview", { definition: d });
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as ApiErrorBody).error.param).toBe("definition.scope.value");
    const [buyers] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE acheteur_region = $1",
      [busyRegion.code],
    );
    d.scope = { field: "acheteur_region", op: "eq", value: busyRegion.code };
    const counted = await post("preview", { definition: d });
    expect(counted.status).toBe(200);
    expect((counted.body as unknown as IndicatorResult).rows[0]?.value).toBe(Number(buyers?.n));
  });
});
