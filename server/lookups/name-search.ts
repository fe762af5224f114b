// Which buyers or titulaires a typed name finds, for the search page and the buyer field, by the
// rule of lib/party-names.ts, over the names the ETL folded and keyed once (the party_names table,
// etl/load/party-names.ts): a search folds and keys only the typed text, then scans short
// ready-made strings. Only the buyers' keys are read a second time, as a commune's (50,000 at
// national size, a few milliseconds).
import { communeKeySql, foldedSql, nameKeySql, type PartyNames } from "../../lib/party-names.ts";
import { likeEscape } from "../params.ts";

/**
 * A query of the distinct ids found, as the column `names.id`. Its parameters (`hitsParams`): $1
 * the kind, $2 the LIKE pattern, $3 the typed text (not by id). `byId`: the text is the start of
 * an id, matched as such and by nothing else.
 */
export function hitsSql({ kind, id }: PartyNames, byId: boolean): string {
  if (byId) {
    return `SELECT DISTINCT p.id AS ${id} FROM party_names p
             WHERE p.kind = $1 AND p.id LIKE $2 ESCAPE '\\'`;
  }
  const commune = kind === "buyer";
  const typed = `SELECT k, ${commune ? communeKeySql("k") : "k"} AS c
                   FROM (SELECT ${nameKeySql("$3::VARCHAR")} AS k)`;
  const communeMatch = commune ? `OR ${communeKeySql("p.key")} LIKE '%' || typed.c || '%'` : "";
  return `SELECT DISTINCT p.id AS ${id} FROM party_names p, (${typed}) typed
           WHERE p.kind = $1
             AND (p.folded LIKE ${foldedSql("$2::VARCHAR")} ESCAPE '\\'
                  OR (typed.k <> '' AND (p.key LIKE '%' || typed.k || '%' ${communeMatch})))`;
}

/** The parameters of `hitsSql`: `text` is the typed name, or the id's start when `byId`. */
export function hitsParams({ kind }: PartyNames, text: string, byId: boolean): string[] {
  if (byId) return [kind, `${likeEscape(text)}%`];
  return [kind, `%${likeEscape(text)}%`, text];
}
