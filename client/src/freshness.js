// The freshness line of the home page: when the data shown were loaded, and when the sources were
// last checked. A failed check is said plainly, with its reason and a link to the details: the
// figures are then older than the schedule promises.
import { getHealth, getJson } from "./api.js";
import { h, link } from "./dom.js";
import { daysAgo, formatDateTime } from "./runs-format.js";

/**
 * @typedef {{ status: string, started_at?: string, finished_at?: string,
 *   error?: { message: string }, fetches?: { id: string, status: string, error?: string }[] }} RunSummary
 */

/** @param {RunSummary} run */
function failureReason(run) {
  if (run.error?.message) return run.error.message;
  const failed = (run.fetches ?? []).filter((f) => f.status === "failed");
  return failed.map((f) => `${f.id} : ${f.error}`).join(" ; ") || "raison inconnue";
}

export async function freshnessLine() {
  const [health, history] = await Promise.all([getHealth(), getJson("/api/runs")]);
  const last = /** @type {RunSummary[]} */ (history.runs)[0];
  const loaded = health.snapshot.loaded_at;
  const failed = last?.status === "failed";
  const ago = daysAgo(loaded);
  const parts = [`Données chargées le ${formatDateTime(loaded)}${ago ? ` (${ago})` : ""}`];
  if (last) {
    const when = formatDateTime(last.finished_at ?? last.started_at);
    parts.push(
      failed
        ? ` — la dernière vérification des sources, le ${when}, a échoué : ${failureReason(last)}. Les données affichées sont celles du chargement précédent. `
        : ` — dernière vérification des sources : ${when}. `,
    );
  } else parts.push(". ");
  return h(
    "p",
    { class: failed ? "freshness freshness--failed" : "freshness", "data-testid": "freshness" },
    parts,
    link("/mises-a-jour", failed ? "Détails de l'échec" : "Historique des mises à jour"),
  );
}
