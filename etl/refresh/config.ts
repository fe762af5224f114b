// The refresh configuration users edit (observatory.config.json): declared sources and schedule.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { REFERENCE_KINDS, REFERENCE_KIND_TEXT } from "../reference/kinds.ts";
import { producerProblem } from "./producers.ts";

const Base = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "lower-case letters, digits, - and _")
    .describe("stable name of the source"),
  enabled: z.boolean().default(true),
  format: z
    .enum(["json", "xml", "csv", "parquet"])
    .optional()
    .describe("expected syntax; another one fails the run"),
  description: z.string().optional(),
};

export const SourceSchema = z.union([
  z.strictObject({
    ...Base,
    path: z.string().min(1).describe("local file or folder of DECP files"),
  }),
  z.strictObject({ ...Base, url: z.url().describe("a DECP file to download (http or https)") }),
  z.strictObject({
    ...Base,
    datagouv: z
      .strictObject({
        dataset: z.string().regex(/^[0-9a-f]{24}$/, "a data.gouv.fr dataset id (24 hex digits)"),
        match: z
          .string()
          .min(1)
          .optional()
          .describe("regular expression on the resource title or file name"),
        resourceFormats: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe("formats of the resources to take, as data.gouv.fr lists them (parquet, csv…)"),
      })
      .refine((d) => d.match !== undefined || d.resourceFormats !== undefined, {
        message: "give match, resourceFormats or both: which resources of the dataset to take",
      }),
  }),
  z.strictObject({
    ...Base,
    producer: z
      .string()
      .min(1)
      .describe(
        "a producer dataset of data/reference/decp-source-datasets.json, by code (megalis_bretagne) or data.gouv.fr id; its JSON and XML resources are taken",
      ),
    match: z
      .string()
      .min(1)
      .optional()
      .describe("regular expression on the resource title or file name, to take fewer"),
  }),
]);

const ReferenceBase = {
  id: Base.id,
  enabled: Base.enabled,
  kind: z.enum(REFERENCE_KINDS).describe(
    Object.entries(REFERENCE_KIND_TEXT)
      .map(([kind, text]) => `${kind}: ${text}`)
      .join("; "),
  ),
  description: Base.description,
};

/** A reference file (SIRENE stock, collectivités list…): fetched like a DECP source. */
export const ReferenceSchema = z.union([
  z.strictObject({ ...ReferenceBase, path: z.string().min(1).describe("local file") }),
  z.strictObject({ ...ReferenceBase, url: z.url().describe("a file to download (http or https)") }),
]);

export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  schedule: z
    .strictObject({
      enabled: z.boolean().default(true),
      cron: z.string().min(1).describe("cron expression, e.g. '0 6 * * *'"),
      timezone: z.string().default("Europe/Paris"),
    })
    .optional(),
  allowPartial: z
    .boolean()
    .default(false)
    .describe("build a snapshot even if a source failed (using its last good copy)"),
  keepSnapshots: z.number().int().min(1).max(50).default(3),
  maxContractDrop: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe(
      "share (0-1) of the served contracts a refresh may lose; beyond, or down to zero, the new snapshot is not installed (npm run etl -- --refresh --force installs it anyway)",
    ),
  datagouvApi: z.url().default("https://www.data.gouv.fr/api/1"),
  download: z
    .strictObject({
      timeoutSeconds: z.number().positive().default(600),
      idleTimeoutSeconds: z.number().positive().default(60),
      maxBytes: z.number().int().positive().default(5_000_000_000),
      retries: z.number().int().min(0).max(10).default(3),
      retryDelaySeconds: z.number().min(0).default(2),
    })
    .default({
      timeoutSeconds: 600,
      idleTimeoutSeconds: 60,
      maxBytes: 5_000_000_000,
      retries: 3,
      retryDelaySeconds: 2,
    }),
  sources: z.array(SourceSchema).min(1),
  references: z
    .array(ReferenceSchema)
    .optional()
    .describe(
      "Reference files of the who's who, in order of precedence within a kind; when absent, those shipped in data/reference",
    ),
});

export type RefreshConfig = z.infer<typeof ConfigSchema>;
export type SourceConfig = z.infer<typeof SourceSchema>;
export type ReferenceConfig = z.infer<typeof ReferenceSchema>;

export class ConfigError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}: invalid configuration\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(text: string, file: string): RefreshConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not JSON: ${(error as Error).message}`]);
  }
  const result = ConfigSchema.safeParse(data);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  }
  const ids = [...result.data.sources, ...(result.data.references ?? [])].map((s) => s.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0)
    throw new ConfigError(file, [`sources: id used twice: ${twice.join(", ")}`]);
  const unknown = result.data.sources.flatMap((s, i) =>
    "producer" in s ? producerProblem(s.producer).map((p) => `sources.${i}.producer: ${p}`) : [],
  );
  if (unknown.length > 0) throw new ConfigError(file, unknown);
  return result.data;
}

export function loadConfig(file: string): RefreshConfig {
  return parseConfig(readFileSync(file, "utf8"), file);
}
