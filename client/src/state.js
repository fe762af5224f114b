// The dashboard's state lives in the page address, so any view can be shared as a link:
// filters, the breakdown chosen on an indicator page (`by`, one or two dimensions), and the data
// snapshot it was made with.

/** Filter keys in the address, in the order of the filter bar. */
export const FILTER_KEYS = [
  "year_from",
  "year_to",
  "region",
  "departement",
  "acheteur_id",
  "cpv_division",
  "procedure",
  "nature",
  "amount_band",
];

/** @typedef {Record<string, string>} Filters */

let snapshotId = "";

/** @param {string} id the snapshot served (from /api/health) */
export function setSnapshot(id) {
  snapshotId = id;
}

/**
 * An address of the dashboard with the snapshot id in it.
 * @param {string} url  path and query
 */
export function withSnapshot(url) {
  if (!snapshotId) return url;
  const parsed = new URL(url, location.origin);
  if (!parsed.searchParams.has("snapshot")) parsed.searchParams.set("snapshot", snapshotId);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * @param {URLSearchParams} [params]
 * @returns {Filters}
 */
export function readFilters(params = new URLSearchParams(location.search)) {
  /** @type {Filters} */
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/**
 * Changes some keys of the address (empty value = removed) and records a history entry.
 * @param {Record<string, string | null | undefined>} changes
 * @param {{ replace?: boolean }} [options]
 */
export function updateAddress(changes, options = {}) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  const url = withSnapshot(`${location.pathname}${query ? `?${query}` : ""}`);
  if (options.replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
}

/**
 * The query string of the same page address with filters (to link between pages).
 * @param {Filters} filters
 * @param {Record<string, string>} [extra]
 */
export function filterQuery(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value) params.set(key, value);
  }
  const snapshot = new URLSearchParams(location.search).get("snapshot") || snapshotId;
  if (snapshot) params.set("snapshot", snapshot);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * The API request of an indicator under the filters. Filters the indicator does not accept are
 * left out and returned, so the page can say they do not apply.
 * @param {{ filters: { id: string }[] }} indicator
 * @param {Filters} filters
 * @param {string[]} [by]
 * @returns {{ params: URLSearchParams, ignored: string[] }}
 */
export function indicatorParams(indicator, filters, by = []) {
  const allowed = new Set(indicator.filters.map((f) => f.id));
  const params = new URLSearchParams();
  /** @type {string[]} */
  const ignored = [];
  if (by.length > 0) params.set("by", by.join(","));
  for (const [key, value] of Object.entries(filters)) {
    if (key === "year_from" || key === "year_to") {
      if (!allowed.has("year")) ignored.push(key);
      else params.append("filter", `year${key === "year_from" ? ">=" : "<="}${value}`);
    } else if (allowed.has(key)) {
      params.set(key, value);
    } else {
      ignored.push(key);
    }
  }
  return { params, ignored };
}
