// The freshness line shown on the home page: when the data were loaded, and what the last
// check of the sources gave (a failed check is said plainly, with a link to the details).
import { getJson, getHealth } from "./api.js";
import { h, link } from "./dom.js";
import { formatDateTime } from "./runs-format.js";

/** @param {string | null | undefined} iso */
function daysAgo(iso) {
  if (!iso) return "";
  const days = Math.floor((Date.now() - new Date(iso).getTime()) / 86_400_000);
  if (days <= 0) return " (aujourd'hui)";
  return days === 1 ? " (il y a 1 jour)" : ` (il y a ${days} jours)`;
}

export async function freshnessLine() {
  const [health, history] = await Promise.all([getHealth(), getJson("/api/runs")]);
  const runs =
    /** @type {{ status: string, finished_at?: string, started_at?: string, error?: { message: string } }[]} */ (
      history.runs
    );
  const last = runs[0];
  const loaded = health.snapshot.loaded_at;
  const parts = [`Données chargées le ${formatDateTime(loaded)}${daysAgo(loaded)}`];
  if (last) {
    const when = formatDateTime(last.finished_at ?? last.started_at);
    if (last.status === "failed")
      parts.push(` — la dernière vérification des sources (${when}) a échoué : `);
    else parts.push(` — dernière vérification des sources : ${when}`);
  }
  return h(
    "p",
    { class: "freshness", "data-testid": "freshness" },
    parts,
    last && last.status === "failed" ? (last.error?.message ?? "raison inconnue") + ". " : ". ",
    link("/mises-a-jour", "Voir l'historique des mises à jour"),
  );
}
