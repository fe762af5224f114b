// OpenAPI paths and schemas of the data-quality routes (routes/quality.ts): the records the
// current snapshot's run rejected and the values it repaired, nulled or flagged.

const query = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: "query",
  description,
  schema,
});
const text = { type: "string", maxLength: 500 };
const SOURCE = query("source", "Source file or URL, as in the run history.", text);
const LIMIT = query("limit", "Rows per page (default 50).", {
  type: "integer",
  minimum: 1,
  maximum: 500,
});
const OFFSET = query("offset", "Rows to skip (default 0).", { type: "integer", minimum: 0 });

const json = (ref: string, description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const responses = (ref: string, description: string) => ({
  "200": json(ref, description),
  "400": json("Error", "Bad or unknown parameter (named in `error.param`)."),
  "404": json("Error", "Not found."),
});

const count = { type: "integer", minimum: 0 };
const page = (groupKeys: Record<string, unknown>, row: Record<string, unknown>) => ({
  type: "object",
  required: ["snapshot_id", "total", "groups", "by_source", "limit", "offset", "rows"],
  properties: {
    snapshot_id: { type: "string", description: "The snapshot (run) the rows belong to." },
    total: { ...count, description: "Rows matching the filters." },
    groups: {
      type: "array",
      description: "Counts by group, largest first.",
      items: { type: "object", properties: { ...groupKeys, count } },
    },
    by_source: {
      type: "array",
      items: { type: "object", properties: { source: { type: "string" }, count } },
    },
    limit: { type: "integer" },
    offset: { type: "integer" },
    rows: { type: "array", items: { type: "object", properties: row } },
  },
});

const str = { type: "string" };
const REJECT = {
  source: str,
  position: { type: "integer", description: "Position of the record in its source (0-based)." },
  kind: { type: ["string", "null"], enum: ["marche", "contrat-concession", null] },
  reason: str,
  raw: { type: "string", description: "The record as read from the source." },
};

export const QUALITY_SCHEMAS = {
  Rejects: page(
    { reason: str },
    {
      ...REJECT,
      raw: { type: "string", description: "The first 2,000 characters of the record." },
      raw_truncated: { type: "boolean", description: "The record is longer than `raw`." },
    },
  ),
  Reject: {
    type: "object",
    required: ["snapshot_id", "record"],
    properties: { snapshot_id: str, record: { type: "object", properties: REJECT } },
  },
  FieldIssues: page(
    {
      field: {
        type: "string",
        description: "Field path, list positions blanked: `titulaires[].id`.",
      },
      problem: str,
      action: { enum: ["repaired", "nulled", "flagged"] },
    },
    {
      source: str,
      position: { type: "integer" },
      uid: { type: ["string", "null"] },
      field: str,
      raw_value: {
        type: ["string", "null"],
        description: "The value as read (2,000 characters at most).",
      },
      problem: str,
      action: { enum: ["repaired", "nulled", "flagged"] },
    },
  ),
} as const;

export const QUALITY_PATHS = {
  "/api/rejects": {
    get: {
      summary:
        "Records the current snapshot's run rejected: counts by reason and by source, and a page of rows with the raw record (first 2,000 characters)",
      parameters: [SOURCE, query("reason", "Reason of rejection, exactly.", text), LIMIT, OFFSET],
      responses: responses("Rejects", "Rejects"),
    },
  },
  "/api/rejects/record": {
    get: {
      summary: "One rejected record, whole",
      parameters: [
        { ...SOURCE, required: true },
        {
          ...query("position", "Position of the record in its source (0-based).", {
            type: "integer",
            minimum: 0,
          }),
          required: true,
        },
      ],
      responses: responses("Reject", "The record"),
    },
  },
  "/api/field-issues": {
    get: {
      summary:
        "Values repaired, nulled or flagged in the current snapshot: counts by field × problem × action and by source, and a page of rows",
      parameters: [
        SOURCE,
        query(
          "field",
          "Field path: exact (`titulaires[0].id`) or as in the groups (`titulaires[].id`, any position).",
          text,
        ),
        query("problem", "Problem, exactly.", text),
        query("action", "What the ETL did with the value.", {
          enum: ["repaired", "nulled", "flagged"],
        }),
        LIMIT,
        OFFSET,
      ],
      responses: responses("FieldIssues", "Field issues"),
    },
  },
} as const;
