// A producer's line-break tags in an objet read as line breaks on screen and in the report, the
// data kept as published: 321 objets of the shipped samples hold « <br /> » (« …de la rue<br />
// Notre Dame de Recouvrance… »), which the pages and the report's records to fix showed as text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedText } from "../../client/src/shared/published-text.js";
import { pageText } from "./helpers/report-page.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

describe("publishedText", () => {
  it("turns each run of line-break tags into one line break, in any of their spellings", () => {
    expect(publishedText("de la rue<br />Notre Dame")).toBe("de la rue\nNotre Dame");
    for (const tag of ["<br>", "<br/>", "<BR />", "<br  />", "</br>"])
      expect(publishedText(`a${tag}b`), tag).toBe("a\nb");
    expect(publishedText("a <br /> <br/>\tb")).toBe("a\nb");
    // A tag at an end is no line at all.
    expect(publishedText("RENOVATION THERMIQUE<br />")).toBe("RENOVATION THERMIQUE");
    expect(publishedText("<br />")).toBe("");
  });

  it("reads no other markup: it stays text, for the page to show as text", () => {
    for (const text of ["<b>gras</b>", "<brouillon>", "a < b > c", "<script>x</script>"])
      expect(publishedText(text)).toBe(text);
  });
});

let t: TestServer;
describe("GET /api/buyers/:siret/report: records to fix", () => {
  beforeAll(async () => {
    t = await startTestServer();
  }, 120_000);
  afterAll(async () => t?.close());

  it("shows an objet's line-break tags as breaks, the database keeping them", async () => {
    // A syndicat whose 2018 records to fix are objets ending in « <br /> » (shipped samples).
    const [buyer, year] = ["25760044500031", 2018];
    const [kept] = await queryFile(
      t.dbPath,
      "SELECT count(*) AS n FROM contracts WHERE acheteur_id = $1 AND objet LIKE '%<br />'",
      [buyer],
    );
    expect(Number(kept?.n)).toBeGreaterThan(0);
    const page = await pageText(t, `/api/buyers/${buyer}/report?year=${year}`);
    // The objet ends its cell: its tag gone, nothing after it (the markup may indent the cell).
    expect(page).toMatch(/en 11 lots géographiques\.\s*<\/td>/);
    expect(page).not.toMatch(/&lt;\/?br/i);
  });
});
