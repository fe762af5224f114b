// Where a program the tests may drive (LibreOffice's soffice, poppler's pdftoppm…) is found on
// the PATH, for the helpers that run such tests when it is there and skip them, saying so, when not.
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** The program's path in the first PATH folder holding it, or undefined. */
export function onPath(program: string): string | undefined {
  return (process.env.PATH ?? "")
    .split(delimiter)
    .map((dir) => join(dir, program))
    .find((path) => existsSync(path));
}
