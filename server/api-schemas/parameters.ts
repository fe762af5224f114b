// The path and query parameters of every route, declared once: the routes read their names,
// bounds and defaults from here (params.ts `intQuery`, `queryNames`), and the OpenAPI document
// describes them from here.
import { z } from "zod";
import { GRAINS } from "../../indicators/compiler/request-schema.ts";
import { EXPORT_FORMAT_NAMES } from "./indicators.ts";
import { FIELD_ACTIONS } from "./quality.ts";
import { MAX_SEARCH_WORDS } from "../../client/src/shared/search-words.js";
import { MAX_NAME_WORDS } from "../../client/src/shared/name-words.js";

const limit = (max: number, fallback: number) =>
  z.int().min(1).max(max).default(fallback).describe(`Rows to give (default ${fallback}).`);
const offset = (max: number) => z.int().min(0).max(max).default(0).describe("Rows to skip.");
const text = (description: string) => z.string().max(500).optional().describe(description);

export const NoQuery = z.strictObject({});

export const SearchQuery = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(200)
    .describe(
      `Words of a name, each found in any order (accents, case and punctuation folded; « St » and « Ste » read as « Saint » and « Sainte »; words of one or two letters optional; at most ${MAX_NAME_WORDS} others; for buyers, « mairie », « ville » and « commune » also find a town hall however it is named), or the start of an identifier.`,
    ),
  limit: limit(100, 20),
});

export const ContractSearchQuery = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(200)
    .describe(
      `Words of the contract's objet, at most ${MAX_SEARCH_WORDS}; every word must be found (accents and case folded).`,
    ),
  limit: limit(100, 20),
});

const year = z.int().min(2000).max(2100).optional();

export const BuyerSpaserQuery = z.strictObject({
  year: year.describe(
    "Notification year (default: the latest year with enough contracts to judge, else the latest; see year_choice).",
  ),
});

export const BuyerPeersQuery = z.strictObject({
  year: year.describe(
    "Notification year (default: the year « Mon SPASER » shows, the latest with enough contracts to judge; see year_choice).",
  ),
  min_n: z
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe("Least contracts a peer's figure rests on (default: each indicator's minimum N)."),
});

export const BuyerContractsQuery = z.strictObject({
  offset: offset(100_000_000),
  limit: limit(500, 50),
});

export const SupplierQuery = z.strictObject({
  limit: limit(500, 50).describe("Contracts to give, most recent first (default 50)."),
});

const SOURCE = text("Source file or URL, as in the run history.");

export const RejectsQuery = z.strictObject({
  source: SOURCE,
  reason: text("Reason of rejection, exactly."),
  limit: limit(500, 50),
  offset: offset(1e9),
});

export const FieldIssuesQuery = z.strictObject({
  source: SOURCE,
  field: text(
    "Field path: exact (`titulaires[0].id`) or as in the groups (`titulaires[].id`, any position).",
  ),
  problem: text("Problem, exactly."),
  action: z.enum(FIELD_ACTIONS).optional().describe("What the ETL did with the value."),
  limit: limit(500, 50),
  offset: offset(1e9),
});

export const RejectRecordQuery = z.strictObject({
  source: z.string().min(1).max(500).describe("Source file or URL, as in the run history."),
  position: z.int().min(0).max(1e9).describe("Position of the record in its source (0-based)."),
});

/** The engine's own parameters; any dimension of the definition's filters may be named too. */
export const IndicatorQuery = z.strictObject({
  by: z
    .string()
    .optional()
    .describe("Breakdown dimensions, comma-separated (at most 3), among the definition's.")
    .meta({ examples: ["region"] }),
  grain: z.enum(GRAINS).optional().describe("Time grain."),
  filter: z
    .array(z.string())
    .optional()
    .describe(
      "Repeatable filter: DIM=V, DIM!=V, DIM<V, DIM<=V, DIM>V, DIM>=V, DIM~V1,V2 (one of), DIM!~V1,V2 (none of).",
    )
    .meta({ examples: [["year>=2019"]] }),
});

export const ExportQuery = IndicatorQuery.extend({
  format: z
    .enum(EXPORT_FORMAT_NAMES)
    .describe(
      'csv_excel: UTF-8 with BOM, `;`, decimal comma, French headers, codes a spreadsheet would turn into numbers or dates written as `="01"` (text), numbers rounded (French Excel); csv: plain RFC 4180, codes as plain text, full precision; xlsx: a data sheet and a metadata sheet; parquet: typed columns with key-value metadata.',
    ),
});

const YEAR = z.int().min(1990).max(2100);

export const BuyerQualityQuery = z.strictObject({
  year: YEAR.optional().describe("Notification year; without it, every contract of the buyer."),
});

export const BuyerQualityExportQuery = BuyerQualityQuery.extend({
  format: z
    .enum(["csv_excel", "xlsx"])
    .describe(
      "csv_excel: for French Excel (`;`, BOM, formula guard); xlsx: a data sheet and a metadata sheet.",
    ),
});

export const BuyerReportQuery = z.strictObject({
  year: YEAR.describe("The year the report covers (notification year)."),
  format: z
    .enum(["html", "pdf", "docx"])
    .default("html")
    .describe(
      "html: a printable page; pdf: rendered by the server's Chromium; docx: an editable document.",
    ),
});

export const SIRET = /^\d{14}$/;
// Supplier identifiers are SIRET, TVA, foreign or "hors UE" ids: letters, digits, a few signs.
export const SUPPLIER_ID = /^[\p{L}\p{N} ._/-]{1,60}$/u;

export const IndicatorPath = z.strictObject({ id: z.string().describe("Indicator id.") });
export const SiretPath = z.strictObject({ siret: z.string().regex(SIRET) });
export const SupplierPath = z.strictObject({
  id: z
    .string()
    .regex(SUPPLIER_ID)
    .describe("The titulaire's identifier as published (a SIRET for French firms)."),
});
export const ContractPath = z.strictObject({
  uid: z.string().max(300).describe("Buyer SIRET + the contract id as published."),
});
