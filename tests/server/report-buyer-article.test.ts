// The buyer's name in the report's sentences takes the article French gives a collectivité's
// name: « En 2021, la Région Bretagne a publié… », where the report said « Région Bretagne a
// publié… »; « du Département », « à la Commune »; other names are left as they are. On the
// words and on the real report of Région Bretagne and of a buyer without a name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleOf, buyerInSentence } from "../../server/report/words-buyer.ts";
import { pageText, visibleText } from "./helpers/report-page.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const words = (page: string) => visibleText(page).replaceAll("&#39;", "'").replace(/\s+/g, " ");

describe("buyerInSentence", () => {
  it("gives a collectivité's kind its article, contracted after de and à", () => {
    expect(buyerInSentence("Région Bretagne")).toBe("la Région Bretagne");
    expect(buyerInSentence("Région Bretagne", { start: true })).toBe("La Région Bretagne");
    expect(buyerInSentence("Région Bretagne", { after: "de" })).toBe("de la Région Bretagne");
    expect(buyerInSentence("Région Bretagne", { after: "à" })).toBe("à la Région Bretagne");
    expect(buyerInSentence("Département de l'Ain", { start: true })).toBe(
      "Le Département de l'Ain",
    );
    expect(buyerInSentence("Département de l'Ain", { after: "de" })).toBe(
      "du Département de l'Ain",
    );
    expect(buyerInSentence("Département de l'Ain", { after: "à" })).toBe("au Département de l'Ain");
    expect(buyerInSentence("Eurométropole de Strasbourg", { after: "de" })).toBe(
      "de l'Eurométropole de Strasbourg",
    );
    expect(buyerInSentence("acheteur au SIRET 1 (nom inconnu)", { start: true })).toBe(
      "L'acheteur au SIRET 1 (nom inconnu)",
    );
    // The placeholder's name (lib/party-ids.ts) is a common noun: lower case after its article.
    expect(buyerInSentence("Acheteur non identifié")).toBe("l'acheteur non identifié");
    expect(buyerInSentence("Acheteur non identifié", { start: true })).toBe(
      "L'acheteur non identifié",
    );
    // The kinds as the collectivités lists and SIRENE write them, accents and case aside.
    const kinds: [string, string | null][] = [
      ["Commune de Valserhône", "la"],
      ["COMMUNE DE SAINT-DENIS", "la"],
      ["REGION BRETAGNE", "la"],
      ["Ville de Paris", "la"],
      ["Métropole Nice Côte d'Azur", "la"],
      ["Communauté d'agglomération du Pays Basque", "la"],
      ["CC de la Côtière à Montluel", "la"],
      ["CA Montluçon Communauté", "la"],
      ["CU du Grand Reims", "la"],
      ["Collectivité de Corse", "la"],
      ["DEPARTEMENT DE LA GIRONDE", "le"],
      ["Conseil départemental du Nord", "le"],
      // Other names: left as they are.
      ["CENTRE HOSPITALIER DE NIORT", null],
      ["Ministère des armées", null],
      ["Communes Associées SA", null],
      ["Cap Atlantique", null],
      ["Le Toit Vosgien", null],
    ];
    expect(kinds.map(([name]) => [name, articleOf(name)])).toEqual(kinds);
    expect(buyerInSentence("CENTRE HOSPITALIER DE NIORT", { start: true })).toBe(
      "CENTRE HOSPITALIER DE NIORT",
    );
    expect(buyerInSentence("Le Toit Vosgien")).toBe("Le Toit Vosgien");
    expect(buyerInSentence("ÉTABLISSEMENT PUBLIC X", { after: "de" })).toBe(
      "d'ÉTABLISSEMENT PUBLIC X",
    );
    expect(buyerInSentence("SDIS 44", { after: "à" })).toBe("à SDIS 44");
  });
});

describe("the report's sentences", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  }, 120_000);
  afterAll(async () => t?.close());

  it("say « la Région Bretagne a publié », the title the name alone", async () => {
    const page = words(await pageText(t, "/api/buyers/23350001600040/report?year=2021"));
    expect(page).toContain("En 2021, la Région Bretagne a publié 191 marchés notifiés");
    expect(page).not.toMatch(/, Région Bretagne a publié/);
    // The title keeps the name alone.
    expect(page).toMatch(/Rapport annuel[^<]*Région Bretagne/);
  });
});
