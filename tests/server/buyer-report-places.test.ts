// The annual report places a buyer's suppliers against the buyer's own place: a Région's
// against its région (the only place it knows), one by one and as a whole; a buyer placed nowhere
// is told why it has no share of local suppliers. On the real server and the samples' buyers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText, shownIndicators } from "./helpers/report-page.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());
const reportText = (path: string) => pageText(t, path);

describe("GET /api/buyers/:siret/report: the suppliers' places", () => {
  it("places a Région's suppliers against its région, the buyer's only place it knows", async () => {
    // The buyer placed by its région only (no département) whose year's suppliers have the most
    // known régions: the Régions of the samples.
    const [chosen] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id, year(c.date_notification) AS y, any_value(b.region) AS region
         FROM contracts c JOIN buyers b USING (acheteur_id)
         JOIN contract_suppliers s USING (uid) JOIN titulaires ti USING (titulaire_id)
        WHERE b.departement IS NULL AND b.region IS NOT NULL AND ti.region IS NOT NULL
        GROUP BY ALL ORDER BY count(DISTINCT ti.titulaire_id) DESC, 1, 2 LIMIT 1`,
    );
    expect(chosen).toBeDefined();
    const page = await reportText(
      `/api/buyers/${String(chosen?.acheteur_id)}/report?year=${Number(chosen?.y)}`,
    );
    // The apostrophes of the French words, escaped as every text of the page is, read back.
    const section = (
      /<section class="suppliers">[\s\S]*?<\/section>/.exec(page)?.[0] ?? ""
    ).replaceAll("&#39;", "'");
    const rows = [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
      .map((row) => [...row[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => cell[1].trim()))
      .filter((cells) => cells.length === 7);
    expect(rows.length).toBeGreaterThan(0);
    // Its lead says how many the table holds: « dix » only for ten.
    expect(section).toContain(
      rows.length === 10 ? "Les dix titulaires" : `${rows.length} titulaire`,
    );
    const suppliers = await queryFile(
      t.dbPath,
      `SELECT DISTINCT ti.titulaire_id, ti.region
         FROM contracts c JOIN contract_suppliers s USING (uid) JOIN titulaires ti USING (titulaire_id)
        WHERE c.acheteur_id = $1`,
      [String(chosen?.acheteur_id)],
    );
    const regions = new Map(
      suppliers.map((r) => [String(r.titulaire_id), r.region === null ? null : String(r.region)]),
    );
    let placed = 0;
    for (const [, id, , , , , place] of rows) {
      const region = regions.get(id) ?? null;
      if (region === null) {
        expect(place, id).not.toMatch(/région/);
        continue;
      }
      placed++;
      expect(place, id).toMatch(
        region === chosen?.region ? /^même région que l'acheteur\b/ : /^autre région\b/,
      );
    }
    expect(placed).toBeGreaterThan(0);
    expect(section).not.toContain("département de l'acheteur inconnu");
    // Its suppliers as a whole: the share of the amount going to its région, as its indicator
    // block shows it, in place of a share by département it cannot have.
    const regional = shownIndicators(page).find((i) => i.id === "regional_supplier_amount_share");
    expect(regional?.text).toMatch(/\d/);
    const picture = [...section.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1].trim());
    const line = picture.find((text) => text.includes("de la région de l'acheteur")) ?? "";
    expect(line).toContain(`: ${regional?.text} (`);
    expect(picture.join(" ")).not.toContain("dans le département de l'acheteur");
  });

  it("says a buyer placed nowhere has no share of local suppliers for that reason", async () => {
    const [chosen] = await queryFile(
      t.dbPath,
      `SELECT c.acheteur_id, year(c.date_notification) AS y
         FROM contracts c LEFT JOIN buyers b USING (acheteur_id)
        WHERE b.departement IS NULL AND b.region IS NULL AND c.date_notification IS NOT NULL
        GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
    );
    expect(chosen).toBeDefined();
    const page = await reportText(
      `/api/buyers/${String(chosen?.acheteur_id)}/report?year=${Number(chosen?.y)}`,
    );
    expect(page.replaceAll("&#39;", "'")).toContain(
      "Part des titulaires établis dans le département de l'acheteur : inconnu (le département de l'acheteur n'est pas connu).",
    );
  });
});
