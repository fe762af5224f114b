// Calls to the observatory's JSON API. A failed call becomes an ApiError with a French message
// the page can show; the catalogue, filter choices and health are fetched once per page load.
// Every call goes through fetchApi: a few at a time, and again when the server was too busy.
import { fetchApi } from "./api-fetch.js";

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {string} [param]  the request parameter the server names as wrong
   */
  constructor(status, message, param) {
    super(message);
    this.status = status;
    this.param = param;
  }
}

/** @type {Map<string, Promise<unknown>>} */
const cache = new Map();

/**
 * The answer's type is the caller's to name, from types.js (the server's own types).
 * @template T
 * @param {string} path  e.g. "/api/indicators/contracts_count"
 * @param {URLSearchParams} [params]
 * @returns {Promise<T>}
 */
export async function getJson(path, params) {
  const query = params && params.toString() ? `?${params}` : "";
  let response;
  try {
    response = await fetchApi(`${path}${query}`, { headers: { Accept: "application/json" } });
  } catch {
    throw new ApiError(0, "Le serveur ne répond pas. Vérifiez votre connexion et réessayez.");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error;
    throw new ApiError(
      response.status,
      error && typeof error.message === "string" ? error.message : `erreur ${response.status}`,
      error ? error.param : undefined,
    );
  }
  return body;
}

/**
 * A request whose answer does not change while the page is open.
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
export function getOnce(path) {
  let promise = cache.get(path);
  if (!promise) {
    promise = getJson(path);
    cache.set(path, promise);
    promise.catch(() => cache.delete(path));
  }
  return /** @type {Promise<T>} */ (promise);
}

/** @returns {Promise<import("./types.js").Catalogue>} */
export const getCatalogue = () => getOnce("/api/indicators");
/** @returns {Promise<import("./types.js").FilterChoices>} */
export const getFilterChoices = () => getOnce("/api/filters");
/** @returns {Promise<import("./types.js").Health>} */
export const getHealth = () => getOnce("/api/health");
/** @returns {Promise<import("./data-sources.js").DataSources>} */
export const getDataSources = () => getOnce("/api/data-sources");

/**
 * @param {string} id
 * @param {URLSearchParams} params
 * @returns {Promise<import("./types.js").IndicatorResult>}
 */
export function getIndicator(id, params) {
  return getJson(`/api/indicators/${encodeURIComponent(id)}`, params);
}

/**
 * The address of an export of the same request.
 * @param {string} id
 * @param {URLSearchParams} params
 * @param {string} format  csv_excel | csv | xlsx | parquet
 */
export function exportUrl(id, params, format) {
  const query = new URLSearchParams(params);
  query.set("format", format);
  return `/api/indicators/${encodeURIComponent(id)}/export?${query}`;
}

/**
 * Runs tasks with at most `limit` at a time (the home page asks for many indicators).
 * @template T
 * @param {(() => Promise<T>)[]} tasks
 * @param {number} limit
 * @returns {Promise<PromiseSettledResult<T>[]>}
 */
export async function runLimited(tasks, limit) {
  /** @type {PromiseSettledResult<T>[]} */
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      const task = /** @type {() => Promise<T>} */ (tasks[index]);
      try {
        results[index] = { status: "fulfilled", value: await task() };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * A workshop computation: the answer, or the problems the server names (400: in French, each at
 * its path). Never throws for a refused definition: the page shows it next to its field.
 * @param {"preview" | "validate"} action
 * @param {unknown} body  {definition, request, sql}
 * @returns {Promise<{ ok: true, body: unknown } | { ok: false, status: number, issues: { code: string, message: string, param?: string }[] }>}
 */
export async function postWorkshop(action, body) {
  let response;
  try {
    response = await fetchApi(`/api/workshop/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "Le serveur ne répond pas. Vérifiez votre connexion et réessayez.");
  }
  const answer = await response.json().catch(() => null);
  if (response.ok) return { ok: true, body: answer };
  const error = answer && answer.error;
  const issues =
    Array.isArray(error?.issues) && error.issues.length > 0
      ? error.issues
      : [{ code: "error", message: `erreur ${response.status}` }];
  return { ok: false, status: response.status, issues };
}
