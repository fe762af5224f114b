// Words and numbers of the run history, in plain French.

const dateTime = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});

/** @param {unknown} value an ISO date-time */
export function formatDateTime(value) {
  if (typeof value !== "string" || value === "") return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
}

/** @type {Record<string, string>} */
export const RUN_STATUS = { ok: "réussie", unchanged: "inchangée", failed: "échouée" };

/** @type {Record<string, string>} */
export const TRIGGERS = { schedule: "planifiée", manual: "manuelle", api: "API" };

/** @type {Record<string, string>} */
export const ACTIONS = { repaired: "corrigée", nulled: "vidée", flagged: "signalée" };

/** @param {unknown} ms */
export function formatDuration(ms) {
  if (typeof ms !== "number") return "—";
  return ms < 1000
    ? `${ms} ms`
    : `${(ms / 1000).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} s`;
}

/** @param {unknown} bytes */
export function formatMegabytes(bytes) {
  if (typeof bytes !== "number") return "—";
  if (bytes < 1e6)
    return `${(bytes / 1e3).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} ko`;
  return `${(bytes / 1e6).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}
