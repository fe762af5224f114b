// Which buyers or titulaires a typed name finds, for the search page and the buyer field. A party
// is found when either holds:
// - the text, accents and case folded, is inside one of its names: the who's who's or one
//   published in the DECP (a placeholder id is found only by « Acheteur non identifié »…, never
//   by the names published under it: unidentified.ts);
// - the text's key is inside the key of its who's who name. A key keeps letters and digits, one
//   space between words, and reads « St » and « Ste » as « Saint » and « Sainte »: « st etienne »,
//   « Saint-Étienne » and « ST ETIENNE » find one another, as « l'isle adam » finds « L'Isle-Adam ».
//   For buyers, a key that begins with « mairie de » or « ville de » is also read as « commune
//   de », on the text and on the names: « mairie de lyon » finds the Commune de Lyon and « commune
//   de paris » the Ville de Paris, as a reader names a town hall (buyers only: no titulaire is one).
// Both keys are computed by DuckDB with one expression, so the text and the names are read alike.
// The keys are computed on the who's who's one name per party, not on every published row
// (millions at national size): over 478,000 names they took 270 ms on this machine's two cores,
// against 20 ms for the folding alone.
import { PLACEHOLDER_PARTY_ID, UNIDENTIFIED_PARTY } from "../../lib/party-ids.ts";
import { likeEscape } from "../params.ts";

/** Where a kind of party keeps its ids and names (identifiers from code, never from a request). */
export interface PartyNames {
  /** Which party: names its placeholder (« Acheteur non identifié »…). */
  kind: keyof typeof UNIDENTIFIED_PARTY;
  /** The id column, in both tables: acheteur_id, titulaire_id. */
  id: string;
  /** The table of published rows and its name column. */
  published: { table: string; name: string };
  /** The who's who table (one row per id, its name in `nom`). */
  whoswho: string;
}

/**
 * The key of a name, as SQL over `expression` (a column or a parameter): lower case, œ and æ
 * spelt out, accents removed, every run of other characters one space, St and Ste in full.
 */
export function nameKeySql(expression: string): string {
  const folded = `strip_accents(replace(replace(lower(${expression}), 'œ', 'oe'), 'æ', 'ae'))`;
  const words = `trim(regexp_replace(${folded}, '[^a-z0-9]+', ' ', 'g'))`;
  return `regexp_replace(regexp_replace(${words}, '\\bste\\b', 'sainte', 'g'), '\\bst\\b', 'saint', 'g')`;
}

/**
 * A buyer's key read as a commune's, as SQL over `key` (a key from `nameKeySql`): a leading
 * « mairie » or « ville » followed by « de », « d' », « du » or « des » becomes « commune ».
 * Only the start: « Commune de Ville-d'Avray » keeps its « ville ».
 */
export function communeKeySql(key: string): string {
  return `regexp_replace(${key}, '^(mairie|ville) (de|d|du|des) ', 'commune \\2 ')`;
}

/**
 * A query of the distinct ids found. Its parameters (`hitsParams`): $1 the LIKE pattern, $2 the
 * placeholder id's regular expression, $3 the placeholder's words, $4 the typed text (not by id).
 * `byId`: the text is the start of an id, matched as such and by nothing else.
 */
export function hitsSql({ kind, id, published, whoswho }: PartyNames, byId: boolean): string {
  const found = byId
    ? `${id} LIKE $1 ESCAPE '\\'`
    : `strip_accents(lower(n)) LIKE strip_accents(lower($1)) ESCAPE '\\'`;
  const named = `SELECT DISTINCT ${id} FROM (
         SELECT ${id}, ${published.name} AS n FROM ${published.table}
          WHERE NOT regexp_full_match(${id}, $2)
         UNION ALL SELECT ${id}, nom FROM ${whoswho}
         UNION ALL SELECT DISTINCT ${id}, $3 FROM ${published.table}
          WHERE regexp_full_match(${id}, $2)
       ) WHERE ${found}`;
  if (byId) return named;
  // The keys of the text, and of each who's who name, computed once each.
  const typed = `SELECT k, ${kind === "buyer" ? communeKeySql("k") : "k"} AS c
                   FROM (SELECT ${nameKeySql("$4::VARCHAR")} AS k)`;
  const keyed = `SELECT ${id}, ${nameKeySql("nom")} AS k FROM ${whoswho}
                  WHERE NOT regexp_full_match(${id}, $2)`;
  const communeMatch =
    kind === "buyer" ? `OR ${communeKeySql("w.k")} LIKE '%' || typed.c || '%'` : "";
  return `${named}
       UNION
       SELECT w.${id} FROM (${keyed}) w, (${typed}) typed
        WHERE typed.k <> '' AND (w.k LIKE '%' || typed.k || '%' ${communeMatch})`;
}

/** The parameters of `hitsSql`: `text` is the typed name, or the id's start when `byId`. */
export function hitsParams({ kind }: PartyNames, text: string, byId: boolean): string[] {
  const placeholder = [PLACEHOLDER_PARTY_ID, UNIDENTIFIED_PARTY[kind]];
  if (byId) return [`${likeEscape(text)}%`, ...placeholder];
  return [`%${likeEscape(text)}%`, ...placeholder, text];
}
