// Limits on a workshop body before any schema reads it: how deep it nests, how long its lists and
// texts are. A hostile body (a condition nested ten thousand times, a list of a million codes)
// is refused here with the path at fault, so neither zod's recursion nor the compiler ever sees it.

export const MAX_DEPTH = 14;
export const MAX_LIST = 60;
export const MAX_TEXT = 3000;
export const MAX_KEYS = 40;

export interface BoundsProblem {
  path: string;
  message: string;
}

/** The first value out of bounds, depth first, or null. Iterative: no recursion to exhaust. */
export function outOfBounds(root: unknown, at = ""): BoundsProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: at, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    const join = (key: string | number) => (path ? `${path}.${key}` : String(key));
    if (typeof value === "string" && value.length > MAX_TEXT) {
      return { path, message: `texte trop long (plus de ${MAX_TEXT} caractères)` };
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= MAX_DEPTH) {
      return { path, message: `imbrication trop profonde (plus de ${MAX_DEPTH} niveaux)` };
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST) {
        return { path, message: `liste trop longue (plus de ${MAX_LIST} éléments)` };
      }
      value.forEach((item, i) => stack.push({ value: item, path: join(i), depth: depth + 1 }));
      continue;
    }
    const entries = Object.entries(value);
    if (entries.length > MAX_KEYS) {
      return { path, message: `trop de clés (plus de ${MAX_KEYS})` };
    }
    for (const [key, item] of entries) {
      stack.push({ value: item, path: join(key.slice(0, 60)), depth: depth + 1 });
    }
  }
  return null;
}
