// Words and numbers of the run history, in plain French, times in Europe/Paris whatever the
// reader's own time zone (the schedule is stated in Paris time).
import { formatInteger } from "./format.js";
import { parisDay } from "./shared/paris-day.js";

// An instant in Paris time, as the spreadsheets' metadata say it too.
export { formatDateTime } from "./shared/paris-time.js";

/** @type {Record<string, string>} */
export const RUN_STATUS = { ok: "réussie", unchanged: "inchangée", failed: "échouée" };

/** @type {Record<string, string>} */
export const TRIGGERS = {
  schedule: "planifiée",
  manual: "manuelle",
  api: "API",
  upgrade: "nouvelle version de l'observatoire",
};

/** @param {unknown} ms */
export function formatDuration(ms) {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
}

/**
 * How long a run took: the ETL reports it; a refresh that built nothing has only its times.
 * @param {{ duration_ms?: number, started_at?: string, finished_at?: string }} run
 */
export function runDuration(run) {
  if (typeof run.duration_ms === "number") return run.duration_ms;
  const ms = Date.parse(run.finished_at ?? "") - Date.parse(run.started_at ?? "");
  return Number.isFinite(ms) ? ms : undefined;
}

/** Sizes in megabytes (Mo), as download pages state them. @param {unknown} bytes */
export function formatMegabytes(bytes) {
  if (typeof bytes !== "number") return "—";
  if (bytes < 10_000) return "< 0,01 Mo";
  const digits = bytes < 100e6 ? 2 : 0;
  return `${(bytes / 1e6).toLocaleString("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: digits })} Mo`;
}

/** @param {unknown} bytes */
export const formatBytes = (bytes) => `${formatInteger(bytes)} octets`;

const DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/**
 * The common cron expressions in words ("tous les jours à 6 h 00"); null for the others, which
 * the page then shows as they are.
 * @param {string} cron
 */
export function describeCron(cron) {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-7]|1-5)$/.exec(cron.trim());
  if (!match) return null;
  const [, minute, hour, day] = /** @type {string[]} */ (match);
  const at = `à ${Number(hour)} h ${minute.padStart(2, "0")}`;
  if (day === "*") return `tous les jours ${at}`;
  if (day === "1-5") return `du lundi au vendredi ${at}`;
  return `chaque ${DAYS[Number(day)]} ${at}`;
}

/**
 * Days between a date and now, in words: « aujourd'hui », « il y a 1 jour », « il y a 3 jours ».
 * Calendar days in Paris, as the date written beside it: data loaded at 23:00 are « il y a 1
 * jour » at 08:00 the next morning, not « aujourd'hui » because 24 hours have not passed.
 * @param {string | null | undefined} iso
 * @param {Date} [now]
 */
export function daysAgo(iso, now = new Date()) {
  const then = parisDay(iso ?? "");
  const today = parisDay(now.toISOString());
  if (then === null || today === null) return "";
  const days = Math.round((Date.parse(today) - Date.parse(then)) / 86_400_000);
  if (days <= 0) return "aujourd'hui";
  return days === 1 ? "il y a 1 jour" : `il y a ${formatInteger(days)} jours`;
}
