// The names the ETL folds once (party_names, etl/load/party-names.ts) find what the names
// themselves find: for words of the samples' names, placeholders and id starts, the ids found
// through the table equal those found by folding every published and who's who name in the query
// itself, as the search did before the table existed (written here apart from lib/party-names.ts).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACEHOLDER_PARTY_ID, UNIDENTIFIED_PARTY } from "../../lib/party-ids.ts";
import { PARTY_NAMES } from "../../lib/party-names.ts";
import { hitsParams, hitsSql } from "../../server/lookups/name-search.ts";
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
        const viaTable = ids(await query(hitsSql(names, byId), hitsParams(names, text, byId)));
        // The table may find more by key (« st » for « saint »…), never fewer.
        for (const id of direct) expect(viaTable, `${kind} ${text}`).toContain(id);
        if (byId) expect(viaTable, `${kind} ${text}`).toEqual(direct);
        if (direct.length > 0) finding++;
      }
      expect(finding).toBeGreaterThan(texts.length / 2);
    },
  );
});
