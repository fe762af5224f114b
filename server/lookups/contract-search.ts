// Contracts found by words of their objet (what was bought), for the search page: a reader
// types « restauration scolaire » and gets the contracts whose objet holds both words, whatever
// their accents and case. Every word is required; each is a bound LIKE pattern with % and _
// escaped; the words (cut by client/src/shared/search-words.js), their length and the rows given
// are bounded by the caller (routes/contracts.ts).
import type { Row } from "../../lib/duckdb.ts";
import type { Snapshot } from "../db.ts";
import { likeEscape } from "../params.ts";

export interface ContractSearch {
  contracts: Row[];
  /** More contracts match than `limit`: the reader should add a word. */
  truncated: boolean;
}

/** The most recent contracts whose objet holds every word (accents and case folded). */
export async function searchContracts(
  snapshot: Snapshot,
  words: readonly string[],
  limit: number,
): Promise<ContractSearch> {
  if (words.length === 0) return { contracts: [], truncated: false };
  const conditions = words.map(
    (_, i) => `strip_accents(lower(c.objet)) LIKE strip_accents(lower($${i + 1})) ESCAPE '\\'`,
  );
  const rows = await snapshot.query(
    `SELECT c.uid, c.objet, c.acheteur_id,
            coalesce(c.acheteur_denomination, c.acheteur_nom) AS acheteur_nom,
            c.date_notification, c.montant, c.montant_suspect
       FROM contracts c
      WHERE ${conditions.join(" AND ")}
      ORDER BY c.date_notification DESC NULLS LAST, c.uid
      LIMIT ${Math.trunc(limit) + 1}`,
    words.map((w) => `%${likeEscape(w)}%`),
  );
  return { contracts: rows.slice(0, limit), truncated: rows.length > limit };
}
