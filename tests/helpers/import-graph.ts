// The project's import graph, read from the source text: every relative import of every .ts, .js
// and .mjs file (static, type-only, re-exports, dynamic `import("…")` and JSDoc `import("…")`
// types of the client's plain JavaScript). Type imports count: a cycle of types is still two
// modules that cannot be understood, moved or tested one without the other.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export interface ImportEdge {
  from: string;
  to: string;
  /** The specifier as written, for messages. */
  specifier: string;
}

export interface ImportGraph {
  /** Paths relative to the root, with "/" separators. */
  files: string[];
  edges: ImportEdge[];
  /** Relative imports naming no file: typos, or a file moved without its importers. */
  unresolved: ImportEdge[];
}

const SOURCE = /\.(ts|js|mjs)$/;

// `import x from "…"`, `import type { X } from "…"`, `import "…"`, `export { x } from "…"`,
// `export * from "…"`, over several lines: everything up to `from` holds no quote nor semicolon.
const STATIC = /\b(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\sfrom\s*)?["']([^"'\n]+)["']/g;
// `import("…")`, in code (dynamic) or in a JSDoc type (`@type {import("./x.js").Y}`).
const CALL = /\bimport\(\s*["']([^"'\n]+)["']\s*\)/g;

/** Every source file under the given folders of root, sorted. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE.test(name)) found.push(toKey(root, path));
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return found.sort();
}

/** The specifiers a source text imports, in order of appearance (duplicates kept). */
export function importSpecifiers(text: string): string[] {
  const found: { at: number; specifier: string }[] = [];
  for (const pattern of [STATIC, CALL]) {
    for (const match of text.matchAll(pattern)) {
      found.push({ at: match.index, specifier: match[1] as string });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.specifier);
}

export function buildImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const files = sourceFiles(root, folders);
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  const unresolved: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(join(root, from), "utf8");
    for (const specifier of importSpecifiers(text)) {
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
      const to = toKey(root, resolve(root, dirname(from), specifier));
      (known.has(to) ? edges : unresolved).push({ from, to, specifier });
    }
  }
  return { files, edges, unresolved };
}

/** Every file `start` imports, directly or not, itself included. */
export function reachableFrom(graph: ImportGraph, start: string): Set<string> {
  const reached = new Set([start]);
  for (let grew = true; grew;) {
    grew = false;
    for (const { from, to } of graph.edges) {
      if (reached.has(from) && !reached.has(to)) grew = Boolean(reached.add(to));
    }
  }
  return reached;
}

function toKey(root: string, path: string): string {
  return relative(root, path).split("\\").join("/");
}

/**
 * The cycles of the graph: one per strongly connected component of more than one file (or a
 * file importing itself), each given as a closed path `a → b → … → a`.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const next = new Map<string, string[]>();
  for (const file of graph.files) next.set(file, []);
  for (const edge of graph.edges) {
    const list = next.get(edge.from) as string[];
    if (!list.includes(edge.to)) list.push(edge.to);
  }
  return stronglyConnected(graph.files, next)
    .filter(
      (group) =>
        group.length > 1 || (next.get(group[0] as string) ?? []).includes(group[0] as string),
    )
    .map((group) => cycleWithin(group, next));
}

/** Tarjan's algorithm, iterative so that a deep chain of imports cannot overflow the stack. */
function stronglyConnected(nodes: string[], next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; child: number }[] = [{ node: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; child: number };
      const children = next.get(frame.node) ?? [];
      if (frame.child < children.length) {
        const child = children[frame.child++] as string;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ node: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(child) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        low.set(
          parent.node,
          Math.min(low.get(parent.node) as number, low.get(frame.node) as number),
        );
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        groups.push(group.sort());
      }
    }
  }
  return groups;
}

/** A shortest closed path through the group's first file, staying inside the group. */
function cycleWithin(group: string[], next: Map<string, string[]>): string[] {
  const inside = new Set(group);
  const start = group[0] as string;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const child of next.get(node) ?? []) {
      if (!inside.has(child)) continue;
      if (child === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at) as string) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(child)) {
        previous.set(child, node);
        queue.push(child);
      }
    }
  }
  return [start, start];
}
