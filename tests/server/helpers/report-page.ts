// The annual report's HTML page as the report tests read it: its text with French typography's
// no-break spaces made plain, the indicator blocks by their data-* attributes, and the buyers and
// years they look at.
import { queryFile, type TestServer } from "./test-server.ts";

export interface ReportCase {
  siret: string;
  year: number;
}

/** Buyer and year with most contracts, and with most contracts in the 2024 format. */
export async function reportCases(t: TestServer): Promise<ReportCase[]> {
  const rows = await queryFile(
    t.dbPath,
    `(SELECT acheteur_id, year(date_notification) AS y FROM contracts WHERE date_notification IS NOT NULL
       GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1)
     UNION ALL
     (SELECT acheteur_id, year(date_notification) FROM contracts
       WHERE decp_format <> 'v1' AND considerations_sociales IS NOT NULL
       GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1)`,
  );
  return rows.map((r) => ({ siret: String(r.acheteur_id), year: Number(r.y) }));
}

/**
 * A buyer with two contracts in its only year of the 2024 format (Ensuès-la-Redonne's 2024 in the
 * samples): every figure of its report rests on too few contracts.
 */
export async function smallBuyerCase(t: TestServer): Promise<ReportCase> {
  const [small] = await queryFile(
    t.dbPath,
    `SELECT acheteur_id, year(date_notification) AS y FROM contracts
      WHERE acheteur_id IN (SELECT acheteur_id FROM contracts GROUP BY 1 HAVING count(*) = 2)
        AND decp_format <> 'v1' AND date_notification IS NOT NULL
      GROUP BY ALL HAVING count(*) = 2 ORDER BY 1, 2 LIMIT 1`,
  );
  return { siret: String(small?.acheteur_id), year: Number(small?.y) };
}

/**
 * The page with the no-break spaces of French typography (report/french-spacing.ts: before
 * « : ; ! ? » », after «) as plain spaces, as the sentences compared here are written.
 */
export const plain = (page: string) =>
  page.replace(/\u00a0(?=[»:;!?])/g, " ").replace(/«\u00a0/g, "« ");
/** The report page at `path`, its no-break spaces plain. */
export const pageText = async (t: TestServer, path: string) =>
  plain(await (await t.get(path)).text());

export interface Shown {
  id: string;
  value: string;
  n: string;
  scope: string;
  coverage: string | undefined;
  text: string | undefined;
}

/** The indicator blocks and rows of the page, by their data-* attributes. */
export function shownIndicators(page: string): Shown[] {
  const blocks = page.split(/(?=<(?:article|tr)\b)/).filter((b) => /data-indicator="/.test(b));
  return blocks.map((b) => {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(b)?.[1];
    return {
      id: attr("data-indicator") ?? "",
      value: attr("data-value") ?? "",
      n: attr("data-n") ?? "",
      scope: attr("data-n-scope") ?? "",
      coverage: attr("data-coverage"),
      text: /<dd class="value">\s*([^<]*?)\s*<\/dd>/.exec(b)?.[1],
    };
  });
}

export const visibleText = (page: string) =>
  page
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<[^>]+>/g, " ");
