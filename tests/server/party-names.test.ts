// The names the ETL folds once (party_names, etl/load/party-names.ts) find what the names
// themselves find: for words of the samples' names, placeholders and id starts, the ids found
// through the table equal those found by folding every published and who's who name in the query
// itself, as the search did before the table existed (written here apart from lib/party-names.ts).
// The directory a search ranks its finds by (party_directory, lib/party-directory.ts) holds each
// party of the contracts once, with the figures the contracts themselves give.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACEHOLDER_PARTY_ID, UNIDENTIFIED_PARTY } from "../../lib/party-ids.ts";
import { PARTY_NAMES } from "../../lib/party-names.ts";
import { nameWords } from "../../client/src/shared/name-words.js";
import { hitsParams, hitsSql, type NameSearch } from "../../server/lookups/name-search.ts";
import { likeEscape } from "../../server/params.ts";
import { openDatabase, queryRows, type Database } from "../../lib/duckdb.ts";
import { copySamplesSnapshot, tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
let db: Database;
beforeAll(async () => {
  const path = join(dir, "observatory.duckdb");
  copySamplesSnapshot(path);
  db = await openDatabase(path, { readOnly: true });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});
const query = (sql: string, params: string[] = []) => queryRows(db.connection, sql, params);

/** The folded-substring ids, from the tables of names themselves. */
function directSql(kind: "buyer" | "supplier", byId: boolean): string {
  const { id, published, whoswho } = PARTY_NAMES[kind];
  const test = byId
    ? `${id} LIKE $1 ESCAPE '\\'`
    : `strip_accents(lower(n)) LIKE strip_accents(lower($1)) ESCAPE '\\'`;
  return `SELECT DISTINCT ${id} FROM (
            SELECT ${id}, ${published.name} AS n FROM ${published.table}
             WHERE NOT regexp_full_match(${id}, $2)
            UNION ALL SELECT ${id}, nom FROM ${whoswho}
            UNION ALL SELECT DISTINCT ${id}, $3 FROM ${published.table}
             WHERE regexp_full_match(${id}, $2)) WHERE ${test}`;
}

const ids = (rows: Record<string, unknown>[]) =>
  rows.map((r) => String(Object.values(r)[0])).sort();

describe("party_names", () => {
  it.each(["buyer", "supplier"] as const)(
    "finds the %s ids the names themselves find",
    async (kind) => {
      const names = PARTY_NAMES[kind];
      const words = await query(
        `SELECT DISTINCT w FROM (SELECT unnest(string_split(lower(nom), ' ')) AS w FROM ${names.whoswho})
        WHERE length(w) >= 4 ORDER BY hash(w) LIMIT 30`,
      );
      const starts = await query(
        `SELECT DISTINCT left(${names.id}, 5) AS s FROM ${names.published.table} ORDER BY 1 LIMIT 10`,
      );
      const texts: [string, boolean][] = [
        ...words.map((w) => [String(w.w), false] as [string, boolean]),
        ["non identifi", false],
        ["sans suite", false],
        ...starts.map((s) => [String(s.s), true] as [string, boolean]),
        ["000000000", true],
      ];
      expect(texts.length).toBeGreaterThan(30);
      // Not a comparison of empty answers: most texts find someone.
      let finding = 0;
      for (const [text, byId] of texts) {
        const pattern = byId ? `${likeEscape(text)}%` : `%${likeEscape(text)}%`;
        const direct = ids(
          await query(directSql(kind, byId), [
            pattern,
            PLACEHOLDER_PARTY_ID,
            UNIDENTIFIED_PARTY[kind],
          ]),
        );
        const search: NameSearch = byId
          ? { byId: true, start: text }
          : { byId: false, words: nameWords(text) };
        const viaTable = ids(await query(hitsSql(names, search), hitsParams(names, search)));
        // The table may find more (by key, « st » for « saint »; by words, in any order), never fewer.
        for (const id of direct) expect(viaTable, `${kind} ${text}`).toContain(id);
        if (byId) expect(viaTable, `${kind} ${text}`).toEqual(direct);
        if (direct.length > 0) finding++;
      }
      expect(finding).toBeGreaterThan(texts.length / 2);
    },
  );

  it("party_directory: every buyer and titulaire of the contracts once, with their own figures", async () => {
    // Counted from the contracts here, apart from the ETL's statements.
    const buyers = await query(
      `SELECT c.acheteur_id AS id, count(*) AS contracts,
              round(sum(c.montant) FILTER (WHERE NOT c.montant_suspect), 2) AS amount,
              coalesce(any_value(b.nom), mode(c.acheteur_nom)) AS nom, any_value(b.siren) AS siren
         FROM contracts c LEFT JOIN buyers b USING (acheteur_id) GROUP BY 1 ORDER BY 1`,
    );
    const suppliers = await query(
      `SELECT titulaire_id AS id, count(DISTINCT uid) AS contracts, NULL AS amount,
              CASE WHEN bool_or(siret_valide) THEN left(titulaire_id, 9)
                   ELSE min(entreprise_id) END AS siren
         FROM contract_suppliers WHERE titulaire_id IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    expect(buyers.length).toBeGreaterThan(1000);
    expect(suppliers.length).toBeGreaterThan(1000);
    const directory = (kind: string, columns: string) =>
      query(`SELECT ${columns} FROM party_directory WHERE kind = $1 ORDER BY id`, [kind]);
    expect(await directory("buyer", "id, contracts, amount, nom, siren")).toEqual(buyers);
    expect(await directory("supplier", "id, contracts, amount, siren")).toEqual(suppliers);
    // A titulaire's name: its who's who name wherever the who's who has one.
    const [named] = await query(
      `SELECT count(*) AS n, count(*) FILTER (WHERE d.nom IS DISTINCT FROM t.nom) AS other
         FROM party_directory d JOIN titulaires t ON d.kind = 'supplier' AND t.titulaire_id = d.id
        WHERE t.nom IS NOT NULL`,
    );
    expect(Number(named?.n)).toBeGreaterThan(1000);
    expect(named?.other).toBe(0);
  });
});
