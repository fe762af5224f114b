// Reusable parts of the OpenAPI document: response schemas and parameters.
import { COLUMN_ROLES, COLUMN_TYPES } from "../indicator-view.ts";

export const SCHEMAS = {
  Error: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["status", "code", "message", "issues"],
        properties: {
          status: { type: "integer" },
          code: { type: "string", examples: ["unknown_dimension", "invalid_value"] },
          message: { type: "string" },
          param: { type: "string", description: "The request parameter at fault." },
          issues: {
            type: "array",
            items: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                param: { type: "string" },
              },
            },
          },
        },
      },
    },
  },
  Snapshot: {
    type: "object",
    required: ["id", "loaded_at", "contracts", "concessions"],
    properties: {
      id: { type: "string", description: "Run id of the ETL run that built the snapshot." },
      loaded_at: { type: "string", format: "date-time" },
      contracts: { type: "integer" },
      concessions: { type: "integer" },
    },
  },
  Column: {
    type: "object",
    required: ["name", "label", "role", "type"],
    properties: {
      name: { type: "string" },
      label: { type: "string", description: "French label." },
      role: { enum: [...COLUMN_ROLES] },
      type: { enum: [...COLUMN_TYPES] },
      format: { enum: ["integer", "decimal", "percent", "euro"] },
      dimension: { type: "string" },
    },
  },
  Indicator: {
    type: "object",
    description: "A definition as users need it (indicators/definitions/<id>.yaml).",
    required: ["id", "version", "title", "description", "formula", "unit", "format", "shape"],
    properties: {
      id: { type: "string" },
      version: { type: "integer" },
      title: { type: "string" },
      description: { type: "string" },
      formula: { type: "string" },
      unit: { type: "string" },
      unit_label: { type: "string" },
      format: { enum: ["integer", "decimal", "percent", "euro"] },
      counting_unit: { enum: ["contract", "contract_supplier"] },
      requires_format: { enum: ["any", "v2"] },
      min_n: { type: "integer" },
      min_coverage: { type: "number" },
      polarity: { enum: ["higher_is_better", "lower_is_better", "neutral"] },
      shape: { enum: ["single", "mix", "partition"] },
      shape_dimension: { type: ["string", "null"] },
      breakdowns: { type: "array", items: { $ref: "#/components/schemas/DimensionRef" } },
      filters: { type: "array", items: { $ref: "#/components/schemas/DimensionRef" } },
      thresholds: { type: "object" },
      target: { type: "object" },
      caveats: { type: "array", items: { type: "string" } },
      source: { type: "object" },
    },
  },
  DimensionRef: {
    type: "object",
    required: ["id", "label"],
    properties: { id: { type: "string" }, label: { type: "string" } },
  },
  IndicatorResult: {
    type: "object",
    required: ["snapshot_id", "definition_version", "indicator", "request", "columns", "rows"],
    properties: {
      snapshot_id: { type: "string" },
      snapshot: { $ref: "#/components/schemas/Snapshot" },
      generated_at: { type: "string", format: "date-time" },
      definition_version: { type: "integer" },
      indicator: { $ref: "#/components/schemas/Indicator" },
      request: { type: "object" },
      columns: { type: "array", items: { $ref: "#/components/schemas/Column" } },
      rows: {
        type: "array",
        items: {
          type: "object",
          description:
            "Keys, value, n (contracts the figure is computed on), n_scope (contracts in scope), numerator, denominator, coverage, coverage_value (sums of amounts only: share of the published amount used), flags, status…",
        },
      },
    },
  },
  Lookup: {
    type: "object",
    required: ["snapshot_id"],
    properties: { snapshot_id: { type: "string" } },
    additionalProperties: true,
  },
} as const;

export const PARAMETERS = {
  by: {
    name: "by",
    in: "query",
    description: "Breakdown dimensions, comma-separated (at most 3), among the definition's.",
    schema: { type: "string" },
    example: "region",
  },
  grain: {
    name: "grain",
    in: "query",
    description: "Time grain.",
    schema: { enum: ["year", "quarter", "month"] },
  },
  filter: {
    name: "filter",
    in: "query",
    description:
      "Repeatable filter: DIM=V, DIM!=V, DIM<V, DIM<=V, DIM>V, DIM>=V, DIM~V1,V2 (one of), DIM!~V1,V2 (none of).",
    schema: { type: "array", items: { type: "string" } },
    style: "form",
    explode: true,
    example: ["year>=2019"],
  },
  dimension: {
    name: "dimension",
    in: "query",
    description:
      "Any dimension of the definition's filters, named directly: `region=53` (equals) or `procedure=a,b` (one of).",
    schema: { type: "object", additionalProperties: { type: "string" } },
    style: "form",
    explode: true,
  },
  id: { name: "id", in: "path", required: true, schema: { type: "string" } },
  siret: {
    name: "siret",
    in: "path",
    required: true,
    schema: { type: "string", pattern: "^\\d{14}$" },
  },
  q: { name: "q", in: "query", required: true, schema: { type: "string", maxLength: 200 } },
  limit: { name: "limit", in: "query", schema: { type: "integer", minimum: 1 } },
} as const;
