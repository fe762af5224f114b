// The names a party is searched by, folded once by the ETL into the party_names table
// (etl/load/party-names.ts) and searched by the server (server/lookups/name-search.ts): each
// name folded (accents and case: its who's who name and those published in the DECP; a
// placeholder id only by « Acheteur non identifié »…, never by the names published under it:
// lib/party-ids.ts), and the who's who name's key. A key keeps letters and digits, one space
// between words, and reads « St » and « Ste » as « Saint » and « Sainte »: « st etienne »,
// « Saint-Étienne » and « ST ETIENNE » find one another, as « l'isle adam » finds « L'Isle-Adam ».
// The typed text is cut into words by the same rule (client/src/shared/name-words.js, checked
// against `nameKeySql` on every name of the samples), each of which must be in one name, in any
// order; for buyers, a key beginning with « mairie de » or « ville de » is read as « commune
// de » when ranking, as a reader names a town hall (buyers only: no titulaire is one).
import { PLACEHOLDER_PARTY_ID, UNIDENTIFIED_PARTY } from "./party-ids.ts";

export type PartyKind = keyof typeof UNIDENTIFIED_PARTY;

/** Where a kind of party keeps its ids and names (identifiers from code, never from a request). */
export interface PartyNames {
  kind: PartyKind;
  /** The id column, in both tables: acheteur_id, titulaire_id. */
  id: string;
  /** The table of published rows and its name column. */
  published: { table: string; name: string };
  /** The who's who table (one row per id, its name in `nom`). */
  whoswho: string;
}

export const PARTY_NAMES: Record<PartyKind, PartyNames> = {
  buyer: {
    kind: "buyer",
    id: "acheteur_id",
    published: { table: "contracts", name: "acheteur_nom" },
    whoswho: "buyers",
  },
  supplier: {
    kind: "supplier",
    id: "titulaire_id",
    published: { table: "contract_suppliers", name: "denomination_sociale" },
    whoswho: "titulaires",
  },
};

/** Folded as the substring match reads a name or the typed text: lower case, no accents. */
export function foldedSql(expression: string): string {
  return `strip_accents(lower(${expression}))`;
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
 * The statements that fill party_names for a kind, with their bound parameters: one row per
 * distinct (id, folded name), the key on the who's who's name of an identified party only. An id
 * published without a name has a row too, whose name is NULL: a search by id finds it.
 */
export function partyNamesInserts({ kind, id, published, whoswho }: PartyNames): {
  sql: string;
  params: string[];
}[] {
  const params = [kind, PLACEHOLDER_PARTY_ID, UNIDENTIFIED_PARTY[kind]];
  return [
    {
      sql: `INSERT INTO party_names
            SELECT DISTINCT $1, id, ${foldedSql("name")}, NULL FROM (
              SELECT ${id} AS id, ${published.name} AS name FROM ${published.table}
               WHERE NOT regexp_full_match(${id}, $2)
              UNION ALL SELECT DISTINCT ${id}, $3 FROM ${published.table}
               WHERE regexp_full_match(${id}, $2)
            )`,
      params,
    },
    {
      sql: `INSERT INTO party_names
            SELECT $1, ${id}, ${foldedSql("nom")},
                   CASE WHEN NOT regexp_full_match(${id}, $2) THEN ${nameKeySql("nom")} END
              FROM ${whoswho}`,
      params: params.slice(0, 2),
    },
  ];
}
