// Page addresses → views. Links inside the dashboard change the address without reloading the
// page; the back button works. The server answers the same addresses with index.html.
import { finalizeCharts } from "./charts/render.js";
import { h, replace } from "./dom.js";
import { withSnapshot } from "./state.js";

/**
 * @typedef {{ params: Record<string, string>, main: HTMLElement }} ViewContext
 * @typedef {(context: ViewContext) => Promise<void>} View
 * @typedef {{ pattern: RegExp, names: string[], view: () => Promise<View> }} Route
 */

/** @type {Route[]} */
const routes = [];

/**
 * @param {string} path  e.g. "/acheteur/:siret"
 * @param {() => Promise<View>} view  loaded on demand
 */
export function route(path, view) {
  /** @type {string[]} */
  const names = [];
  const source = path.replace(/:([a-z_]+)/g, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  routes.push({ pattern: new RegExp(`^${source}/?$`), names, view });
}

let rendering = 0;

export async function render() {
  const main = /** @type {HTMLElement} */ (document.getElementById("contenu"));
  const ticket = ++rendering;
  finalizeCharts();
  main.dataset.ready = "false";
  main.className = "";
  const path = location.pathname;
  for (const r of routes) {
    const match = r.pattern.exec(path);
    if (!match) continue;
    /** @type {Record<string, string>} */
    const params = {};
    r.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? "")));
    try {
      const view = await r.view();
      await view({ params, main });
    } catch (error) {
      replace(
        main,
        h("h1", {}, "Cette page n'a pas pu s'afficher"),
        h("p", { class: "error" }, error instanceof Error ? error.message : String(error)),
        h("p", {}, h("a", { href: "/" }, "Revenir aux indicateurs")),
      );
    }
    // Only the latest navigation marks the page ready (tests and screen readers wait for it).
    if (ticket === rendering) main.dataset.ready = "true";
    return;
  }
  document.title = "Page introuvable – Observatoire de la commande publique";
  replace(
    main,
    h("h1", {}, "Page introuvable"),
    h("p", {}, "Cette adresse ne correspond à aucune page de l'observatoire."),
    h("p", {}, h("a", { href: "/" }, "Revenir aux indicateurs")),
  );
  main.dataset.ready = "true";
}

/** @param {string} url */
export function navigate(url) {
  history.pushState(null, "", withSnapshot(url));
  void render().then(() => {
    window.scrollTo(0, 0);
    document.getElementById("contenu")?.focus({ preventScroll: true });
  });
}

export function startRouter() {
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("a") : null;
    if (!target || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (target.hasAttribute("download") || target.target) return;
    const url = new URL(target.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(`${url.pathname}${url.search}`);
  });
  window.addEventListener("popstate", () => void render());
  return render();
}
