// « Mises à jour des données »: the refresh schedule, the history of every run with its sources,
// and what the current snapshot's run set aside (rejected records, repaired or flagged values).
import { getJson } from "../api.js";
import { h, replace } from "../dom.js";
import { formatInteger } from "../format.js";
import {
  ACTIONS,
  RUN_STATUS,
  TRIGGERS,
  formatDateTime,
  formatDuration,
  formatMegabytes,
} from "../runs-format.js";

/**
 * @typedef {{ source: string, format?: string, bytes?: number, sha256?: string, records_read?: number,
 *   loaded?: number, rejected?: number, duplicates?: number, field_issues?: number }} SourceRow
 * @typedef {{ id: string, status: string, error?: string, files: { name: string, bytes: number,
 *   sha256: string, http_status?: number }[] }} Fetch
 * @typedef {{ run_id?: string, status: string, trigger?: string, started_at?: string,
 *   finished_at?: string, duration_ms?: number, sources?: SourceRow[], fetches?: Fetch[],
 *   error?: { message: string } }} Run
 */

/** @param {string} caption @param {string[]} headers @param {(string | Node)[][]} rows */
function table(caption, headers, rows) {
  return h(
    "table",
    { class: "data-table" },
    h("caption", {}, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        headers.map((text) => h("th", { scope: "col" }, text)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((cells) =>
        h(
          "tr",
          {},
          cells.map((cell) => h("td", {}, cell)),
        ),
      ),
    ),
  );
}

/** @param {Run} run */
function sourcesOf(run) {
  /** @type {Map<string, number | undefined>} */
  const http = new Map();
  for (const fetch of run.fetches ?? [])
    for (const file of fetch.files) http.set(file.name, file.http_status);
  /** @type {SourceRow[]} */
  const rows =
    run.sources ??
    (run.fetches ?? []).flatMap((f) =>
      f.files.map((file) => ({ source: file.name, bytes: file.bytes, sha256: file.sha256 })),
    );
  return table(
    "Sources de cette mise à jour",
    [
      "Fichier ou adresse",
      "Format",
      "Taille",
      "Empreinte SHA-256",
      "HTTP",
      "Lus",
      "Chargés",
      "Rejetés",
      "Doublons",
      "Valeurs corrigées ou signalées",
    ],
    rows.map((s) => [
      s.source,
      s.format ?? "—",
      formatMegabytes(s.bytes),
      s.sha256 ? h("abbr", { title: s.sha256 }, s.sha256.slice(0, 12)) : "—",
      String(http.get(s.source) ?? "—"),
      formatInteger(s.records_read),
      formatInteger(s.loaded),
      formatInteger(s.rejected),
      formatInteger(s.duplicates),
      formatInteger(s.field_issues),
    ]),
  );
}

/** @param {Run} run */
function runRow(run) {
  const failedFetches = (run.fetches ?? []).filter((f) => f.status === "failed");
  const reason = run.error?.message ?? failedFetches.map((f) => `${f.id} : ${f.error}`).join(" ; ");
  return h(
    "details",
    { class: `run run--${run.status}`, "data-testid": "run" },
    h(
      "summary",
      {},
      `${formatDateTime(run.finished_at ?? run.started_at)} — mise à jour ${TRIGGERS[run.trigger ?? "manual"] ?? run.trigger} ${RUN_STATUS[run.status] ?? run.status}`,
      run.duration_ms !== undefined ? ` en ${formatDuration(run.duration_ms)}` : "",
      run.status === "failed" && reason ? ` : ${reason}` : "",
    ),
    sourcesOf(run),
  );
}

/** @param {HTMLElement} target @param {string} reason */
async function showRejects(target, reason) {
  const page = await getJson("/api/rejects", new URLSearchParams({ reason, limit: "20" }));
  const rows =
    /** @type {{ source: string, position: number, raw: string, raw_truncated: boolean }[]} */ (
      page.rows
    );
  replace(
    target,
    h("p", {}, `${formatInteger(page.total)} enregistrement(s) ; les 20 premiers :`),
    rows.map((row) =>
      h(
        "details",
        { class: "reject" },
        h("summary", {}, `${row.source}, enregistrement n° ${row.position}`),
        h("pre", {}, row.raw + (row.raw_truncated ? "\n… (tronqué)" : "")),
      ),
    ),
  );
}

/** @type {import("../router.js").View} */
export async function runsView({ main }) {
  document.title = "Mises à jour des données – Observatoire de la commande publique";
  const [history, rejects, issues] = await Promise.all([
    getJson("/api/runs"),
    getJson("/api/rejects", new URLSearchParams({ limit: "1" })),
    getJson("/api/field-issues", new URLSearchParams({ limit: "1" })),
  ]);
  const refresh =
    /** @type {{ running: boolean, schedule: { cron: string, timezone: string, next_run: string | null } | null } | null} */ (
      history.refresh
    );
  const runs = /** @type {Run[]} */ (history.runs);
  const rejectGroups = /** @type {{ reason: string, count: number }[]} */ (rejects.groups);
  const issueGroups = /** @type {{ problem: string, action: string, count: number }[]} */ (
    issues.groups
  );
  replace(
    main,
    h("h1", {}, "Mises à jour des données"),
    h(
      "p",
      { class: "lead" },
      refresh?.running ? "Une mise à jour est en cours. " : "",
      refresh?.schedule
        ? `Les sources sont vérifiées automatiquement (planification « ${refresh.schedule.cron} », fuseau ${refresh.schedule.timezone}). Prochaine vérification : ${formatDateTime(refresh.schedule.next_run)}.`
        : "Les sources ne sont pas vérifiées automatiquement sur ce serveur.",
    ),
    h("h2", {}, "Historique"),
    runs.length > 0 ? runs.slice(0, 50).map(runRow) : h("p", {}, "Aucune mise à jour enregistrée."),
    h("h2", {}, "Enregistrements écartés par la dernière mise à jour"),
    h(
      "p",
      {},
      "Un enregistrement est écarté quand il ne peut pas être identifié ou n'est pas un marché. Il est conservé tel quel, avec la raison.",
    ),
    table(
      `${formatInteger(rejects.total)} enregistrement(s) écarté(s), par raison`,
      ["Raison", "Nombre", ""],
      rejectGroups.map((group) => {
        const target = h("div", { class: "reject-list" });
        const button = h(
          "button",
          { type: "button", onclick: () => void showRejects(target, group.reason) },
          "Voir les enregistrements",
        );
        return [group.reason, formatInteger(group.count), h("div", {}, button, target)];
      }),
    ),
    h("h2", {}, "Valeurs corrigées, vidées ou signalées"),
    table(
      `${formatInteger(issues.total)} valeur(s), par problème`,
      ["Problème", "Traitement", "Nombre"],
      issueGroups.map((group) => [
        group.problem,
        ACTIONS[group.action] ?? group.action,
        formatInteger(group.count),
      ]),
    ),
  );
}
