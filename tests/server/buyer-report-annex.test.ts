// The annual report's method annex, on the real server: it details the method of the indicators
// shown in a block, and only those (the methods of all 17 took four of a two-contract buyer's
// pages), without repeating their N and coverage; the indicators without any figure get one line
// pointing to their page of the observatory, which opens. The PDF's page counts are measured in
// tests/e2e/report.test.ts.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { useReportServer } from "./helpers/report-server.ts";

// A buyer with two contracts in its only year (Ensuès-la-Redonne's 2024 in the samples), beside
// the buyer and year with most contracts and the one with most in the 2024 format.
const report = useReportServer({ withSmallBuyer: true });

describe("GET /api/buyers/:siret/report: the method annex", () => {
  it("details the methods of the indicators shown, and points to the page of the others in one line", async () => {
    let pointed = 0;
    for (const { siret, year } of report.cases) {
      const page = (await report.text(`/api/buyers/${siret}/report?year=${year}`)).replaceAll(
        "&#39;",
        "'",
      );
      const ids = (pattern: RegExp, text: string) =>
        [...text.matchAll(pattern)].map((m) => m[1] ?? "");
      const [body = "", annex = ""] = page.split('<section class="annex">');
      const blocks = ids(/<article\s+class="indicator"\s+data-indicator="([^"]+)"/g, body);
      const without = ids(/<tr\s+data-indicator="([^"]+)"/g, body);
      expect(blocks.length, `${siret} ${year}`).toBeGreaterThan(0);
      expect(ids(/data-method="([^"]+)"/g, annex), `${siret} ${year}`).toEqual(blocks);
      // Their N and coverage are in their blocks, beside their figures.
      expect(annex).not.toMatch(/N = /);
      const line = /<p class="other-methods">([\s\S]*?)<\/p>/.exec(annex)?.[1];
      if (without.length === 0) {
        expect(line).toBeUndefined();
        continue;
      }
      expect(ids(/(\/indicateur\/[a-z0-9_]+)/g, line ?? "")).toEqual(
        without.map((id) => `/indicateur/${id}`),
      );
      for (const id of without)
        expect((await report.t.get(`/indicateur/${id}`)).status, id).toBe(200);
      pointed += 1;
      // The Word file says the same line, and details the same methods.
      const docx = await report.t.get(`/api/buyers/${siret}/report?year=${year}&format=docx`);
      const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
      const words = strFromU8(files["word/document.xml"] ?? new Uint8Array());
      for (const id of without) expect(words).toContain(`/indicateur/${id}`);
      expect(words.match(/Formule\u00a0: /g)?.length).toBe(blocks.length);
    }
    // Some case has indicators without any figure.
    expect(pointed).toBeGreaterThan(0);
  });
});
