// A figure that does not apply to the buyer is said so, not « information inconnue »: the report
// of Région Bretagne for 2021 said of « Part des titulaires établis dans le département de
// l'acheteur » « information inconnue pour les marchés de l'année » over 191 contracts, where a
// Région has no département. In the HTML, the Word file and the summary; other buyers keep it.
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../indicators/index.ts";
import { notApplicableReason } from "../../indicators/plans/applies.ts";
import { pageText, shownIndicators, visibleText } from "./helpers/report-page.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const BRETAGNE = "23350001600040";
const BY_DEPARTEMENT = ["local_supplier_share", "local_supplier_amount_share"];
const SAID = "ne s'applique pas : une Région n'a pas de département";
/** The page's words as a reader sees them: apostrophes unescaped, spaces plain. */
const words = (page: string) => visibleText(page).replaceAll("&#39;", "'").replace(/\s+/g, " ");

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());

describe("a figure measured against the buyer's département, for a Région", () => {
  it("says it does not apply, in the HTML and the Word file, never « information inconnue »", async () => {
    const path = `/api/buyers/${BRETAGNE}/report?year=2021`;
    const page = await pageText(t, path);
    const rows = page.split(/(?=<tr\b)/);
    for (const id of BY_DEPARTEMENT) {
      const row = rows.find((r) => r.includes(`data-indicator="${id}"`)) ?? "";
      expect(row, id).toContain('data-status="not_applicable"');
      expect(words(row), id).toContain(SAID);
      expect(words(row), id).toContain("sans objet");
      expect(words(row), id).not.toContain("information inconnue");
    }
    // The summary counts them apart from the figures whose information is missing.
    // The two, and the Climate law's figure, whose rule starts on 21 August 2026.
    expect(words(page)).toContain("3 ne s'appliquent pas à l'acheteur");
    // The Région's other unknowns stay unknown (first-time suppliers: no titulaire identified).
    const unknown = shownIndicators(page).find((s) => s.id === "first_time_supplier_share");
    expect(unknown).toBeDefined();
    expect(page).toMatch(/data-indicator="first_time_supplier_share"\s+data-status="unknown"/);
    const docx = await t.get(`${path}&format=docx`);
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const document = strFromU8(files["word/document.xml"] ?? new Uint8Array())
      .replace(/<[^>]+>/g, "")
      .replaceAll("&apos;", "'")
      .replace(/\s+/g, " ");
    expect(document.split(SAID).length - 1).toBe(BY_DEPARTEMENT.length);
  });

  it("applies to a buyer placed in a département, and to a Région the who's who places in one", () => {
    // The rule is the model's (titulaires_localises: not_applicable), read by the engine.
    const { model, definitions } = loadCatalogue();
    const reason = (id: string, acheteur_type: string, acheteur_departement: string | null) => {
      const definition = definitions.find((d) => d.id === id);
      if (!definition) throw new Error(`${id} is in the catalogue`);
      return notApplicableReason(definition, model, { acheteur_type, acheteur_departement }, 2024);
    };
    for (const id of BY_DEPARTEMENT)
      expect(reason(id, "region", null)).toBe("une Région n'a pas de département");
    expect(reason("local_supplier_share", "region", "35")).toBeNull();
    expect(reason("local_supplier_share", "commune_50000_plus", "35")).toBeNull();
    // A buyer of another kind whose département is not known: unknown, not « does not apply ».
    expect(reason("local_supplier_share", "etat", null)).toBeNull();
    expect(reason("regional_supplier_amount_share", "region", null)).toBeNull();
  });
});
