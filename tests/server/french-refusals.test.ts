// The API's refusals are said in French, as every other text of the observatory, while their
// `code` and `param` stay the stable words a program reads: an analyst who misspells a dimension,
// a filter or a parameter reads what is wrong in French, the engine's messages in the very words
// the workshop uses (server/engine-french.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody as ErrorBody } from "../../server/api-types.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

// Words of the English messages the API answered before; none may be left in a refusal.
const ENGLISH =
  /\b(unknown|allowed|must be|expected|expects|is required|given|needs a value|give \w+ once|no contract|no API route|only reads|cannot|at most|breakdowns|has no order|holds|malformed)\b/;

async function refusal(path: string, status: number): Promise<ErrorBody["error"]> {
  const response = await t.get(path);
  expect(response.status, path).toBe(status);
  const body = (await response.json()) as ErrorBody;
  for (const issue of body.error.issues) expect(issue.message, path).not.toMatch(ENGLISH);
  expect(body.error.message, path).not.toMatch(ENGLISH);
  return body.error;
}

describe("the API's refusals are in French, their code and param unchanged", () => {
  it("says the engine's refusals of an indicator request in French", async () => {
    const cases: [string, number, string, string, RegExp][] = [
      [
        "/api/indicators/single_offer_rat",
        404,
        "unknown_indicator",
        "id",
        /^indicateur inconnu « single_offer_rat » : la liste des indicateurs est à GET \/api\/indicators$/,
      ],
      [
        "/api/indicators/single_offer_rate?by=regoin",
        400,
        "unknown_dimension",
        "by",
        /^dimension inconnue « regoin » ; dimensions permises : year, quarter, month, .*region/,
      ],
      [
        "/api/indicators/top_supplier_share?by=region",
        400,
        "dimension_not_allowed",
        "by",
        /^« region » n'est pas permis par la définition ; permis : /,
      ],
      [
        "/api/indicators/single_offer_rate?grain=week",
        400,
        "invalid_grain",
        "grain",
        /^le pas de temps est l'un de year, quarter, month$/,
      ],
      [
        "/api/indicators/single_offer_rate?filter=foo",
        400,
        "invalid_filter",
        "filter",
        /^filtre illisible « foo » : écrivez DIM=VALEUR/,
      ],
      [
        "/api/indicators/single_offer_rate?filter=year>=abc",
        400,
        "invalid_value",
        "filter",
        /^year attend un nombre entier, pas « abc »$/,
      ],
      [
        "/api/indicators/single_offer_rate?filter=procedure<m",
        400,
        "invalid_value",
        "filter",
        /^les valeurs de procedure forment une liste sans ordre : utilisez =, !=, ~/,
      ],
      [
        "/api/indicators/single_offer_rate?procedure=nope",
        400,
        "invalid_value",
        "procedure",
        /^valeur inconnue « nope » pour procedure ; valeurs permises : procedure_adaptee, /,
      ],
      [
        "/api/indicators/single_offer_rate?by=region,year,procedure,nature",
        400,
        "too_many_breakdowns",
        "by",
        /^au plus 3 ventilations$/,
      ],
      [
        "/api/indicators/single_offer_rate/export?format=csv&by=regoin",
        400,
        "unknown_dimension",
        "by",
        /^dimension inconnue « regoin »/,
      ],
    ];
    for (const [path, status, code, param, message] of cases) {
      const error = await refusal(path, status);
      expect(error.code, path).toBe(code);
      expect(error.param, path).toBe(param);
      expect(error.message, path).toMatch(message);
    }
  });

  it("says the server's own refusals of parameters in French", async () => {
    const cases: [string, number, string, string | undefined, RegExp][] = [
      [
        "/api/indicators/single_offer_rate?regoin=53",
        400,
        "unknown_parameter",
        "regoin",
        /^paramètre inconnu ; paramètres permis : by, grain, filter, year/,
      ],
      [
        "/api/indicators/single_offer_rate?year=2019&year=2024",
        400,
        "invalid_value",
        "year",
        /^year est donné 2 fois : donnez-le une seule fois, plusieurs valeurs sous la forme year=a,b/,
      ],
      [
        "/api/indicators/single_offer_rate?region=",
        400,
        "invalid_value",
        "region",
        /^region n'a pas de valeur$/,
      ],
      [
        "/api/indicators/single_offer_rate/export?format=xls",
        400,
        "invalid_value",
        "format",
        /^format doit être l'une des valeurs csv_excel, csv, xlsx, parquet$/,
      ],
      [
        "/api/indicators/single_offer_rate/export?format=csv&format=xlsx",
        400,
        "invalid_value",
        "format",
        /^donnez format une seule fois$/,
      ],
      [
        "/api/buyers?q=lyon&lmit=5",
        400,
        "unknown_parameter",
        "lmit",
        /^paramètre inconnu ; paramètres permis : q, limit$/,
      ],
      ["/api/health?x=1", 400, "unknown_parameter", "x", /paramètres permis : aucun$/],
      ["/api/buyers?q=", 400, "invalid_value", "q", /^q est obligatoire$/],
      ["/api/buyers?q=lyon&limit=0", 400, "invalid_value", "limit", /^limit doit être entre 1/],
      ["/api/buyers?q=lyon&limit=abc", 400, "invalid_value", "limit", /nombre entier$/],
      ["/api/buyers/123", 400, "invalid_value", "siret", /^siret s'écrit avec 14 chiffres$/],
      [
        "/api/buyers/00000000000001",
        404,
        "not_found",
        "siret",
        /^aucun marché de l'acheteur 00000000000001 dans les données servies$/,
      ],
      ["/api/contracts/nope", 404, "not_found", "uid", /^aucun marché de cet uid/],
      [
        "/api/nothing/here",
        404,
        "not_found",
        undefined,
        /^aucune route de l'API pour GET \/api\/nothing\/here$/,
      ],
    ];
    for (const [path, status, code, param, message] of cases) {
      const error = await refusal(path, status);
      expect(error.code, path).toBe(code);
      expect(error.param, path).toBe(param);
      expect(error.message, path).toMatch(message);
    }
    const post = await fetch(`${t.url}/api/indicators`, { method: "POST" });
    expect(post.status).toBe(405);
    const body = (await post.json()) as ErrorBody;
    expect(body.error.code).toBe("method_not_allowed");
    expect(body.error.message).toBe("l'API ne fait que lire (GET)");
  });

  it("documents the message as French and code and param as the stable fields", async () => {
    const document = await t.json<{
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>("/api/openapi.json");
    const error = JSON.stringify(document.components.schemas.Error);
    expect(error).toContain("in French");
    expect(error).toContain("`code` and `param` are the stable, machine-readable fields");
  });
});
