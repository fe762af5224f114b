// The DECP examples and third-party fixtures: test inputs only, never served (see the README there).
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES_DIR = fileURLToPath(new URL("../fixtures/decp/", import.meta.url));

export const fixture = (name: string): string => join(FIXTURES_DIR, name);
