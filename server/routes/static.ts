// The dashboard: client files, the chart libraries from the installed packages (no CDN), the
// map of départements, and index.html for every page address the client router knows, listing
// the modules of that page for the browser to fetch at once (server/client-pages.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router, type Response } from "express";
import { clientPages, withPreloads } from "../client-pages.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLIENT_DIR = join(ROOT, "client");
const INDEX = join(CLIENT_DIR, "index.html");
const SRC_DIR = join(CLIENT_DIR, "src");

/** Browser builds of the libraries, by the name the page asks for. */
export const VENDOR_FILES: Record<string, string> = {
  "vega.js": "node_modules/vega/build/vega.min.js",
  "vega-lite.js": "node_modules/vega-lite/build/vega-lite.min.js",
  "vega-embed.js": "node_modules/vega-embed/build/vega-embed.min.js",
};

const INTERPRETER = "node_modules/vega-interpreter/build/vega-interpreter.js";
const VEGA_UTIL_IMPORT = /^import \{([^}]*)\} from 'vega-util';$/m;

/**
 * Vega's expression interpreter, as an ES module the browser can load. With it, Vega evaluates
 * the charts' expressions itself instead of compiling them with Function(), so the CSP needs no
 * 'unsafe-eval' (client/src/charts/render.js). Its build imports a few helpers from 'vega-util'
 * by bare name, which a browser resolves only through an import map, an inline script the CSP
 * forbids; vega's own build (loaded before, global `vega`) exports the same helpers, so that one
 * import is read from it. Any other import, or a new shape of this one, stops the server at
 * start rather than serving a module that fails in the browser.
 */
export function interpreterModule(): string {
  const source = readFileSync(join(ROOT, INTERPRETER), "utf8");
  const match = VEGA_UTIL_IMPORT.exec(source);
  const rewritten = match
    ? source.replace(match[0], `const {${match[1]}} = globalThis.vega;`)
    : source;
  if (!match || /^\s*import\b/m.test(rewritten)) {
    throw new Error(
      `${INTERPRETER}: expected exactly one import, from 'vega-util' (see server/routes/static.ts)`,
    );
  }
  return rewritten;
}

const GEO_FILE = join(ROOT, "data", "reference", "ref-geo-departements-1000m.geojson");

/** index.html as served: with the preloads of one page's modules (server/client-pages.ts). */
function sendIndex(res: Response, html: string, status = 200): void {
  res.status(status).setHeader("Cache-Control", "no-cache");
  res.type("html").send(html);
}

export function staticRouter(): Router {
  const router = Router();
  const interpreter = interpreterModule();
  router.get("/vendor/vega-interpreter.js", (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.type("text/javascript").send(interpreter);
  });
  for (const [name, file] of Object.entries(VENDOR_FILES)) {
    router.get(`/vendor/${name}`, (_req, res) => {
      res.setHeader("Cache-Control", "public, max-age=86400");
      res.type("text/javascript").sendFile(join(ROOT, file));
    });
  }
  router.get("/data/departements.geojson", (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.type("application/geo+json").sendFile(GEO_FILE);
  });
  // Every page address of the client router, each with the modules that page runs.
  const index = readFileSync(INDEX, "utf8");
  const { entry, pages } = clientPages(SRC_DIR);
  for (const { pattern, modules } of pages) {
    const html = withPreloads(index, modules);
    router.get(pattern, (_req, res) => sendIndex(res, html));
  }
  // Only the browser's files: the client folder also holds notes for developers.
  for (const folder of ["src", "styles"]) {
    router.use(
      `/${folder}`,
      express.static(join(CLIENT_DIR, folder), {
        index: false,
        dotfiles: "ignore",
        setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
      }),
    );
  }
  // Any other address: the page itself says "page introuvable", with the right status.
  const notFound = withPreloads(index, entry);
  router.get("/{*rest}", (_req, res) => sendIndex(res, notFound, 404));
  return router;
}
