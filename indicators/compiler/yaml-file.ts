// Reads one YAML file into plain data, turning syntax errors (with line and column) into issues
// instead of exceptions, so the loader can keep going with the other files.
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import type { Issue } from "./errors.ts";

export interface YamlRead {
  value: unknown;
  issues: Issue[];
}

export function readYamlFile(path: string, label: string = path): YamlRead {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { value: undefined, issues: [{ code: "read_failed", file: label, path: "", message }] };
  }
  return parseYamlText(text, label);
}

export function parseYamlText(text: string, label: string): YamlRead {
  // Duplicate keys are an error: the second one would silently win otherwise.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const issues: Issue[] = [...doc.errors, ...doc.warnings].map((error) => {
    // prettyErrors adds "at line L, column C:" and a context excerpt; keep the first line only.
    const message = error.message.split("\n")[0]?.replace(/:$/, "") ?? error.message;
    return { code: "yaml_syntax", file: label, path: "", message };
  });
  if (issues.length > 0) return { value: undefined, issues };
  return { value: doc.toJS({ maxAliasCount: 100 }), issues: [] };
}
