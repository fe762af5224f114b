// Which buyers or titulaires a typed name finds, for the search page and the buyer field, by the
// rule of lib/party-names.ts, over the names the ETL folded and keyed once (the party_names table,
// etl/load/party-names.ts): a search folds and keys only the typed text, then scans short
// ready-made strings. Only the buyers' keys are read a second time, as a commune's (50,000 at
// national size, a few milliseconds). What is found is ranked on the party directory the ETL
// counted once (`rankedHitsSql`), the same way for buyers and titulaires.
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

/**
 * The common table expressions of a search, up to its listed parties: `hits`, the ids found
 * (`hitsSql`, same parameters), and `ranked`, the first `limit` of them on the party directory
 * (lib/party-directory.ts), by the contracts of their company, then their own. `ranked` has the
 * columns `idAs` (the party's id), siren, nom, contracts, amount, amount_contracts (the
 * amount's N) and company_contracts; list
 * them in `RANKED_ORDER(idAs)`.
 */
export function rankedHitsSql(
  names: PartyNames,
  byId: boolean,
  limit: number,
  idAs: string,
): string {
  return `WITH hits AS (
       ${hitsSql(names, byId)}
     ), ranked AS (
       SELECT p.id AS ${idAs}, p.siren, p.nom, p.contracts, p.amount, p.amount_contracts,
              sum(p.contracts) OVER (PARTITION BY coalesce(p.siren, p.id)) AS company_contracts
         FROM party_directory p JOIN hits ON hits.${names.id} = p.id
        WHERE p.kind = $1
        ORDER BY ${rankedOrder("", idAs)}
        LIMIT ${Math.trunc(limit)}
     )`;
}

/** The order of `ranked` (alias `r`), for the query that reads it. */
export const RANKED_ORDER = (idAs: string): string => rankedOrder("r.", idAs);

/** The order over `ranked`'s own columns; `prefix` names its table in a query with others. */
function rankedOrder(prefix: string, idAs: string): string {
  const p = prefix;
  return `${p}company_contracts DESC, coalesce(${p}siren, ${p}${idAs}), ${p}contracts DESC, ${p}${idAs}`;
}

/** The parameters of `hitsSql`: `text` is the typed name, or the id's start when `byId`. */
export function hitsParams({ kind }: PartyNames, text: string, byId: boolean): string[] {
  if (byId) return [kind, `${likeEscape(text)}%`];
  return [kind, `%${likeEscape(text)}%`, text];
}
