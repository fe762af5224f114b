// Shape helpers that make the 2019, 2.0.0 and 2024 structures (and XML turned into trees) read alike.
import { MAX_RECORD_DEPTH } from "../formats/input-limits.ts";
import type { IssueLog } from "./issues.ts";

export type Tree = Record<string, unknown>;

export function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Thrown by cleanKeys on a record nested deeper than MAX_RECORD_DEPTH: the record is rejected. */
export class RecordTooDeepError extends Error {}

/**
 * Copies a record with its keys trimmed ("nom " → "nom", logged) and dotted keys expanded
 * ("acheteur.id" → acheteur.id, logged), at every depth.
 */
export function cleanKeys(value: unknown, log: IssueLog, path = "", depth = 0): unknown {
  if (depth > MAX_RECORD_DEPTH) throw new RecordTooDeepError();
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item, i) => {
      const clean = cleanKeys(item, log, `${path}[${i}]`, depth + 1);
      if (clean !== item) changed = true;
      return clean;
    });
    return changed ? items : value;
  }
  if (!isTree(value)) return value;
  // Most records need no change: keep the object itself, and copy only when a key must be fixed.
  let out: Tree | null = null;
  const keys = Object.keys(value);
  for (let k = 0; k < keys.length; k++) {
    const rawKey = keys[k];
    const child = value[rawKey];
    const clean = cleanKeys(child, log, path ? `${path}.${rawKey}` : rawKey, depth + 1);
    const needsFix = rawKey.trim() !== rawKey || rawKey.indexOf(".") > 0;
    if (!out && (needsFix || clean !== child)) {
      out = {};
      for (let j = 0; j < k; j++) out[keys[j]] = value[keys[j]];
    }
    if (out) placeKey(out, rawKey, clean, log, path);
  }
  return out ?? value;
}

function placeKey(out: Tree, rawKey: string, clean: unknown, log: IssueLog, path: string): void {
  const key = rawKey.trim();
  const where = path ? `${path}.${key}` : key;
  if (key !== rawKey) log.add(where, rawKey, "key with surrounding spaces", "repaired");
  const dot = key.indexOf(".");
  if (dot > 0 && !(key in out)) {
    const [head, tail] = [key.slice(0, dot), key.slice(dot + 1)];
    const parent = isTree(out[head]) ? { ...(out[head] as Tree) } : {};
    if (!(tail in parent)) {
      parent[tail] = clean;
      out[head] = parent;
      log.add(where, key, "flattened key expanded", "repaired");
      return;
    }
  }
  out[key] = clean;
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
