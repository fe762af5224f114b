// A name typed as a reader types it finds the buyers and titulaires it names, whatever the
// spelling of « Saint », the hyphens, apostrophes, accents and case, and a town hall however it is
// called (« mairie », « ville », « commune »): server/lookups/name-search.ts.
// Checked against a key computed here, in JavaScript, over every name of the samples' snapshot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPlaceholderPartyId } from "../../lib/party-ids.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** A name's key, written apart from the server's SQL: the two must read every name alike. */
function key(name: string): string {
  return name
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => (word === "ste" ? "sainte" : word === "st" ? "saint" : word))
    .join(" ");
}

interface Named {
  id: string;
  /** Its who's who name. */
  nom: string | null;
  /** Its who's who name and the names published for it. */
  names: string[];
}

/** Every identified party of a kind with all its names, from the snapshot itself. */
async function parties(kind: "buyers" | "titulaires"): Promise<Named[]> {
  const [id, table, name] =
    kind === "buyers"
      ? ["acheteur_id", "contracts", "acheteur_nom"]
      : ["titulaire_id", "contract_suppliers", "denomination_sociale"];
  const rows = await queryFile(
    t.dbPath,
    `SELECT ${id} AS id, any_value(nom) AS nom,
            list(DISTINCT n) FILTER (WHERE n IS NOT NULL) AS names FROM (
       SELECT ${id}, nom, nom AS n FROM ${kind}
       UNION ALL SELECT ${id}, NULL, ${name} FROM ${table}
     ) GROUP BY 1 ORDER BY 1`,
  );
  return rows
    .map((r) => ({
      id: String(r.id),
      nom: r.nom === null ? null : String(r.nom),
      names: (r.names as string[] | null) ?? [],
    }))
    .filter((p) => !isPlaceholderPartyId(p.id));
}

/** A town hall's name, however it is called: « Commune de », « Mairie d' », « Ville du »… */
const townHall = (k: string) => /^(commune|mairie|ville) (de|d|du|des) /.test(k);

/**
 * Some name of the party holds every word typed, in any order (words of one or two letters
 * optional, unless all are); for a buyer, « mairie », « ville » or « commune » as a town hall's.
 */
const has = (party: Named, phrase: string, buyer = false) => {
  const words = key(phrase).split(" ");
  const long = words.filter((w) => !/^[a-z]{1,2}$/.test(w));
  const needed = long.length > 0 ? long : words;
  return party.names.some((n) =>
    needed.every(
      (w) =>
        key(n).includes(w) ||
        (buyer && ["commune", "mairie", "ville"].includes(w) && townHall(key(n))),
    ),
  );
};
/** Its who's who name does: the party must be found. */
const named = (party: Named, phrase: string) => key(party.nom ?? "").includes(phrase);

describe("names typed as a reader types them", () => {
  it("« st etienne », « Saint-Étienne » and « ST-ETIENNE » each find every buyer so named", async () => {
    const buyers = await parties("buyers");
    // A « saint » phrase that the samples spell both ways, « St X » and « Saint-X ».
    const phrases = new Set(
      buyers.flatMap((b) => b.names.flatMap((n) => key(n).match(/\bsaint [a-z]{4,}/g) ?? [])),
    );
    const phrase = [...phrases].sort().find((p) => {
      const spelt = buyers.filter((b) => named(b, p)).map((b) => b.nom ?? "");
      return spelt.some((n) => /\bst\b/i.test(n)) && spelt.some((n) => /\bsaint\b/i.test(n));
    });
    expect(phrase, "a saint spelt both ways in the samples").toBeDefined();
    const word = String(phrase).split(" ")[1] ?? "";
    const expected = buyers.filter((b) => named(b, String(phrase))).map((b) => b.id);
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(50);
    const capital = word.charAt(0).toUpperCase() + word.slice(1);
    for (const typed of [`st ${word}`, `Saint-${capital}`, `ST-${word.toUpperCase()}`]) {
      const body = await t.json<{ buyers: { siret: string }[] }>(
        `/api/buyers?q=${encodeURIComponent(typed)}&limit=50`,
      );
      const found = body.buyers.map((b) => b.siret);
      expect(found.length, typed).toBeLessThan(50);
      // Every buyer whose name holds the phrase, however spelt…
      for (const id of expected) expect(found, `${typed}: ${id}`).toContain(id);
      // …and only buyers whose names hold it.
      for (const id of found) {
        const buyer = buyers.find((b) => b.id === id);
        expect(buyer && has(buyer, String(phrase), true), `${typed}: ${id}`).toBe(true);
      }
    }
  });

  it("« mairie de » and « ville de » find the Commune, « commune de » the Ville", async () => {
    const buyers = await parties("buyers");
    const towns = buyers.filter((b) => /^(commune|ville) de \S/.test(key(b.nom ?? "")));
    // Every hundredth commune of the samples, and every « Ville de ».
    const sample = towns.filter((b, i) => i % 100 === 0 || key(b.nom ?? "").startsWith("ville"));
    expect(sample.length).toBeGreaterThan(5);
    expect(sample.some((b) => key(b.nom ?? "").startsWith("ville de "))).toBe(true);
    for (const town of sample) {
      const place = key(town.nom ?? "").replace(/^\S+ de /, "");
      for (const typed of [`Mairie de ${place}`, `ville de ${place}`, `commune de ${place}`]) {
        const body = await t.json<{ buyers: { siret: string }[] }>(
          `/api/buyers?q=${encodeURIComponent(typed)}&limit=50`,
        );
        const found = body.buyers.map((b) => b.siret);
        expect(found.length, typed).toBeLessThan(50);
        expect(found, typed).toContain(town.id);
        // Only buyers one of whose names holds the words, in any order, a town hall's as such.
        for (const id of found) {
          const buyer = buyers.find((b) => b.id === id);
          expect(buyer && has(buyer, typed, true), `${typed}: ${id}`).toBe(true);
        }
      }
    }
  });

  it("finds a titulaire by its name typed without its punctuation", async () => {
    const titulaires = await parties("titulaires");
    const punctuated = titulaires.find((p) => p.names.some((n) => /\w[-'’.]\w/.test(n)));
    const name = punctuated?.names.find((n) => /\w[-'’.]\w/.test(n)) ?? "";
    expect(name).not.toBe("");
    const typed = key(name);
    expect(typed).not.toBe(name.toLowerCase());
    const body = await t.json<{ suppliers: { titulaire_id: string }[] }>(
      `/api/suppliers?q=${encodeURIComponent(typed)}&limit=100`,
    );
    const found = body.suppliers.map((s) => s.titulaire_id);
    expect(found).toContain(punctuated?.id);
    // And nothing whose names do not hold the typed words, in any order.
    for (const id of found) {
      const party = titulaires.find((p) => p.id === id);
      expect(party && has(party, typed), id).toBe(true);
    }
  });

  it("finds nothing by punctuation alone", async () => {
    const body = await t.json<{ buyers: unknown[] }>(`/api/buyers?q=${encodeURIComponent("-'")}`);
    expect(body.buyers).toEqual([]);
  });
});
