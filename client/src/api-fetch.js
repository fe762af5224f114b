// Every call of the page to the API, made politely. The server computes at most a few answers at
// once and queues a few more for everyone (server/admission.ts); beyond that it refuses at once
// with 503 `server_busy` and a Retry-After. A page alone could fill that queue (the comparison of
// five buyers asks for a dozen answers), and three readers opening pages together would see
// errors where a wait of a few seconds was enough. So a page has at most MAX_IN_FLIGHT calls
// under way, and a call the server refused for a full queue is made again after the delay it
// asked for, until it has waited BUSY_WAIT_MS in all; then the page shows the refusal.

/** Calls of this page under way at once; the others wait their turn here. */
export const MAX_IN_FLIGHT = 4;
/** How long a call refused for a full queue may wait in all, in delays the server asked for. */
export const BUSY_WAIT_MS = 30_000;

let inFlight = 0;
/** @type {(() => void)[]} */
const waiting = [];

/** Resolves once this call may go; `release` lets the next one go. */
function acquire() {
  if (inFlight < MAX_IN_FLIGHT) {
    inFlight++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(() => resolve(undefined)));
}

function release() {
  const next = waiting.shift();
  if (next) next();
  else inFlight--;
}

/**
 * Whether the server refused for a full queue: worth trying again. A call that waited too long in
 * the queue, or ran out of time, is not (it would only load the server again).
 * @param {Response} response
 */
async function refusedForFullQueue(response) {
  if (response.status !== 503) return false;
  const body = await response
    .clone()
    .json()
    .catch(() => null);
  const error = body && body.error;
  return Boolean(
    error &&
    error.code === "server_busy" &&
    typeof error.limit?.name === "string" &&
    error.limit.name.endsWith("_queue"),
  );
}

/**
 * The wait the server asked for (Retry-After, in seconds), a little more so that the pages that
 * were refused together do not all come back at the same instant.
 * @param {Response} response
 */
function retryDelayMs(response) {
  const asked = Number(response.headers.get("Retry-After"));
  const seconds = Number.isFinite(asked) && asked >= 0 ? asked : 5;
  return Math.min(BUSY_WAIT_MS, seconds * 1000 + Math.random() * 500);
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `fetch`, one of at most MAX_IN_FLIGHT calls of the page at a time, tried again after the
 * server's delay while it refuses for a full queue and BUSY_WAIT_MS are not spent (the last
 * refusal is then returned as it came). Network failures are thrown, as by fetch.
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<Response>}
 */
export async function fetchApi(url, init) {
  let waited = 0;
  for (;;) {
    await acquire();
    let response;
    try {
      response = await fetch(url, init);
    } finally {
      release();
    }
    if (!(await refusedForFullQueue(response))) return response;
    const delay = retryDelayMs(response);
    if (waited + delay > BUSY_WAIT_MS) return response;
    waited += delay;
    await sleep(delay);
  }
}
