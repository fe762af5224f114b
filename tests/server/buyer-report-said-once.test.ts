// The annual report says each thing once in an indicator's block, on the real server: a small
// buyer's block said « trop peu de marchés pour conclure » three times (status, « À lire avec
// prudence », the evolution not drawn), and a block with no contract concerned this year said
// « sans objet » three times (its basis and a row of its table for each year without any), while
// every figure shown keeps its N and coverage, and the years left out are named once.
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listed } from "../../client/src/shared/french-words.js";
import type { IndicatorResult } from "../../server/api-types.ts";
import { pageText, smallBuyerCase, visibleText } from "./helpers/report-page.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());

/** The page's indicator blocks: id, status and the words a reader sees. */
async function blocks(siret: string, year: number) {
  const page = await pageText(t, `/api/buyers/${siret}/report?year=${year}`);
  return page
    .split(/(?=<article\b)/)
    .filter((a) => a.startsWith("<article"))
    .map((a) => {
      const article = a.slice(0, a.indexOf("</article>"));
      return {
        id: /data-indicator="([^"]+)"/.exec(article)?.[1] ?? "",
        status: /data-status="([^"]+)"/.exec(article)?.[1] ?? "",
        html: article,
        text: visibleText(article).replaceAll("&#39;", "'").replace(/\s+/g, " "),
      };
    });
}

const times = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe("GET /api/buyers/:siret/report: each thing said once in a block", () => {
  it("says « trop peu de marchés pour conclure » once, as the block's status, in the HTML and the DOCX", async () => {
    // A buyer with two contracts in its only year (Ensuès-la-Redonne's 2024 in the samples).
    const { siret, year } = await smallBuyerCase(t);
    const found = await blocks(siret, year);
    const tooFew = found.filter((b) => b.status === "too_few");
    expect(tooFew.length).toBeGreaterThan(2);
    for (const b of found) {
      const said = times(b.text, /trop peu (de marchés )?pour conclure/g);
      expect(said, `${b.id}: ${b.text}`).toBe(b.status === "too_few" ? 1 : Math.min(said, 1));
      // The evolution not drawn still says why, without the status's words.
      if (b.status === "too_few" && !b.html.includes('class="chart"')) {
        expect(b.text).toContain("Une seule année avec une valeur : pas d'évolution à tracer.");
      }
    }
    // The Word file says it once per such block, and once in its summary.
    const docx = await t.get(`/api/buyers/${siret}/report?year=${year}&format=docx`);
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const words = strFromU8(files["word/document.xml"] ?? new Uint8Array())
      .replace(/<[^>]+>/g, "")
      .replace(/\s+/g, " ");
    expect(times(words, /trop peu de marchés pour conclure/g)).toBe(tooFew.length + 1);
    expect(words).toMatch(/reposent sur trop peu de marchés pour conclure/);
  });

  it("says « sans objet » once in a block with no contract concerned this year, and lists only the years with a figure, each with its N and coverage", async () => {
    // A buyer and year where an indicator has no contract concerned, a value an earlier year,
    // and another earlier year without any contract concerned either.
    const api = await t.json<IndicatorResult>(
      "/api/indicators/sme_advance_share?by=acheteur_id&grain=year",
    );
    const byBuyer = new Map<string, IndicatorResult["rows"]>();
    for (const r of api.rows) {
      const id = String(r.acheteur_id);
      byBuyer.set(id, [...(byBuyer.get(id) ?? []), r]);
    }
    const chosen = [...byBuyer.values()]
      .flatMap((rows) =>
        rows
          .filter((r) => r.n_scope === 0)
          .map((r) => ({ row: r, earlier: rows.filter((e) => Number(e.year) < Number(r.year)) })),
      )
      .find(
        ({ earlier }) =>
          earlier.filter((e) => e.n_scope > 0 && typeof e.value === "number").length >= 2 &&
          earlier.some((e) => e.n_scope === 0),
      );
    expect(chosen).toBeDefined();
    const siret = String(chosen?.row.acheteur_id);
    const year = Number(chosen?.row.year);
    const block = (await blocks(siret, year)).find((b) => b.id === "sme_advance_share");
    expect(block?.status).toBe("no_contract");
    const text = block?.text ?? "";
    expect(times(text, /sans objet/g), text).toBe(1);
    // Once for this year (its status), once for the earlier years without any (under the table).
    expect(times(text, /marchés? concernés?/g), text).toBe(2);
    expect(text).toContain("N = 0 marché ; couverture sans objet");
    // The table of years: every year with contracts concerned, with the API's N and coverage.
    const table = /<table class="trend">([\s\S]*?)<\/table>/.exec(block?.html ?? "")?.[1] ?? "";
    const rows = [...table.matchAll(/<tr>\s*<td>(\d{4})<\/td>[\s\S]*?<\/tr>/g)].map((m) =>
      [...m[0].matchAll(/<td>\s*([\s\S]*?)\s*<\/td>/g)].map((c) => (c[1] ?? "").replace(/\s/g, "")),
    );
    const expected = (byBuyer.get(siret) ?? [])
      .filter((r) => Number(r.year) <= year && r.n_scope > 0)
      .map((r) => [String(r.year), String(r.n)]);
    expect(rows.map(([y, , n]) => [y, n])).toEqual(expected);
    for (const [y, , , coverage] of rows) expect(coverage, y).toMatch(/^[\d,]+%$/);
    // The earlier years left out of the table are named under it: none goes missing unsaid.
    const without = (byBuyer.get(siret) ?? [])
      .filter((r) => Number(r.year) < year && r.n_scope === 0)
      .map((r) => String(r.year));
    expect(without.length).toBeGreaterThan(0);
    expect(text).toContain(`Aucun marché concerné en ${listed(without)}.`);
  });
});
