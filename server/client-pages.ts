// The dashboard's pages as the client declares them (client/src/main.js: one `route(address,
// () => import(view))` each), and the modules each page runs: the entry's static imports, its
// view's, and theirs, read from the files. index.html lists them as <link rel="modulepreload">,
// so that the browser fetches them together instead of discovering one level of imports per
// round trip (nine levels deep on the home page). A page module that is missing, or a route
// table this parser does not understand, stops the server at start: a wrong list would only make
// pages slower, silently.
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";

/** One page of the dashboard: its address pattern (Express syntax) and its modules, as URLs. */
export interface ClientPage {
  pattern: string;
  modules: string[];
}

const ENTRY = "main.js";
const ROUTE = /\broute\(\s*"([^"]+)",\s*async \(\) => \(await import\("(\.[^"]+)"\)\)/g;
// Static imports and re-exports at the start of a line (JSDoc's import("…") types are not code).
const STATIC_IMPORT = /^(?:import|export)\s+(?:[^;"']*?\sfrom\s+)?"(\.{1,2}\/[^"]+)";?/gm;

/** The modules `file` imports statically, as paths under `srcDir`. */
function staticImports(srcDir: string, file: string): string[] {
  const source = readFileSync(join(srcDir, file), "utf8");
  return [...source.matchAll(STATIC_IMPORT)].map((match) =>
    posix.normalize(posix.join(posix.dirname(file), match[1] ?? "")),
  );
}

/** `file` and every module it reaches by static imports, each once, the file first. */
function closure(srcDir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  if (!existsSync(join(srcDir, file))) {
    throw new Error(`client/src/${file}: imported by the dashboard, but there is no such file`);
  }
  seen.add(file);
  for (const imported of staticImports(srcDir, file)) closure(srcDir, imported, seen);
  return seen;
}

/**
 * Every page of the dashboard with its modules, and the entry's own modules (what an unknown
 * address's page, « page introuvable », runs); `srcDir` is the client's src folder.
 */
export function clientPages(srcDir: string): { entry: string[]; pages: ClientPage[] } {
  const entry = readFileSync(join(srcDir, ENTRY), "utf8");
  const routes = [...entry.matchAll(ROUTE)];
  const declared = (entry.match(/\broute\(/g) ?? []).length;
  if (routes.length === 0 || routes.length !== declared) {
    throw new Error(
      `client/src/${ENTRY}: ${declared} route(…) calls, ${routes.length} of the form ` +
        '`route("/address", async () => (await import(<its view file>)).view)` ' +
        "(server/client-pages.ts reads them)",
    );
  }
  const shared = closure(srcDir, ENTRY);
  const urls = (files: Set<string>) => [...files].map((file) => `/src/${file}`);
  const pages = routes.map(([, pattern = "", view = ""]) => {
    const file = posix.normalize(posix.join(posix.dirname(ENTRY), view));
    return { pattern, modules: urls(closure(srcDir, file, new Set(shared))) };
  });
  return { entry: urls(shared), pages };
}

/** index.html with a modulepreload link for each module, before its entry script. */
export function withPreloads(indexHtml: string, modules: string[]): string {
  const entryTag = `<script type="module" src="/src/${ENTRY}"></script>`;
  if (!indexHtml.includes(entryTag)) {
    throw new Error(`client/index.html: no ${entryTag} to put the preloads before`);
  }
  const links = modules
    .filter((module) => module !== `/src/${ENTRY}`)
    .map((module) => `<link rel="modulepreload" href="${module}" />`);
  return indexHtml.replace(entryTag, [...links, entryTag].join("\n    "));
}
