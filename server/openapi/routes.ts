// Every route of the JSON API as the OpenAPI document describes it: its parameters (declared in
// api-schemas/parameters.ts, which the routes read too) and its answers (api-schemas/).
import type { z } from "zod";
import * as P from "../api-schemas/parameters.ts";
import type { ComponentName } from "./components.ts";

export interface Answer {
  description: string;
  /** A JSON answer's schema; otherwise `files` gives the content types of a file. */
  schema?: ComponentName;
  files?: readonly string[];
}

export interface RouteDoc {
  method: "get" | "post";
  /** OpenAPI path: `/api/buyers/{siret}`. */
  path: string;
  summary: string;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  /** Any dimension of the indicator's filters may be named as a parameter too. */
  dimensions?: boolean;
  answers: Record<string, Answer>;
  security?: boolean;
  /** A JSON body's schema (POST). */
  body?: ComponentName;
}

const bad: Answer = {
  description: "Bad or unknown parameter (named in `error.param`).",
  schema: "Error",
};
const missing: Answer = { description: "Not found.", schema: "Error" };
const ok = (schema: ComponentName, description: string): Record<string, Answer> => ({
  "200": { description, schema },
  "400": bad,
});

export const ROUTES: readonly RouteDoc[] = [
  {
    method: "get",
    path: "/api/health",
    summary: "Status, current data snapshot and answer-cache figures",
    query: P.NoQuery,
    answers: ok("Health", "Status"),
  },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document",
    answers: { "200": { description: "OpenAPI document", files: ["application/json"] } },
  },
  {
    method: "get",
    path: "/api/runs",
    summary: "History of the ETL runs (newest first) and the refresh schedule",
    query: P.NoQuery,
    answers: ok("Runs", "Runs"),
  },
  {
    method: "post",
    path: "/api/admin/refresh",
    summary: "Start a refresh now (only when the server has an admin token)",
    security: true,
    answers: {
      "202": {
        description: "Started, or already running (`started: false`)",
        schema: "RefreshStarted",
      },
      "401": { description: "Missing or wrong token", schema: "Error" },
      "404": { description: "Manual refresh is off: no admin token set", schema: "Error" },
    },
  },
  {
    method: "get",
    path: "/api/filters",
    summary: "Choices for the dashboard's filters",
    query: P.NoQuery,
    answers: ok("FilterChoices", "Filter choices"),
  },
  {
    method: "get",
    path: "/api/indicators",
    summary: "The indicator catalogue",
    query: P.NoQuery,
    answers: ok("Catalogue", "Definitions and dimensions"),
  },
  {
    method: "get",
    path: "/api/indicators/{id}",
    summary: "One indicator's rows with N, coverage and flags",
    pathParams: P.IndicatorPath,
    query: P.IndicatorQuery,
    dimensions: true,
    answers: { ...ok("IndicatorResult", "Result"), "404": missing },
  },
  {
    method: "get",
    path: "/api/indicators/{id}/export",
    summary:
      "The same result as a file (no row cap). HEAD checks the request and answers the file's headers (no Content-Length) without building it",
    pathParams: P.IndicatorPath,
    query: P.ExportQuery,
    dimensions: true,
    answers: {
      "200": {
        description: "The file, as an attachment",
        files: [
          "text/csv",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.apache.parquet",
        ],
      },
      "400": bad,
      "404": missing,
    },
  },
  {
    method: "get",
    path: "/api/buyers",
    summary: "Search buyers by name or SIRET",
    query: P.SearchQuery,
    answers: ok("Buyers", "Buyers"),
  },
  {
    method: "get",
    path: "/api/buyers/{siret}",
    summary: "A buyer's summary",
    pathParams: P.SiretPath,
    query: P.NoQuery,
    answers: { ...ok("BuyerSummary", "Summary"), "404": missing },
  },
  {
    method: "get",
    path: "/api/buyers/{siret}/contracts",
    summary: "A buyer's contracts, most recent first",
    pathParams: P.SiretPath,
    query: P.BuyerContractsQuery,
    answers: { ...ok("BuyerContracts", "A page of contracts"), "404": missing },
  },
  {
    method: "get",
    path: "/api/buyers/{siret}/quality",
    summary:
      "A buyer's publication quality: grade A–E, each rule with its value, N and weight, the first records to fix",
    pathParams: P.SiretPath,
    query: P.BuyerQualityQuery,
    answers: { ...ok("BuyerQuality", "Publication quality"), "404": missing },
  },
  {
    method: "get",
    path: "/api/buyers/{siret}/quality/export",
    summary: "Every record to fix, one row per contract and field, as a file",
    pathParams: P.SiretPath,
    query: P.BuyerQualityExportQuery,
    answers: {
      "200": {
        description: "The file, as an attachment",
        files: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      },
      "400": bad,
      "404": missing,
    },
  },
  {
    method: "get",
    path: "/api/buyers/{siret}/spaser",
    summary: "« Mon SPASER »: the buyer's targets (or the national ones), figures and status",
    pathParams: P.SiretPath,
    query: P.BuyerSpaserQuery,
    answers: { ...ok("BuyerSpaser", "Targets and progress"), "400": bad, "404": missing },
  },
  {
    method: "get",
    path: "/api/buyers/{siret}/peers",
    summary: "The buyer among its peers: group, quartiles, national value and ranking",
    pathParams: P.SiretPath,
    query: P.BuyerPeersQuery,
    answers: {
      ...ok("BuyerPeers", "Peer group and position per indicator"),
      "400": bad,
      "404": missing,
    },
  },
  {
    method: "get",
    path: "/api/buyers/{siret}/report",
    summary:
      "A buyer's annual report on responsible purchasing, in French: printable HTML, PDF (needs Chromium on the server) or DOCX. A refusal of the HTML report (404: no such buyer, no contract in that year) is a French page for a client whose Accept header prefers text/html (a browser following a link), the Error body otherwise",
    pathParams: P.SiretPath,
    query: P.BuyerReportQuery,
    answers: {
      "200": {
        description: "The report (PDF and DOCX as attachments)",
        files: [
          "text/html",
          "application/pdf",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ],
      },
      "400": bad,
      "404": missing,
      "503": {
        description:
          "PDF asked and no Chromium on the server (`pdf_unavailable`, naming what to install), or too many reports being built (`busy`)",
        schema: "Error",
      },
    },
  },
  {
    method: "get",
    path: "/api/suppliers",
    summary: "Search suppliers by name or identifier",
    query: P.SearchQuery,
    answers: ok("Suppliers", "Suppliers"),
  },
  {
    method: "get",
    path: "/api/suppliers/{id}",
    summary: "A supplier's summary and its latest contracts",
    pathParams: P.SupplierPath,
    query: P.SupplierQuery,
    answers: { ...ok("SupplierSummary", "Summary"), "404": missing },
  },
  {
    method: "get",
    path: "/api/contracts",
    summary:
      "Search contracts by words of their objet (every word required, accents and case folded)",
    query: P.ContractSearchQuery,
    answers: { ...ok("ContractSearch", "Contracts, most recent first"), "400": bad },
  },
  {
    method: "get",
    path: "/api/contracts/{uid}",
    summary: "A contract with its suppliers, modifications and subcontracting",
    pathParams: P.ContractPath,
    query: P.NoQuery,
    answers: { ...ok("Contract", "Contract"), "404": missing },
  },
  {
    method: "get",
    path: "/api/rejects",
    summary:
      "Records the current snapshot's run rejected: counts by reason and by source, and a page of rows with the raw record (first 2,000 characters)",
    query: P.RejectsQuery,
    answers: ok("Rejects", "Rejects"),
  },
  {
    method: "get",
    path: "/api/rejects/record",
    summary: "One rejected record, whole",
    query: P.RejectRecordQuery,
    answers: { ...ok("Reject", "The record"), "404": missing },
  },
  {
    method: "get",
    path: "/api/field-issues",
    summary:
      "Values repaired, nulled or flagged in the current snapshot: counts by field × problem × action and by source, and a page of rows",
    query: P.FieldIssuesQuery,
    answers: ok("FieldIssues", "Field issues"),
  },
  {
    method: "get",
    path: "/api/data-sources",
    summary: "The source files of the served snapshot, their producers, counts and dates",
    query: P.NoQuery,
    answers: ok("DataSources", "Sources of the served snapshot"),
  },
  {
    method: "get",
    path: "/api/workshop",
    summary:
      "The indicator workshop's form: model fields (French labels, operators, codes), dimensions, the catalogue's definitions",
    query: P.NoQuery,
    answers: ok("WorkshopModel", "What a definition may name"),
  },
  ...(["validate", "preview"] as const).map((action): RouteDoc => ({
    method: "post",
    path: `/api/workshop/${action}`,
    summary:
      action === "validate"
        ? "Check a definition and a request (same schema and model as the catalogue), without running it"
        : "Compute a definition on the current snapshot: rows as GET /api/indicators/{id}, and diagnostics",
    query: P.NoQuery,
    body: "WorkshopBody",
    answers: {
      "200":
        action === "validate"
          ? { description: "Sound", schema: "WorkshopValidation" }
          : { description: "Rows and diagnostics", schema: "WorkshopPreview" },
      "400": {
        description:
          "Problems in French, each at its path (`error.issues[].param`: `definition.measure.field`, `request.by`)",
        schema: "Error",
      },
      "413": { description: "Body over the size limit", schema: "Error" },
      "429": { description: "Too many requests from this client", schema: "Error" },
    },
  })),
];
