// The buyer's page at national scale: what client/src/views/buyer.js asks for, on the real server
// (serve.ts) with its answer cache off, for three buyers of the snapshot: the busiest, the one at
// the 90th percentile of contracts and the median one. Each request is timed alone (what it costs
// the server), then the whole page is fetched as the page fetches it (through the client's own
// fetchApi: at most four calls at once), and, where Chromium is installed, the real page is timed
// until it is ready.
import { fileURLToPath } from "node:url";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { loadCatalogue } from "../../indicators/index.ts";
import type { Catalogue } from "../../server/api-types.ts";
import { homePageRequests } from "../../server/warm-cache.ts";
import { start } from "./child.ts";
import { browserLoad } from "./home-page.ts";

const SERVE = fileURLToPath(new URL("serve.ts", import.meta.url));

/** The client's fetchApi, a plain browser module that runs in Node as it is. */
const { fetchApi } = (await import(
  new URL("../../client/src/api-fetch.js", import.meta.url).href
)) as { fetchApi: (url: string, init?: RequestInit) => Promise<Response> };

export interface BuyerPageRequest {
  part: string;
  ms: number;
}

export interface BuyerPageFigures {
  label: string;
  siret: string;
  contracts: number;
  requests: BuyerPageRequest[];
  /** The page's requests, fetched as the page fetches them. */
  page_seconds: number;
  /** Until <main data-ready> in Chromium; null without it. */
  chromium_seconds: number | null;
  errors: number;
}

interface PagePlan {
  /** Requests made together, one group after the other (the cards: three at a time). */
  first: [string, string][];
  sections: [string, string][];
  cards: [string, string][][];
}

/** What each card asks for (its figure, its yearly trend if it has one), as on the home page. */
const CARD_REQUESTS = homePageRequests(loadCatalogue());

/**
 * The buyer's page requests in the page's order (views/buyer.js); each card's, those of the same
 * card on the home page (server/warm-cache.ts), filtered on the buyer where the indicator allows.
 */
function planOf(siret: string, catalogue: Catalogue): PagePlan {
  const buyer = `/api/buyers/${siret}`;
  const cards = catalogue.pages.buyer.map((id) => {
    const ind = catalogue.indicators.find((i) => i.id === id);
    const filter: Record<string, string> = ind?.filters.some((f) => f.id === "acheteur_id")
      ? { acheteur_id: siret }
      : {};
    return CARD_REQUESTS.filter((r) => r.id === id).map(({ query }): [string, string] => {
      const search = new URLSearchParams({ ...(query as Record<string, string>), ...filter });
      return [`carte ${id}`, `/api/indicators/${id}?${search}`];
    });
  });
  return {
    first: [
      ["résumé de l'acheteur", buyer],
      ["catalogue", "/api/indicators"],
    ],
    sections: [
      ["Mon SPASER", `${buyer}/spaser`],
      ["ses pairs", `${buyer}/peers`],
      ["ses 50 derniers marchés", `${buyer}/contracts?offset=0&limit=50`],
      ["qualité de publication", `${buyer}/quality`],
    ],
    cards,
  };
}

/** The busiest buyer, the one at the 90th percentile of contracts, and the median one. */
async function chosenBuyers(
  dbPath: string,
): Promise<{ label: string; siret: string; n: number }[]> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    const rows = await queryRows(
      db.connection,
      `WITH counted AS (
         SELECT acheteur_id, count(*) AS n FROM contracts
          WHERE regexp_full_match(acheteur_id, '[0-9]{14}') GROUP BY 1
       ), ranked AS (
         SELECT acheteur_id, n, row_number() OVER (ORDER BY n, acheteur_id) AS r,
                count(*) OVER () AS total
           FROM counted
       )
       SELECT acheteur_id, n FROM ranked
        WHERE r IN (total, greatest(1, floor(total * 0.9)), greatest(1, floor(total * 0.5)))
        ORDER BY r DESC`,
    );
    const labels = ["le plus actif", "90e centile", "médian"];
    return rows.map((row, i) => ({
      label: labels[i] ?? "",
      siret: String(row.acheteur_id),
      n: Number(row.n),
    }));
  } finally {
    db.close();
  }
}

async function timed(base: string, path: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const response = await fetch(base + path);
  await response.arrayBuffer();
  return { ms: performance.now() - started, ok: response.ok };
}

/** The page's requests as the page makes them: groups in turn, three cards at a time. */
async function fetchLikeThePage(base: string, plan: PagePlan): Promise<number> {
  let errors = 0;
  const get = async ([, path]: [string, string]) => {
    const response = await fetchApi(base + path);
    await response.arrayBuffer();
    if (!response.ok) errors++;
  };
  await Promise.all(plan.first.map(get));
  await Promise.all(plan.sections.map(get));
  let next = 0;
  const worker = async () => {
    while (next < plan.cards.length) await Promise.all((plan.cards[next++] ?? []).map(get));
  };
  await Promise.all([1, 2, 3].map(worker));
  return errors;
}

export async function measureBuyerPage(
  dbPath: string,
  say: (line: string) => void,
  options: { chromium: boolean } = { chromium: true },
): Promise<BuyerPageFigures[]> {
  const buyers = await chosenBuyers(dbPath);
  const server = await start([SERVE, dbPath, "0"]);
  const base = server.firstLine.split(" ")[0] ?? "";
  try {
    const catalogue = (await (await fetch(`${base}/api/indicators`)).json()) as Catalogue;
    // One page first, unmeasured: the snapshot's first reads from disk are not a reader's wait.
    await fetchLikeThePage(base, planOf(buyers[buyers.length - 1]?.siret ?? "", catalogue));
    const figures: BuyerPageFigures[] = [];
    for (const { label, siret, n } of buyers) {
      const plan = planOf(siret, catalogue);
      const requests: BuyerPageRequest[] = [];
      let errors = 0;
      for (const [part, path] of [...plan.first, ...plan.sections, ...plan.cards.flat()]) {
        const { ms, ok } = await timed(base, path);
        if (!ok) errors++;
        requests.push({ part, ms: Math.round(ms) });
      }
      const started = performance.now();
      errors += await fetchLikeThePage(base, plan);
      const pageSeconds = (performance.now() - started) / 1000;
      const browser = options.chromium ? await browserLoad(base, `/acheteur/${siret}`) : null;
      say(`buyer page, ${label} (${n} contracts): ${pageSeconds.toFixed(2)} s`);
      figures.push({
        label,
        siret,
        contracts: n,
        requests,
        page_seconds: Math.round(pageSeconds * 100) / 100,
        chromium_seconds: browser ? Math.round(browser.seconds * 100) / 100 : null,
        errors: errors + (browser?.errors.length ?? 0),
      });
    }
    return figures;
  } finally {
    await server.stop();
  }
}
