// « Mises à jour des données »: is a refresh running, when is the next one and on what schedule;
// the history of every run with its sources; then what the run behind the current data set
// aside (rejected records, values repaired, nulled or flagged), browsable.
import { getHealth, getJson } from "../api.js";
import { h, replace } from "../dom.js";
import { runHistory } from "../components/run-history.js";
import { coveragePanel } from "../components/coverage-panel.js";
import { issuesSection } from "../components/issues-section.js";
import { rejectsSection } from "../components/rejects-section.js";
import { TRIGGERS, daysAgo, describeCron, formatDateTime } from "../runs-format.js";

/** Runs listed on the page; the whole history stays in /api/runs. */
const SHOWN = 50;

/**
 * @typedef {{ running: boolean, trigger: string | null, started_at: string | null,
 *   schedule: { cron: string, timezone: string, next_run: string | null } | null }} RefreshStatus
 */

/** @param {RefreshStatus | null} refresh @param {import("../types.js").Health} health */
function statusList(refresh, health) {
  const schedule = refresh?.schedule ?? null;
  const words = schedule ? describeCron(schedule.cron) : null;
  /** @type {[string, (string | Node)[]][]} */
  const items = [
    [
      "Mise à jour en cours",
      refresh?.running
        ? [
            `oui, ${TRIGGERS[refresh.trigger ?? ""] ?? refresh.trigger ?? ""}, commencée le ${formatDateTime(refresh.started_at)}`,
          ]
        : ["non"],
    ],
    [
      "Prochaine mise à jour prévue",
      [
        schedule?.next_run
          ? formatDateTime(schedule.next_run)
          : "aucune : ce serveur ne lance pas de mise à jour planifiée",
      ],
    ],
    [
      "Planification",
      schedule
        ? [
            words ? `${words}, ` : "",
            "expression cron ",
            h("code", {}, schedule.cron),
            `, fuseau ${schedule.timezone}`,
          ]
        : ["aucune"],
    ],
    [
      "Données affichées",
      [
        `chargées le ${formatDateTime(health.snapshot.loaded_at)}`,
        daysAgo(health.snapshot.loaded_at) ? ` (${daysAgo(health.snapshot.loaded_at)})` : "",
        ", version ",
        h("code", {}, health.snapshot_id),
      ],
    ],
  ];
  return h(
    "dl",
    { class: "refresh-status", "data-testid": "refresh-status" },
    items.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
  );
}

/** @type {import("../router.js").View} */
export async function runsView({ main }) {
  document.title = "Mises à jour des données – Observatoire de la commande publique";
  main.className = "runs-page";
  const one = new URLSearchParams({ limit: "1" });
  const [history, health, rejects, issues] = await Promise.all([
    getJson("/api/runs"),
    getHealth(),
    getJson("/api/rejects", one),
    getJson("/api/field-issues", one),
  ]);
  const refresh = /** @type {RefreshStatus | null} */ (history.refresh);
  const runs = /** @type {import("../components/run-history.js").Run[]} */ (history.runs);
  replace(
    main,
    h("h1", {}, "Mises à jour des données"),
    h(
      "p",
      { class: "lead" },
      "L'observatoire vérifie régulièrement les fichiers publiés des données essentielles de la commande publique et ne recharge les données que lorsqu'un fichier a changé. Cette page dit quand, avec quel résultat, et ce qui a été écarté ou corrigé au chargement.",
    ),
    h("h2", {}, "État"),
    statusList(refresh, health),
    h("h2", {}, "Qui est qui : couverture des organisations"),
    coveragePanel(runs.find((run) => run.status === "ok" && run.coverage)?.coverage ?? []),
    h("h2", {}, "Historique des mises à jour"),
    runs.length > 0
      ? runHistory(runs, SHOWN)
      : h("p", {}, "Aucune mise à jour n'est enregistrée sur ce serveur."),
    rejectsSection(/** @type {import("../components/quality-table.js").Counts} */ (rejects)),
    issuesSection(/** @type {import("../components/quality-table.js").Counts} */ (issues)),
  );
}
