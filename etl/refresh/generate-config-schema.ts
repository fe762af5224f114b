// Writes etl/refresh/config.schema.json, the JSON Schema of observatory.config.json for editors.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ConfigSchema } from "./config.ts";

export function configJsonSchema(): string {
  return JSON.stringify(z.toJSONSchema(ConfigSchema, { io: "input" }), null, 2) + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(
    fileURLToPath(new URL("./config.schema.json", import.meta.url)),
    configJsonSchema(),
  );
}
