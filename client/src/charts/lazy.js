// Charts drawn when they come near the screen, not all at once. The home page has a small chart
// per indicator (36): drawing them together costs a laptop about two seconds of work and a phone
// several, for charts most readers never scroll to. A chart waiting here has its numbers in the
// table beside it already; printing draws every chart still waiting.

/** How far ahead of the screen a chart starts drawing: one screen's height, above and below. */
const AHEAD = "100% 0px";

/** Charts waiting to come near the screen, and how to draw each. @type {Map<Element, () => Promise<unknown>>} */
const waiting = new Map();
/** Charts registered whose first position report has not come yet. @type {Set<Element>} */
const unplaced = new Set();
/** Draws under way. @type {Set<Promise<unknown>>} */
const drawing = new Set();
/** Called when the last unplaced chart is placed. @type {(() => void)[]} */
let onPlaced = [];

/** @type {IntersectionObserver | null} */
let observer = null;

/** @param {Element} element */
function start(element) {
  const draw = waiting.get(element);
  waiting.delete(element);
  observer?.unobserve(element);
  if (!draw || !element.isConnected) return;
  const run = draw().finally(() => drawing.delete(run));
  drawing.add(run);
}

/** @param {IntersectionObserverEntry[]} entries */
function placed(entries) {
  for (const entry of entries) {
    unplaced.delete(entry.target);
    if (entry.isIntersecting) start(entry.target);
  }
  settleIfPlaced();
}

/** Calls those waiting for every chart to be placed, once none is left to place. */
function settleIfPlaced() {
  if (unplaced.size > 0) return;
  const callbacks = onPlaced;
  onPlaced = [];
  callbacks.forEach((callback) => callback());
}

/**
 * Draws a chart once it is within a screen of the visible part of the page. `draw` handles its
 * own errors (the chart's box says what went wrong).
 * @param {Element} element
 * @param {() => Promise<unknown>} draw
 */
export function drawWhenNear(element, draw) {
  observer ??= new IntersectionObserver(placed, { rootMargin: AHEAD });
  waiting.set(element, draw);
  unplaced.add(element);
  observer.observe(element);
}

/**
 * Resolves once every chart registered so far knows where it stands and those near the screen
 * are drawn: what the page shows first is complete (the page is then marked ready).
 * @returns {Promise<void>}
 */
export async function nearChartsDrawn() {
  // A chart removed from the page before its first report never gets one.
  forgetWhere((element) => !element.isConnected);
  if (unplaced.size > 0) await new Promise((resolve) => onPlaced.push(() => resolve(undefined)));
  while (drawing.size > 0) await Promise.allSettled([...drawing]);
}

/**
 * Forgets the charts waiting inside an element whose content is replaced (all of them without one).
 * @param {Element} [root]
 */
export function forgetWaiting(root) {
  forgetWhere((element) => !root || root.contains(element));
}

/**
 * Forgets the waiting charts `which` picks, and lets those waiting for every chart to be placed
 * go on if none is left to place.
 * @param {(element: Element) => boolean} which
 */
function forgetWhere(which) {
  for (const element of [...waiting.keys()]) {
    if (!which(element)) continue;
    waiting.delete(element);
    unplaced.delete(element);
    observer?.unobserve(element);
  }
  settleIfPlaced();
}

/** Starts drawing every chart still waiting (before printing: paper has no scroll). */
export function drawAllWaiting() {
  for (const element of [...waiting.keys()]) start(element);
}

globalThis.addEventListener?.("beforeprint", drawAllWaiting);
