// GET /api/data-sources (routes/data-sources.ts): what the served snapshot is made of, and
// whether it holds the shipped samples only.
import { z } from "zod";
import { Count, stamped } from "./common.ts";

const DateRangeSchema = z.strictObject({ first: z.iso.date(), last: z.iso.date() });
const notified = DateRangeSchema.nullable().describe(
  "First and last notification date of the contracts, signature date of the concessions (null when none is known).",
);
const published = DateRangeSchema.nullable().describe(
  "First and last publication date of the data (null when none is known).",
);
const nullableText = z.string().nullable();

export const DataSourceSchema = z.strictObject({
  source: z.string().describe("The file or URL, as the ETL recorded it."),
  format: nullableText.meta({ examples: ["v1 JSON", "v2 JSON"] }),
  synthetic: z.boolean().describe("Generated test data."),
  shipped_sample: z
    .boolean()
    .describe(
      "The file is a shipped sample: its name is listed in data/sample-producers.json and its SHA-256 equals the shipped file's.",
    ),
  producer: nullableText.describe("Who published it (shipped samples only)."),
  platform: nullableText.describe("The publishing platform (shipped samples only)."),
  buyers: nullableText.describe("Which buyers publish there (shipped samples only)."),
  contracts: Count,
  concessions: Count,
  notification_dates: notified,
  publication_dates: published,
});

export const ProducerSchema = z.strictObject({
  producer: z.string(),
  platform: z.string(),
  buyers: z.string(),
  files: Count,
  contracts: Count,
  concessions: Count,
  notification_dates: notified,
  publication_dates: published,
});

const body = {
  samples_only: z
    .boolean()
    .describe(
      "Every source is one of the DECP samples shipped in data/samples: the figures describe those files, not France as a whole.",
    ),
  sources: z
    .array(DataSourceSchema)
    .describe("One entry per source file of the served snapshot, in name order."),
  producers: z
    .array(ProducerSchema)
    .describe("The shipped samples of the snapshot grouped by producer."),
};

export const DataSourcesSchema = stamped(body);
