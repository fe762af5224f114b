// The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json.
import { DATA_SOURCES_PATHS, DATA_SOURCES_SCHEMAS } from "./data-sources.ts";
import { EXPORT_FORMAT_NAMES } from "./formats.ts";
import { QUALITY_PATHS, QUALITY_SCHEMAS } from "./quality.ts";
import { PARAMETERS, SCHEMAS } from "./schemas.ts";

const json = (ref: string, description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const error = (description: string) => json("Error", description);
const p = (name: keyof typeof PARAMETERS) => ({ $ref: `#/components/parameters/${name}` });
const ok = (description: string, ref = "Lookup") => ({
  "200": json(ref, description),
  "400": error("Bad parameter (named in `error.param`)."),
  "404": error("Not found."),
});

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Observatoire de la commande publique — API",
      version: "1.0.0",
      description:
        "Indicators computed from the French public procurement data (DECP). Every answer names the data snapshot it comes from (`snapshot_id`).",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/health": {
        get: {
          summary: "Status, current data snapshot and answer-cache figures",
          responses: { "200": json("Lookup", "Status") },
        },
      },
      "/api/openapi.json": {
        get: {
          summary: "This document",
          responses: { "200": { description: "OpenAPI document" } },
        },
      },
      "/api/runs": {
        get: {
          summary: "History of the ETL runs (newest first) and the refresh schedule",
          responses: ok("Runs"),
        },
      },
      ...QUALITY_PATHS,
      ...DATA_SOURCES_PATHS,
      "/api/admin/refresh": {
        post: {
          summary: "Start a refresh now (only when the server has an admin token)",
          security: [{ bearer: [] }],
          responses: {
            "202": { description: "Started, or already running (`started: false`)" },
            "401": error("Missing or wrong token"),
            "404": error("Manual refresh is off: no admin token set"),
          },
        },
      },
      "/api/filters": {
        get: { summary: "Choices for the dashboard's filters", responses: ok("Filter choices") },
      },
      "/api/indicators": {
        get: { summary: "The indicator catalogue", responses: ok("Definitions and dimensions") },
      },
      "/api/indicators/{id}": {
        get: {
          summary: "One indicator's rows with N, coverage and flags",
          parameters: [p("id"), p("by"), p("grain"), p("filter"), p("dimension")],
          responses: ok("Result", "IndicatorResult"),
        },
      },
      "/api/indicators/{id}/export": {
        get: {
          summary: "The same result as a file (no row cap)",
          description:
            'csv_excel: UTF-8 with BOM, `;`, decimal comma, French headers, codes a spreadsheet would turn into numbers or dates written as `="01"` (text), numbers rounded (shares 4 decimals, amounts 2, counts 0, means 2) (French Excel); csv: plain RFC 4180, codes as plain text, full precision; xlsx: a data sheet (codes as text, shares in percent format) and a metadata sheet; parquet: with key-value metadata.',
          parameters: [
            p("id"),
            {
              name: "format",
              in: "query",
              required: true,
              schema: { enum: EXPORT_FORMAT_NAMES },
            },
            p("by"),
            p("grain"),
            p("filter"),
            p("dimension"),
          ],
          responses: {
            "200": {
              description: "The file, as an attachment",
              content: {
                "text/csv": {},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
                "application/vnd.apache.parquet": {},
              },
            },
            "400": error("Bad parameter"),
            "404": error("Unknown indicator"),
          },
        },
      },
      "/api/buyers": {
        get: {
          summary: "Search buyers by name or SIRET",
          parameters: [p("q"), p("limit")],
          responses: ok("Buyers"),
        },
      },
      "/api/buyers/{siret}": {
        get: { summary: "A buyer's summary", parameters: [p("siret")], responses: ok("Summary") },
      },
      "/api/buyers/{siret}/contracts": {
        get: {
          summary: "A buyer's contracts, most recent first",
          parameters: [
            p("siret"),
            { name: "offset", in: "query", schema: { type: "integer", minimum: 0 } },
            p("limit"),
          ],
          responses: ok("A page of contracts"),
        },
      },
      "/api/suppliers": {
        get: {
          summary: "Search suppliers by name or identifier",
          parameters: [p("q"), p("limit")],
          responses: ok("Suppliers"),
        },
      },
      "/api/suppliers/{id}": {
        get: {
          summary: "A supplier's summary",
          parameters: [p("id"), p("limit")],
          responses: ok("Summary"),
        },
      },
      "/api/contracts/{uid}": {
        get: {
          summary: "A contract with its suppliers, modifications and subcontracting",
          parameters: [{ name: "uid", in: "path", required: true, schema: { type: "string" } }],
          responses: ok("Contract"),
        },
      },
    },
    components: {
      schemas: { ...SCHEMAS, ...QUALITY_SCHEMAS, ...DATA_SOURCES_SCHEMAS },
      parameters: PARAMETERS,
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}
