// The annual report of a year in which the buyer notified no contract is refused, in French,
// naming the years that have one: Région Bretagne's report answered 200 for 2020, 1990 and 2030
// alike, « n'a publié aucun marché notifié en 2020 … 15 manquent faute de marché concerné ».
// The years the buyer page offers (its `by_year`) are those that answer.
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../../server/report/pdf.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const BRETAGNE = "23350001600040";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());

interface Refusal {
  error: { status: number; code: string; param: string; message: string };
}

describe("the annual report's year", () => {
  it("refuses a year without contracts of the buyer, in every format, naming the years", async () => {
    const buyer = await t.json<{ by_year: { year: number | null }[] }>(`/api/buyers/${BRETAGNE}`);
    const years = buyer.by_year.flatMap((r) => (r.year === null ? [] : [r.year]));
    expect(years.sort()).toEqual([2018, 2021, 2024]);
    // A PDF is asked only where Chromium is: without it the route says so first (503).
    const formats = existsSync(chromiumPath()) ? ["html", "docx", "pdf"] : ["html", "docx"];
    for (const year of [2020, 1990, 2030])
      for (const format of formats) {
        const response = await t.get(
          `/api/buyers/${BRETAGNE}/report?year=${year}&format=${format}`,
        );
        expect([year, format, response.status]).toEqual([year, format, 404]);
        const { error } = (await response.json()) as Refusal;
        expect(error).toMatchObject({ status: 404, code: "no_contract_in_year", param: "year" });
        expect(error.message).toBe(
          `aucun marché de l'acheteur ${BRETAGNE} notifié en ${year} dans les données servies : rapport annuel disponible pour 2018, 2021 et 2024`,
        );
      }
  });

  it("says the refusal on a page to a browser that follows a link, in the JSON to a program", async () => {
    const url = `${t.url}/api/buyers/${BRETAGNE}/report?year=2020`;
    // What Chromium sends when it opens a link.
    const accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    const page = await fetch(url, { headers: { Accept: accept } });
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'none'");
    const html = await page.text();
    expect(html).toContain("<h1>Rapport annuel indisponible</h1>");
    expect(html).toContain(
      `<p>Aucun marché de l&#39;acheteur ${BRETAGNE} notifié en 2020 dans les données servies : rapport annuel disponible pour 2018, 2021 et 2024.</p>`,
    );
    expect(html).toContain(`<a href="/acheteur/${BRETAGNE}">`);
    // The Word file of that year, or the JSON asked for, stay the API's refusal.
    for (const [query, headers] of [
      ["format=docx", { Accept: accept }],
      ["format=html", { Accept: "application/json" }],
    ] as const) {
      const refused = await fetch(`${t.url}/api/buyers/${BRETAGNE}/report?year=2020&${query}`, {
        headers,
      });
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as Refusal).error.code).toBe("no_contract_in_year");
    }
  });

  it("answers every year the buyer page offers", async () => {
    for (const year of [2018, 2021, 2024]) {
      const response = await t.get(`/api/buyers/${BRETAGNE}/report?year=${year}`);
      expect([year, response.status]).toEqual([year, 200]);
    }
    const docx = await t.get(`/api/buyers/${BRETAGNE}/report?year=2021&format=docx`);
    expect(docx.status).toBe(200);
  });
});
