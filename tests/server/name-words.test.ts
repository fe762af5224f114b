// A name typed as a person types it in the search box or the buyer field: every word must be in
// one of the party's names, in any order, accents and case folded, words of one or two letters
// optional; the best match first; a bounded number of words (server/lookups/name-search.ts,
// client/src/shared/name-words.js). On the real server over the samples' snapshot, whose names
// are read here from the file itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_NAME_WORDS, nameWords } from "../../client/src/shared/name-words.js";
import { nameKeySql } from "../../lib/party-names.ts";
import type { ApiErrorBody } from "../../server/api-types.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

type Found = { siret: string; nom: string | null }[];
const buyers = async (q: string, limit = 20): Promise<Found> =>
  (await t.json<{ buyers: Found }>(`/api/buyers?q=${encodeURIComponent(q)}&limit=${limit}`)).buyers;
const suppliers = async (q: string): Promise<{ titulaire_id: string; nom: string | null }[]> =>
  (
    await t.json<{ suppliers: { titulaire_id: string; nom: string | null }[] }>(
      `/api/suppliers?q=${encodeURIComponent(q)}&limit=50`,
    )
  ).suppliers;

/** The id of the one buyer the who's who names so. */
async function buyerNamed(nom: string): Promise<string> {
  const rows = await queryFile(t.dbPath, "SELECT acheteur_id FROM buyers WHERE nom = $1", [nom]);
  expect(rows, nom).toHaveLength(1);
  return String(rows[0]?.acheteur_id);
}

describe("the words of a typed name", () => {
  it("are cut as the ETL keys every who's who name of the samples", async () => {
    const rows = await queryFile(
      t.dbPath,
      `SELECT nom, ${nameKeySql("nom")} AS key FROM (
         SELECT nom FROM buyers UNION SELECT nom FROM titulaires) WHERE nom IS NOT NULL`,
    );
    expect(rows.length).toBeGreaterThan(10_000);
    for (const { nom, key } of rows) {
      const words = String(key)
        .split(" ")
        .filter((w) => w !== "");
      const long = words.filter((w) => !/^[a-z]{1,2}$/.test(w));
      expect(nameWords(String(nom)), String(nom)).toEqual([
        ...new Set(long.length > 0 ? long : words),
      ]);
    }
  });
});

describe("every word, in any order", () => {
  it("finds the Commune de Lyon by « Lyon commune », « commune lyon », « Ville de Lyon »", async () => {
    const lyon = await buyerNamed("Commune de Lyon");
    for (const q of [
      "Lyon commune",
      "commune lyon",
      "LYON COMMUNE",
      "Ville de Lyon",
      "mairie lyon",
    ]) {
      const found = await buyers(q);
      expect(found[0]?.siret, q).toBe(lyon);
      // Only buyers one of whose names holds « lyon ».
      for (const b of found) expect(b.nom?.toLowerCase(), q).toContain("lyon");
    }
  });

  it("finds « métropole de Lyon » by « metropole lyon », accents and case folded", async () => {
    const [centre] = await queryFile(
      t.dbPath,
      "SELECT acheteur_id FROM buyers WHERE nom ILIKE '%métropole de lyon%'",
    );
    expect(centre).toBeDefined();
    for (const q of ["metropole lyon", "Métropole de Lyon", "LYON MÉTROPOLE", "lyon, metropole"]) {
      expect(
        (await buyers(q)).map((b) => b.siret),
        q,
      ).toContain(centre?.acheteur_id);
    }
  });

  it("finds Sainte-Foy-lès-Lyon however its words are typed and ordered", async () => {
    const foy = await buyerNamed("Commune de Sainte-Foy-lès-Lyon");
    for (const q of ["sainte foy les lyon", "Lyon Sainte-Foy", "foy lès lyon ste", "LYON FOY"]) {
      const found = await buyers(q);
      expect(found[0]?.siret, q).toBe(foy);
    }
  });

  it("finds a titulaire by its words in another order", async () => {
    const [named] = await queryFile(
      t.dbPath,
      "SELECT titulaire_id, nom FROM titulaires WHERE nom = 'BOUYGUES BATIMENT GRAND OUEST' LIMIT 1",
    );
    expect(named).toBeDefined();
    const found = await suppliers("ouest batiment bouygues");
    expect(found.map((s) => s.titulaire_id)).toContain(named?.titulaire_id);
    for (const s of found) expect(nameWords(s.nom ?? ""), s.titulaire_id).toContain("ouest");
  });
});

describe("the best match first", () => {
  it("lists « lyon » as a word before « lyon » inside a longer word (Grandlyon)", async () => {
    const found = await buyers("lyon");
    const whole = found.map((b) => nameWords(b.nom ?? "").includes("lyon"));
    expect(whole.filter(Boolean).length).toBeGreaterThan(1);
    expect(whole.includes(false)).toBe(true);
    // Every buyer holding it whole comes before every buyer holding it inside a word.
    expect(whole.indexOf(false)).toBe(whole.lastIndexOf(true) + 1);
  });
});

describe("bounded", () => {
  it(`refuses more than ${MAX_NAME_WORDS} words with a 400 naming q, short words aside`, async () => {
    const many = Array.from({ length: MAX_NAME_WORDS + 1 }, (_, i) => `mot${i}`).join(" ");
    for (const path of ["/api/buyers", "/api/suppliers"]) {
      const response = await t.get(`${path}?q=${encodeURIComponent(many)}`);
      expect(response.status, path).toBe(400);
      const { error } = (await response.json()) as ApiErrorBody;
      expect(error.param).toBe("q");
      expect(error.message).toContain(`q contient plus de ${MAX_NAME_WORDS} mots`);
    }
    // Words of one or two letters do not count: a whole name pasted is searched.
    const pasted = `${Array.from({ length: MAX_NAME_WORDS }, (_, i) => `mot${i}`).join(" de la ")}`;
    expect((await t.get(`/api/buyers?q=${encodeURIComponent(pasted)}`)).status).toBe(200);
    const long = "a".repeat(201);
    expect((await t.get(`/api/suppliers?q=${long}`)).status).toBe(400);
  });
});
