// Writes schema/indicator.schema.json, the JSON Schema editors use to check and complete
// definition files (`# yaml-language-server: $schema=../schema/indicator.schema.json`).
// Run: npx tsx indicators/compiler/generate-json-schema.ts. A test checks the committed file.
import { writeFileSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { z } from "zod";
import { DefinitionSchema } from "./schema.ts";

export const JSON_SCHEMA_PATH = fileURLToPath(
  new URL("../schema/indicator.schema.json", import.meta.url),
);

export function buildJsonSchema(): Record<string, unknown> {
  // "input": what an author writes (fields with defaults are optional).
  const schema = z.toJSONSchema(DefinitionSchema, { io: "input", target: "draft-2020-12" });
  return {
    ...schema,
    title: "Indicator definition (DECP observatory)",
    description:
      "One indicator per file in indicators/definitions/. Generated from compiler/schema.ts.",
  };
}

/** The file's text, formatted as the repository's Prettier would. */
export async function renderJsonSchema(): Promise<string> {
  const options = (await resolveConfig(JSON_SCHEMA_PATH)) ?? {};
  return format(JSON.stringify(buildJsonSchema()), { ...options, parser: "json" });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await renderJsonSchema();
  // Write beside and rename, so an interrupted run never leaves half a file.
  writeFileSync(`${JSON_SCHEMA_PATH}.tmp`, text);
  renameSync(`${JSON_SCHEMA_PATH}.tmp`, JSON_SCHEMA_PATH);
  process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
}
