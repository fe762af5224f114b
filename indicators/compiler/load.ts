// Loads every definition of a folder. A broken file yields all its problems (file + dotted path)
// and is left out; the other definitions still load.
import { readdirSync } from "node:fs";
import { basename, join, relative, isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";
import { checkDefinition } from "./check.ts";
import { clip, IndicatorError, type Issue } from "./errors.ts";
import { getDefaultModel, type Model } from "./model.ts";
import { DefinitionSchema, type ParsedDefinition } from "./schema.ts";
import { readYamlFile } from "./yaml-file.ts";
import { fromZodIssues } from "./zod-issues.ts";

export type IndicatorDefinition = ParsedDefinition & { readonly file: string };

export interface Catalogue {
  model: Model;
  definitions: IndicatorDefinition[];
  /** Problems of the files left out; empty when every definition loaded. */
  errors: Issue[];
}

export const DEFAULT_DEFINITIONS_DIR = fileURLToPath(new URL("../definitions", import.meta.url));

export interface LoadOptions {
  dir?: string;
  model?: Model;
}

export function loadCatalogue(options: LoadOptions = {}): Catalogue {
  const dir = options.dir ?? DEFAULT_DEFINITIONS_DIR;
  const model = options.model ?? getDefaultModel();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
    .sort();
  const definitions: IndicatorDefinition[] = [];
  const errors: Issue[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = displayPath(join(dir, name));
    const read = readYamlFile(join(dir, name), file);
    const result = parseDefinition(read.value, file, model, { readIssues: read.issues });
    if (result.issues.length > 0 || !result.definition) {
      errors.push(...result.issues);
      continue;
    }
    const previous = seen.get(result.definition.id);
    if (previous !== undefined) {
      errors.push({
        code: "duplicate_id",
        file,
        path: "id",
        message: `id "${result.definition.id}" is already defined in ${previous}`,
      });
      continue;
    }
    seen.set(result.definition.id, file);
    definitions.push(result.definition);
  }
  return { model, definitions, errors };
}

export interface ParseResult {
  definition: IndicatorDefinition | null;
  issues: Issue[];
}

/** Validates one definition's data: shape first (zod), then names and types (model). */
export function parseDefinition(
  value: unknown,
  file: string,
  model: Model,
  options: { readIssues?: Issue[] } = {},
): ParseResult {
  if (options.readIssues && options.readIssues.length > 0) {
    return { definition: null, issues: options.readIssues };
  }
  const parsed = DefinitionSchema.safeParse(value);
  if (!parsed.success) {
    return {
      definition: null,
      issues: fromZodIssues(parsed.error.issues, file, "invalid_definition"),
    };
  }
  const expectedId = basename(file).replace(/\.ya?ml$/, "");
  const issues = checkDefinition(parsed.data, model, file, expectedId);
  if (issues.length > 0) return { definition: null, issues };
  return { definition: { ...parsed.data, file }, issues: [] };
}

export function findDefinition(catalogue: Catalogue, id: string): IndicatorDefinition {
  const found = catalogue.definitions.find((d) => d.id === id);
  if (found) return found;
  const broken = catalogue.errors.filter(
    (e) => e.file !== undefined && basename(e.file).startsWith(`${id}.`),
  );
  if (broken.length > 0) throw new IndicatorError(broken);
  throw new IndicatorError([
    { code: "unknown_indicator", param: "id", message: `unknown indicator "${clip(id)}"` },
  ]);
}

/** Paths in messages are relative to the working directory when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
