// Every page of the dashboard, with real ids from the test database, for the checks that apply
// to all of them (CSP, charts drawn, accessibility, width on a phone).
import type { Page } from "playwright-core";
import { queryFile, type TestServer } from "../../server/helpers/test-server.ts";

export interface DashboardPage {
  name: string;
  path: string;
}

/** The dashboard's pages; ids are the busiest buyer and supplier and one of the buyer's contracts. */
export async function everyPage(t: TestServer): Promise<DashboardPage[]> {
  const [buyer] = await queryFile(
    t.dbPath,
    "SELECT acheteur_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
  );
  const [supplier] = await queryFile(
    t.dbPath,
    "SELECT titulaire_id FROM contract_suppliers WHERE titulaire_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
  );
  const [contract] = await queryFile(
    t.dbPath,
    "SELECT uid FROM contracts WHERE acheteur_id = $1 ORDER BY uid LIMIT 1",
    [String(buyer?.acheteur_id)],
  );
  const siret = String(buyer?.acheteur_id);
  // A second buyer to compare with: the busiest of another SIRET.
  const [other] = await queryFile(
    t.dbPath,
    "SELECT acheteur_id FROM contracts WHERE acheteur_id <> $1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    [siret],
  );
  return [
    { name: "home", path: "/" },
    { name: "indicator", path: "/indicateur/single_offer_rate" },
    { name: "indicator-two-dimensions", path: "/indicateur/single_offer_rate?by=region,year" },
    { name: "buyer", path: `/acheteur/${siret}` },
    { name: "buyer-summary", path: `/acheteur/${siret}/synthese` },
    {
      name: "supplier",
      path: `/fournisseur/${encodeURIComponent(String(supplier?.titulaire_id))}`,
    },
    { name: "contract", path: `/marche/${encodeURIComponent(String(contract?.uid))}` },
    { name: "search", path: "/recherche?q=ville" },
    { name: "compare", path: `/comparer?acheteurs=${siret},${String(other?.acheteur_id)}` },
    { name: "compare-empty", path: "/comparer" },
    { name: "runs", path: "/mises-a-jour" },
    { name: "about", path: "/a-propos" },
    { name: "workshop", path: "/atelier" },
    { name: "workshop-from-catalogue", path: "/atelier?depuis=social_consideration_share" },
  ];
}

/**
 * For each chart on the page (a container vega-embed drew into, or was asked to), the number of
 * drawn marks: bars, lines, points, areas and map shapes.
 */
export function marksPerChart(page: Page): Promise<{ chart: string; marks: number }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("[data-chart]")].map((chart, i) => ({
      chart: `${chart.dataset.chart}#${i}`,
      marks: chart.querySelectorAll(
        "svg .mark-rect path, svg .mark-line path, svg .mark-symbol path, svg .mark-shape path, svg .mark-area path",
      ).length,
    })),
  );
}

/**
 * Has every chart of the page drawn, as printing does (the home and buyer cards otherwise draw
 * theirs as they come near the screen: client/src/charts/lazy.js), and waits until each is.
 */
export async function drawEveryChart(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLElement>("[data-chart]")].every(
        (chart) => chart.dataset.rendered === "true" || chart.querySelector(".error") !== null,
      ),
    null,
    { timeout: 30_000 },
  );
}
