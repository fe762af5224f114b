// The run history as the public API shows it: what each run read and did, never where files live
// on the server. The history on disk keeps everything (the operator's record); here the database
// path and downloaded files' paths are left out, and any absolute path inside a message is cut
// to its file name.

/** Keys that only ever hold a path on the server. */
const PATH_KEYS = new Set(["db", "path", "dbPath", "file", "dir"]);

/**
 * An absolute POSIX path inside a text: a slash not preceded by a word character or another
 * slash (so URLs are left alone), then directories, then the file name, which is kept.
 */
const ABSOLUTE_PATH = /(?<![\w/.:-])\/(?!\/)(?:[^\s'"`()<>,;:/]+\/)+([^\s'"`()<>,;:/]*)/g;

export function withoutPaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, (_match, name: string) => name || "…");
}

function clean(value: unknown): unknown {
  if (typeof value === "string") return withoutPaths(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !PATH_KEYS.has(key))
        .map(([key, item]) => [key, clean(item)]),
    );
  }
  return value;
}

export function publicRun<T extends object>(run: T): T {
  return clean(run) as T;
}
