// The dashboard: client files, the chart libraries from the installed packages (no CDN), the
// map of départements, and index.html for every page address the client router knows.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router, type Response } from "express";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLIENT_DIR = join(ROOT, "client");
const INDEX = join(CLIENT_DIR, "index.html");

/** Browser builds of the libraries, by the name the page asks for. */
export const VENDOR_FILES: Record<string, string> = {
  "vega.js": "node_modules/vega/build/vega.min.js",
  "vega-lite.js": "node_modules/vega-lite/build/vega-lite.min.js",
  "vega-embed.js": "node_modules/vega-embed/build/vega-embed.min.js",
  "arquero.js": "node_modules/arquero/dist/arquero.min.js",
};

const GEO_FILE = join(ROOT, "data", "reference", "ref-geo-departements-1000m.geojson");

/** Page addresses of the client router (see client/src/router.js). */
const PAGES = [
  "/",
  "/indicateur/:id",
  "/acheteur/:siret",
  "/acheteur/:siret/synthese",
  "/fournisseur/:id",
  "/marche/:uid",
  "/recherche",
  "/a-propos",
  "/mises-a-jour",
];

function sendIndex(res: Response, status = 200): void {
  res.status(status).setHeader("Cache-Control", "no-cache");
  res.sendFile(INDEX);
}

export function staticRouter(): Router {
  const router = Router();
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
  for (const page of PAGES) router.get(page, (_req, res) => sendIndex(res));
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
  router.get("/{*rest}", (_req, res) => sendIndex(res, 404));
  return router;
}
