// OpenAPI path and schema of GET /api/data-sources (routes/data-sources.ts): what the served
// snapshot is made of, and whether it holds the shipped samples only.

const nullableText = { type: ["string", "null"] };
const count = { type: "integer", minimum: 0 };
const dates = (description: string) => ({
  description,
  oneOf: [
    {
      type: "object",
      required: ["first", "last"],
      properties: {
        first: { type: "string", format: "date" },
        last: { type: "string", format: "date" },
      },
    },
    { type: "null" },
  ],
});
const NOTIFIED = dates(
  "First and last notification date of the contracts, signature date of the concessions (null when none is known).",
);
const PUBLISHED = dates("First and last publication date of the data (null when none is known).");

export const DATA_SOURCES_SCHEMAS = {
  DataSources: {
    type: "object",
    required: ["snapshot_id", "samples_only", "sources", "producers"],
    properties: {
      snapshot_id: { type: "string" },
      samples_only: {
        type: "boolean",
        description:
          "Every source is one of the DECP samples shipped in data/samples: the figures describe those files, not France as a whole.",
      },
      sources: {
        type: "array",
        description: "One entry per source file of the served snapshot, in name order.",
        items: {
          type: "object",
          required: [
            "source",
            "format",
            "synthetic",
            "shipped_sample",
            "producer",
            "platform",
            "buyers",
            "contracts",
            "concessions",
            "notification_dates",
            "publication_dates",
          ],
          properties: {
            source: { type: "string", description: "The file or URL, as the ETL recorded it." },
            format: { ...nullableText, examples: ["v1 JSON", "v2 JSON"] },
            synthetic: { type: "boolean", description: "Generated test data." },
            shipped_sample: {
              type: "boolean",
              description:
                "The file is a shipped sample: its name is listed in data/sample-producers.json and its SHA-256 equals the shipped file's.",
            },
            producer: { ...nullableText, description: "Who published it (shipped samples only)." },
            platform: {
              ...nullableText,
              description: "The publishing platform (shipped samples only).",
            },
            buyers: {
              ...nullableText,
              description: "Which buyers publish there (shipped samples only).",
            },
            contracts: count,
            concessions: count,
            notification_dates: NOTIFIED,
            publication_dates: PUBLISHED,
          },
        },
      },
      producers: {
        type: "array",
        description: "The shipped samples of the snapshot grouped by producer.",
        items: {
          type: "object",
          required: ["producer", "platform", "buyers", "files", "contracts", "concessions"],
          properties: {
            producer: { type: "string" },
            platform: { type: "string" },
            buyers: { type: "string" },
            files: count,
            contracts: count,
            concessions: count,
            notification_dates: NOTIFIED,
            publication_dates: PUBLISHED,
          },
        },
      },
    },
  },
};

export const DATA_SOURCES_PATHS = {
  "/api/data-sources": {
    get: {
      summary: "The source files of the served snapshot, their producers, counts and dates",
      parameters: [],
      responses: {
        "200": {
          description: "Sources of the served snapshot",
          content: {
            "application/json": { schema: { $ref: "#/components/schemas/DataSources" } },
          },
        },
        "400": {
          description: "Unknown parameter (this route takes none).",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  },
};
