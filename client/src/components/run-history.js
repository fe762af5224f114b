// The history of the runs as a table, newest first: one row per run (when, how it started, how it
// ended and why, how long), and under it the run's sources, shown on demand and always in print.
// A run record is what the ETL appended to <db>.runs.jsonl: an ETL report (`sources`), a refresh
// report (`fetches`: what was downloaded, with the HTTP status), or both merged.
import { h } from "../dom.js";
import { formatInteger, plural } from "../format.js";
import {
  RUN_STATUS,
  TRIGGERS,
  formatBytes,
  formatDateTime,
  formatDuration,
  formatMegabytes,
  runDuration,
} from "../runs-format.js";
import { encodingLabel } from "../quality-labels.js";
import { derivedKeysCell, runChecks } from "./run-checks.js";

/**
 * @typedef {{ source: string, format?: string, synthetic?: boolean, bytes?: number, sha256?: string,
 *   records_read?: number, loaded?: number, rejected?: number, duplicates?: number,
 *   field_issues?: number, http_status?: number, error?: string,
 *   derived_keys?: import("./run-checks.js").DerivedKeys, cases?: Record<string, number>,
 *   tabular?: Tabular }} SourceRow
 * @typedef {{ container: string, encoding: string, separator: string | null, rows_read: number,
 *   rows_used: number, rows_rejected: number }} Tabular
 * @typedef {{ name: string, bytes: number, sha256: string, http_status?: number }} FetchedFile
 * @typedef {{ id: string, status: string, error?: string, files: FetchedFile[] }} Fetch
 * @typedef {{ run_id?: string, status: string, trigger?: string, started_at?: string,
 *   finished_at?: string, duration_ms?: number, contracts?: number, concessions?: number,
 *   sources?: SourceRow[], fetches?: Fetch[], error?: { source?: string | null, message: string },
 *   coverage?: import("../types.js").CoverageRow[]
 * }} Run
 */

const HTTP = /** @type {Record<number, string>} */ ({ 200: "200", 304: "304 (non modifié)" });

/** The run's sources: the ETL's counts, with the download details of the refresh beside them.
 * @param {Run} run @returns {SourceRow[]} */
export function sourceRows(run) {
  const fetches = run.fetches ?? [];
  /** @type {Map<string, FetchedFile>} */
  const files = new Map(fetches.flatMap((f) => f.files.map((file) => [file.name, file])));
  const rows = run.sources
    ? run.sources.map((s) => ({ ...s, http_status: files.get(s.source)?.http_status }))
    : [...files.values()].map((file) => ({ source: file.name, ...file }));
  const failed = fetches
    .filter((f) => f.status === "failed")
    .map((f) => ({ source: f.id, error: f.error ?? "échec" }));
  return [...failed, ...rows];
}

/** Why a run ended as it did, in a sentence. @param {Run} run */
export function runOutcome(run) {
  const status = RUN_STATUS[run.status] ?? run.status;
  if (run.status === "failed") {
    const failed = (run.fetches ?? []).filter((f) => f.status === "failed");
    const reason = run.error?.message ?? failed.map((f) => `${f.id} : ${f.error}`).join(" ; ");
    return `${status} : ${reason || "raison inconnue"}`;
  }
  if (run.status === "unchanged") return `${status} : aucune source n'a changé`;
  if (typeof run.contracts === "number") {
    return `${status} : ${plural(run.contracts, "marché", "marchés")} et ${plural(run.concessions ?? 0, "concession", "concessions")}`;
  }
  return status;
}

const num = (/** @type {unknown} */ value) => h("td", { class: "num" }, formatInteger(value));

const SEPARATORS = /** @type {Record<string, string>} */ ({ "\t": "tabulation" });

/** A CSV or Parquet source: how it was read, and its rows (read = used + rejected).
 * @param {Tabular | undefined} t */
function tabularNote(t) {
  if (!t) return null;
  const separator =
    t.separator === null ? "" : `, séparateur « ${SEPARATORS[t.separator] ?? t.separator} »`;
  return h(
    "span",
    { class: "tabular-note" },
    h("br"),
    `${encodingLabel(t.encoding)}${separator} ; ${plural(t.rows_read, "ligne lue", "lignes lues")} = `,
    `${formatInteger(t.rows_used)} utilisée${t.rows_used > 1 ? "s" : ""} + `,
    `${formatInteger(t.rows_rejected)} rejetée${t.rows_rejected > 1 ? "s" : ""}`,
  );
}

