// Page addresses → views. Links inside the dashboard change the address without reloading the
// page; the back button works. The server answers the same addresses with index.html.
import { finalizeCharts } from "./charts/render.js";
import { h, replace } from "./dom.js";
import { withSnapshot } from "./state.js";

/**
 * @typedef {{ params: Record<string, string>, main: HTMLElement }} ViewContext
 * @typedef {{ update: (changed: Set<string>) => Promise<void> }} LiveView
 *   a view that can follow a change of its address by itself: `changed` holds the query keys
 *   whose value changed; it redraws what reads them and nothing else
 * @typedef {(context: ViewContext) => Promise<void | LiveView>} View
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

/**
 * The page shown: its path, the query it was drawn for, and how it follows a new query.
 * @type {{ path: string, query: URLSearchParams, live: LiveView | null } | null}
 */
let current = null;

export async function render() {
  const main = /** @type {HTMLElement} */ (document.getElementById("contenu"));
  const ticket = ++rendering;
  current = null;
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
      const live = await view({ params, main });
      if (ticket === rendering) current = { path, query: currentQuery(), live: live ?? null };
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

/** The page's query, without the snapshot id (which never changes what a page shows). */
function currentQuery() {
  const query = new URLSearchParams(location.search);
  query.delete("snapshot");
  return query;
}

/**
 * The keys whose values differ between two queries.
 * @param {URLSearchParams} before
 * @param {URLSearchParams} after
 */
function changedKeys(before, after) {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return new Set(
    [...keys].filter((key) => before.getAll(key).join("\n") !== after.getAll(key).join("\n")),
  );
}

/**
 * The address changed under the same page (a control wrote it, or back and forward move between
 * two states of the page): a live view redraws only what reads the changed keys, so the rest of
 * the page, and the keyboard focus, stay where they are. Any other page is drawn again.
 */
export async function refresh() {
  const main = /** @type {HTMLElement} */ (document.getElementById("contenu"));
  if (!current?.live || current.path !== location.pathname) return render();
  const query = currentQuery();
  const changed = changedKeys(current.query, query);
  current.query = query;
  if (changed.size === 0) return;
  const ticket = ++rendering;
  main.dataset.ready = "false";
  try {
    await current.live.update(changed);
  } finally {
    // Only the latest change marks the page ready (tests and screen readers wait for it).
    if (ticket === rendering) main.dataset.ready = "true";
  }
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
  window.addEventListener("popstate", () => void refresh());
  return render();
}
