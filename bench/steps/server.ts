// Server figures on loopback: the real server started in a child process (serve.ts), loaded with
// autocannon on one indicator request and on the home page's set of requests, and the home page's
// load time; once with its answer cache off (every request computed), once as shipped.
import autocannon from "autocannon";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../../indicators/index.ts";
import { start } from "./child.ts";
import { browserLoad, fetchLikeThePage, homeRequests, type HomeLoad } from "./home-page.ts";

const SERVE = fileURLToPath(new URL("serve.ts", import.meta.url));
/** A typical card request: one indicator's yearly trend. */
export const INDICATOR_PATH = "/api/indicators/single_offer_rate?by=year";

export interface Load {
  target: string;
  connections: number;
  requests_per_second: number;
  requests: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
}

export interface ServerFigures {
  mode: "cache off" | "as shipped (answer cache)";
  /** Seconds from start until the home page's answers were computed ahead (cache on). */
  warm_seconds: number | null;
  load: Load[];
  home_fetch: HomeLoad;
  home_fetch_again?: HomeLoad;
  home_browser: { seconds: number; errors: string[] } | null;
  peak_rss_mb: number | null;
}

async function load(base: string, target: string, paths: string[], seconds: number) {
  const connections = paths.length > 1 ? 4 : 10; // the page itself asks four at a time
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 120,
    requests: paths.map((path) => ({ method: "GET", path })),
  });
  return {
    target,
    connections,
    requests_per_second: result.requests.total / result.duration,
    requests: result.requests.total,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export async function measureServer(
  dbPath: string,
  seconds: number,
  cached: boolean,
  say: (line: string) => void,
): Promise<ServerFigures> {
  const server = await start([SERVE, dbPath, ...(cached ? [] : ["0"])]);
  const [base, warm] = server.firstLine.trim().split(" ");
  try {
    const catalogue = loadCatalogue();
    const { first, cards } = homeRequests(catalogue);
    const homeSet = [...first, ...cards.flat()];
    say(`  home page, fetched as the page does (${homeSet.length} API requests)…`);
    const homeFetch = await fetchLikeThePage(base, catalogue);
    // Without the cache, a second load shows what the database's own caches bring.
    const again = cached ? undefined : await fetchLikeThePage(base, catalogue);
    say(`  home page in Chromium…`);
    const browser = await browserLoad(base).catch((error: Error) => ({
      seconds: NaN,
      errors: [error.message],
    }));
    say(`  autocannon ${INDICATOR_PATH} for ${seconds} s…`);
    const loads = [await load(base, `GET ${INDICATOR_PATH}`, [INDICATOR_PATH], seconds)];
    say(`  autocannon on the home page's set for ${seconds} s…`);
    loads.push(await load(base, `home page set (${homeSet.length} requests)`, homeSet, seconds));
    return {
      mode: cached ? "as shipped (answer cache)" : "cache off",
      warm_seconds: cached ? Number(warm) : null,
      load: loads,
      home_fetch: homeFetch,
      ...(again ? { home_fetch_again: again } : {}),
      home_browser: browser,
      peak_rss_mb: server.peakRssMb(),
    };
  } finally {
    await server.stop();
  }
}
