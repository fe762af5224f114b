// Shape helpers that make the 2019, 2.0.0 and 2024 structures (and XML turned into trees) read alike.
import type { IssueLog } from "./issues.ts";

export type Tree = Record<string, unknown>;

export function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Copies a record with its keys trimmed ("nom " → "nom", logged) and dotted keys expanded
 * ("acheteur.id" → acheteur.id, logged), at every depth.
 */
export function cleanKeys(value: unknown, log: IssueLog, path = ""): unknown {
  if (Array.isArray(value)) return value.map((item, i) => cleanKeys(item, log, `${path}[${i}]`));
  if (!isTree(value)) return value;
  const out: Tree = {};
  for (const [rawKey, child] of Object.entries(value)) {
    const key = rawKey.trim();
    const where = path ? `${path}.${key}` : key;
    if (key !== rawKey) log.add(where, rawKey, "key with surrounding spaces", "repaired");
    const clean = cleanKeys(child, log, where);
    const dot = key.indexOf(".");
    if (dot > 0 && !(key in out)) {
      const [head, tail] = [key.slice(0, dot), key.slice(dot + 1)];
      const parent = isTree(out[head]) ? (out[head] as Tree) : {};
      if (!(tail in parent)) {
        parent[tail] = clean;
        out[head] = parent;
        log.add(where, key, "flattened key expanded", "repaired");
        continue;
      }
    }
    out[key] = clean;
  }
  return out;
}

/**
 * The items of a DECP list, whatever its shape: a plain array (2019), an array of wrappers
 * ({"titulaire": {…}}, 2024), an object holding the wrapper key (XML and 2024:
 * {"technique": [ … ]}), a single item, or arrays nested in arrays (seen in real files).
 */
export function listOf(value: unknown, itemKey: string): unknown[] {
  if (value === undefined || value === null || value === "") return [];
  const out: unknown[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isTree(node) && itemKey in node && Object.keys(node).length === 1)
      visit(node[itemKey]);
    else if (node !== undefined && node !== null && node !== "") out.push(node);
  };
  visit(value);
  return out;
}

/** Whether a list field was filled at all (an explicit empty list counts as filled for v2 lists). */
export function isListPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

export function child(tree: Tree, key: string): Tree {
  const value = tree[key];
  return isTree(value) ? value : {};
}