/** @param {SourceRow} s */
function sourceRow(s) {
  const name = /^https?:\/\//.test(s.source)
    ? h("a", { href: s.source, rel: "noopener" }, s.source)
    : s.source;
  const head = h("th", { scope: "row", class: "source-name" }, name);
  if (s.error)
    return h("tr", { class: "failed" }, head, h("td", { colspan: 10 }, `échec : ${s.error}`));
  return h(
    "tr",
    {},
    head,
    h("td", {}, s.format ?? "—", s.synthetic ? " (données de test)" : "", tabularNote(s.tabular)),
    h("td", { class: "num", title: formatBytes(s.bytes) }, formatMegabytes(s.bytes)),
    h("td", {}, s.sha256 ? h("code", { title: s.sha256 }, `${s.sha256.slice(0, 12)}…`) : "—"),
    h("td", {}, s.http_status ? (HTTP[s.http_status] ?? String(s.http_status)) : "—"),
    num(s.records_read),
    num(s.loaded),
    num(s.rejected),
    num(s.duplicates),
    derivedKeysCell(s),
    num(s.field_issues),
  );
}

const SOURCE_HEADERS = [
  "Fichier ou adresse",
  "Format",
  "Taille",
  "SHA-256",
  "HTTP",
  "Lus",
  "Chargés",
  "Rejetés",
  "Doublons",
  "Clés dérivées",
  "Valeurs traitées",
];

/** @param {Run} run @param {SourceRow[]} rows */
function sourcesTable(run, rows) {
  return h(
    "div",
    { class: "table-scroll" },
    runChecks(rows),
    h(
      "table",
      { class: "data-table sources-table" },
      h(
        "caption",
        {},
        h("span", {}, `Sources de la mise à jour du ${formatDateTime(run.started_at)}`),
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          SOURCE_HEADERS.map((t) => h("th", { scope: "col" }, t)),
        ),
      ),
      h("tbody", {}, rows.map(sourceRow)),
    ),
  );
}

/** @param {Run} run @param {number} index */
function runRows(run, index) {
  const rows = sourceRows(run);
  const id = `run-sources-${index}`;
  const detail = h(
    "tr",
    { id, class: "run-sources", hidden: true },
    h("td", { colspan: 5 }, rows.length > 0 ? sourcesTable(run, rows) : "Aucune source lue."),
  );
  const label = rows.length === 1 ? "la source" : `les ${formatInteger(rows.length)} sources`;
  const toggle = h(
    "button",
    { type: "button", "aria-expanded": "false", "aria-controls": id },
    `Voir ${label}`,
  );
  toggle.addEventListener("click", () => {
    const open = detail.hidden;
    detail.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? `Masquer ${label}` : `Voir ${label}`;
  });
  const main = h(
    "tr",
    { class: `run run--${run.status}`, "data-testid": "run" },
    h("th", { scope: "row" }, formatDateTime(run.started_at ?? run.finished_at)),
    h("td", {}, TRIGGERS[run.trigger ?? "manual"] ?? run.trigger ?? "—"),
    h("td", { class: "run-outcome" }, runOutcome(run)),
    h("td", { class: "num" }, formatDuration(runDuration(run))),
    h("td", {}, rows.length > 0 ? toggle : "—"),
  );
  return [main, detail];
}

/** @param {Run[]} runs newest first @param {number} shown */
export function runHistory(runs, shown) {
  const kept = runs.slice(0, shown);
  return h(
    "div",
    { class: "table-scroll runs-history" },
    h(
      "table",
      { class: "data-table runs-table" },
      h(
        "caption",
        {},
        h(
          "span",
          {},
          runs.length > kept.length
            ? `Les ${kept.length} mises à jour les plus récentes (sur ${formatInteger(runs.length)})`
            : `${plural(runs.length, "mise à jour", "mises à jour")}, de la plus récente à la plus ancienne`,
        ),
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Début (heure de Paris)", "Déclenchement", "Résultat", "Durée", "Sources"].map((t) =>
            h("th", { scope: "col" }, t),
          ),
        ),
      ),
      h("tbody", {}, kept.flatMap(runRows)),
    ),
  );
}
