// Writes schema/spaser.schema.json, the JSON Schema editors use to check and complete SPASER
// files (`# yaml-language-server: $schema=../schema/spaser.schema.json`).
// Run: npx tsx indicators/plans/generate-json-schema.ts. A test checks the committed file.
import { renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { z } from "zod";
import { SpaserSchema } from "./schema.ts";

export const SPASER_JSON_SCHEMA_PATH = fileURLToPath(
  new URL("../schema/spaser.schema.json", import.meta.url),
);

export function buildSpaserJsonSchema(): Record<string, unknown> {
  // "input": what an author writes.
  const schema = z.toJSONSchema(SpaserSchema, { io: "input", target: "draft-2020-12" });
  return {
    ...schema,
    title: "SPASER targets (DECP observatory)",
    description:
      "One plan per file in indicators/spaser/: a buyer's SPASER or the national defaults. Generated from plans/schema.ts.",
  };
}

/** The file's text, formatted as the repository's Prettier would. */
export async function renderSpaserJsonSchema(): Promise<string> {
  const options = (await resolveConfig(SPASER_JSON_SCHEMA_PATH)) ?? {};
  return format(JSON.stringify(buildSpaserJsonSchema()), { ...options, parser: "json" });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await renderSpaserJsonSchema();
  // Write beside and rename, so an interrupted run never leaves half a file.
  writeFileSync(`${SPASER_JSON_SCHEMA_PATH}.tmp`, text);
  renameSync(`${SPASER_JSON_SCHEMA_PATH}.tmp`, SPASER_JSON_SCHEMA_PATH);
  process.stdout.write(`wrote ${SPASER_JSON_SCHEMA_PATH}\n`);
}
