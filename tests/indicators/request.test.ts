// Requests from strings (CLI, URL) and from code: names checked against the model and the
// definition, values typed, every problem reported with the parameter it came from.
import { describe, expect, it } from "vitest";
import { IndicatorError, type Issue } from "../../indicators/compiler/errors.ts";
import { parseFilter, parseRequest } from "../../indicators/compiler/parse-request.ts";
import { validateRequest, type RequestInput } from "../../indicators/compiler/request.ts";
import { compileIndicator } from "../../indicators/engine.ts";
import { definition, shippedCatalogue } from "./helpers/catalogue.ts";

const model = shippedCatalogue().model;

function issuesOf(action: () => unknown): Issue[] {
  try {
    action();
  } catch (error) {
    if (error instanceof IndicatorError) return error.issues;
    throw error;
  }
  throw new Error("expected an IndicatorError");
}

describe("filter syntax", () => {
  it.each([
    ["departement=35", "departement", "eq", ["35"]],
    ["departement!=35", "departement", "neq", ["35"]],
    ["year>=2022", "year", "gte", ["2022"]],
    ["year<=2023", "year", "lte", ["2023"]],
    ["year>2022", "year", "gt", ["2022"]],
    ["year<2022", "year", "lt", ["2022"]],
    [
      "procedure~sans_publicite,procedure_adaptee",
      "procedure",
      "in",
      ["sans_publicite", "procedure_adaptee"],
    ],
    ["procedure!~sans_publicite", "procedure", "nin", ["sans_publicite"]],
    ["acheteur_nom=a=b, c", "acheteur_nom", "eq", ["a=b, c"]], // after the operator, all is value
  ])("%s", (text, dimension, op, values) => {
    expect(parseFilter(text)).toEqual({ dimension, op, values });
  });

  it.each(["", "=35", "35", "Departement=35", "year=", "year LIKE 2"])("refuses %j", (text) => {
    expect(typeof parseFilter(text)).toBe("string");
  });
});

describe("parseRequest", () => {
  const social = definition("social_consideration_share");

  it("reads breakdowns, grain and repeated filters", () => {
    const request = parseRequest(social, {
      by: ["region,type_marche", "procedure"],
      grain: "quarter",
      filter: ["year>=2024", "region~53,11"],
    });
    expect(request).toEqual({
      by: ["region", "type_marche", "procedure"],
      grain: "quarter",
      filters: [
        { dimension: "year", op: "gte", values: [2024] },
        { dimension: "region", op: "in", values: ["53", "11"] },
      ],
    });
  });

  it("collects every problem with its parameter", () => {
    const issues = issuesOf(() =>
      parseRequest(social, {
        by: "acheteur_nom,commune",
        grain: "week",
        filter: ["year=2024.5", "procedure=appel", "bad filter"],
        format: "csv",
      }),
    );
    expect(issues.map((i) => [i.param, i.code])).toEqual([
      ["format", "unknown_parameter"],
      ["filter", "invalid_filter"],
      ["by", "dimension_not_allowed"],
      ["by", "unknown_dimension"],
      ["grain", "invalid_grain"],
      ["filter", "invalid_value"],
      ["filter", "invalid_value"],
    ]);
    expect(issues[6]?.message).toMatch(
      /unknown value "appel" for procedure; allowed: procedure_adaptee/,
    );
  });

  it("refuses more than three breakdowns", () => {
    const issues = issuesOf(() =>
      parseRequest(social, { by: "region,type_marche,procedure,nature" }),
    );
    expect(issues[0]).toMatchObject({ code: "too_many_breakdowns", param: "by" });
  });

  it("refuses ordering on a dimension without order", () => {
    const issues = issuesOf(() => parseRequest(social, { filter: "amount_band>lt_40k" }));
    expect(issues[0]?.message).toMatch(/amount_band has no order/);
  });
});

describe("validateRequest", () => {
  it("puts the grain first and drops a repeated breakdown", () => {
    const request = validateRequest(definition("contracts_count"), model, {
      by: ["region", "year", "region"],
      grain: "year",
    });
    expect(request.by).toEqual(["region", "year"]);
    const { plan } = compileIndicator(definition("contracts_count"), request);
    expect(plan.keys.map((k) => k.name)).toEqual(["year", "region"]);
  });

  it("keeps a mix's category out of the breakdowns", () => {
    const issues = issuesOf(() =>
      validateRequest(definition("procedure_mix"), model, { by: ["procedure"] }),
    );
    expect(issues[0]).toMatchObject({ code: "dimension_not_allowed", param: "by" });
  });

  it("checks the number of values per operator", () => {
    const request: RequestInput = {
      filters: [{ dimension: "region", op: "eq", values: ["53", "11"] }],
    };
    const issues = issuesOf(() => validateRequest(definition("contracts_count"), model, request));
    expect(issues[0]?.message).toMatch(/exactly one value/);
  });

  it("maps errors to HTTP statuses", () => {
    try {
      validateRequest(definition("contracts_count"), model, { by: ["nope"] });
    } catch (error) {
      expect((error as IndicatorError).httpStatus).toBe(400);
    }
  });
});
