// Entry point: pages of the dashboard, the snapshot id kept in the address, and notices.
import { getDataSources, getHealth } from "./api.js";
import { samplesNotice } from "./data-sources.js";
import { h, replace } from "./dom.js";
import { formatDate } from "./format.js";
import { route, startRouter } from "./router.js";
import { setSnapshot, updateAddress } from "./state.js";

route("/", async () => (await import("./views/home.js")).homeView);
route("/indicateur/:id", async () => (await import("./views/indicator.js")).indicatorView);
route("/acheteur/:siret", async () => (await import("./views/buyer.js")).buyerView);
route(
  "/acheteur/:siret/synthese",
  async () => (await import("./views/buyer-summary.js")).buyerSummaryView,
);
route("/fournisseur/:id", async () => (await import("./views/supplier.js")).supplierView);
route("/marche/:uid", async () => (await import("./views/contract.js")).contractView);
route("/comparer", async () => (await import("./views/compare.js")).compareView);
route("/recherche", async () => (await import("./views/search.js")).searchView);
route("/mises-a-jour", async () => (await import("./views/runs.js")).runsView);
route("/atelier", async () => (await import("./views/workshop.js")).workshopView);
route("/a-propos", async () => (await import("./views/about.js")).aboutView);

/**
 * The address names the data snapshot it was made with. An old link still opens, with a notice
 * that the figures may have changed since. Generated test data and the shipped samples are said
 * on every page.
 */
async function snapshotNotice() {
  const notice = /** @type {HTMLElement} */ (document.getElementById("notice"));
  const [health, sources] = await Promise.all([
    getHealth(),
    // Without this answer the page still works; it only lacks the samples notice.
    getDataSources().catch(() => null),
  ]);
  const current = health.snapshot_id;
  setSnapshot(current);
  const footer = document.getElementById("snapshot-id");
  if (footer)
    replace(
      footer,
      `${current} (données chargées le ${formatDate(health.snapshot.loaded_at)}, `,
      h("a", { href: "/mises-a-jour" }, "historique des mises à jour"),
      ")",
    );
  const asked = new URLSearchParams(location.search).get("snapshot");
  const messages = [];
  if (health.snapshot.synthetic) {
    messages.push(
      h(
        "p",
        { class: "notice notice--warning" },
        "Attention : ces données sont des données de test générées, pas des données réelles.",
      ),
    );
  }
  // The shipped samples are a few producers' files: no figure may read as the national picture.
  const samples = sources ? samplesNotice(sources) : null;
  if (samples) messages.push(samples);
  if (asked && asked !== current) {
    messages.push(
      h(
        "p",
        { class: "notice" },
        `Ce lien a été créé avec une version antérieure des données (${asked}). Les chiffres affichés sont ceux de la version actuelle (${current}) et peuvent différer.`,
      ),
    );
  }
  replace(notice, messages);
  if (asked !== current) updateAddress({ snapshot: current }, { replace: true });
}

await snapshotNotice().catch(() => undefined);
await startRouter();
