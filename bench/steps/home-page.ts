// The dashboard's home page at national scale: the API requests it makes (client/: main.js,
// views/home.js, freshness.js, components/filter-bar.js and card.js), fetched the way the page
// fetches them, and, where Chromium is installed, the real page until every card is drawn.
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { chromium } from "playwright-core";
import type { Catalogue } from "../../indicators/index.ts";
import { CHROMIUM_ARGS, chromiumPath } from "../../server/report/pdf.ts";
import { homePageRequests } from "../../server/warm-cache.ts";

const CHROMIUM = chromiumPath();

/** The browser the page timings were measured in, as the results name it (e.g. chromium-headless-shell). */
export const BROWSER_NAME = basename(CHROMIUM);

/** The page's own requests, then each card's (server/warm-cache.ts: headline, yearly trend). */
export function homeRequests(catalogue: Catalogue): { first: string[]; cards: string[][] } {
  const cards = new Map<string, string[]>();
  for (const { id, query } of homePageRequests(catalogue)) {
    const search = new URLSearchParams(query as Record<string, string>).toString();
    const path = `/api/indicators/${id}${search ? `?${search}` : ""}`;
    cards.set(id, [...(cards.get(id) ?? []), path]);
  }
  return {
    first: ["/api/health", "/api/indicators", "/api/filters", "/api/runs"],
    cards: [...cards.values()],
  };
}

export interface HomeLoad {
  seconds: number;
  requests: number;
  mb: number;
  errors: number;
  slowest: { path: string; ms: number }[];
}

/** The HTML, the page's first requests together, then the cards four at a time (runLimited). */
export async function fetchLikeThePage(base: string, catalogue: Catalogue): Promise<HomeLoad> {
  const { first, cards } = homeRequests(catalogue);
  const timings: { path: string; ms: number }[] = [];
  let bytes = 0;
  let errors = 0;
  const get = async (path: string) => {
    const started = performance.now();
    const response = await fetch(base + path).catch(() => null);
    const body = response ? await response.arrayBuffer().catch(() => null) : null;
    if (!response?.ok || !body) errors++;
    bytes += body?.byteLength ?? 0;
    timings.push({ path, ms: Math.round(performance.now() - started) });
  };
  const started = performance.now();
  await get("/");
  await Promise.all(first.map(get));
  let next = 0;
  const worker = async () => {
    while (next < cards.length) for (const path of cards[next++]) await get(path);
  };
  await Promise.all([1, 2, 3, 4].map(worker));
  return {
    seconds: (performance.now() - started) / 1000,
    requests: timings.length,
    mb: Math.round(bytes / 1e5) / 10,
    errors,
    slowest: timings.sort((a, b) => b.ms - a.ms).slice(0, 3),
  };
}

/**
 * Seconds from navigation to `path` (the home page by default) until the page is ready
 * (<main data-ready>: every card near the screen drawn), or null without Chromium.
 */
export async function browserLoad(
  base: string,
  path = "/",
): Promise<{ seconds: number; errors: string[] } | null> {
  if (!existsSync(CHROMIUM)) return null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const started = performance.now();
    await page.goto(base + path);
    await page.waitForFunction(
      () => document.querySelector("main")?.dataset.ready === "true",
      null,
      {
        timeout: 600_000,
      },
    );
    return { seconds: (performance.now() - started) / 1000, errors };
  } finally {
    await browser.close();
  }
}
