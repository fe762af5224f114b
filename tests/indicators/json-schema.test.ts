// The committed JSON Schema is the one the zod schema generates (regenerate with
// `npx tsx indicators/compiler/generate-json-schema.ts`), and it describes the shipped files.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  buildJsonSchema,
  JSON_SCHEMA_PATH,
  renderJsonSchema,
} from "../../indicators/compiler/generate-json-schema.ts";
import { shippedCatalogue } from "./helpers/catalogue.ts";

describe("indicator.schema.json", () => {
  it("equals the generated schema", async () => {
    expect(readFileSync(JSON_SCHEMA_PATH, "utf8")).toBe(await renderJsonSchema());
  });

  it("rejects unknown keys and knows every key the shipped files use", () => {
    const schema = buildJsonSchema() as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(schema.additionalProperties).toBe(false);
    for (const d of shippedCatalogue().definitions) {
      const raw = parse(readFileSync(d.file, "utf8")) as Record<string, unknown>;
      for (const key of Object.keys(raw))
        expect(schema.properties, `${d.id}.${key}`).toHaveProperty(key);
    }
  });

  it("is referenced by every definition file for editors", () => {
    for (const d of shippedCatalogue().definitions) {
      expect(readFileSync(d.file, "utf8")).toMatch(
        /^# yaml-language-server: \$schema=\.\.\/schema\/indicator\.schema\.json\n/,
      );
    }
  });
});
