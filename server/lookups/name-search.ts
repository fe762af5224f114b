// Which buyers or titulaires a typed name finds, for the search page and the buyer field, over
// the names the ETL folded and keyed once (the party_names table, etl/load/party-names.ts).
//
// Every word typed must be inside one of the party's names, in any order: « Lyon commune »,
// « commune de lyon » and « Ville de Lyon » find the Commune de Lyon, « métropole lyon » the
// Métropole de Lyon. The words are cut by client/src/shared/name-words.js, as the ETL keys a
// who's who name (accents, case and punctuation folded, « St » read as « Saint »); words of one
// or two letters (« de », « la ») need not be found. A name is read as its key (the who's who's),
// else as published, folded. For buyers, « mairie », « ville » and « commune » typed as words
// also find a town hall however it is named (« Ville de Paris », « Commune de Lyon »).
//
// The plan: one scan of party_names, each word a bound `contains`, longest word first, so that
// DuckDB tests the others only on the names the first one kept (its filters run in sequence on
// what the previous one let through); no regular expression or key is computed on a name that
// no word finds. Only the names found are then ranked: a name that is exactly the words typed,
// then one that starts with the first word, then one that holds every word whole, then the rest
// (a word inside a longer one: « lyon » in « Grandlyon »); within each, as before, by the
// contracts of the party's company on the party directory the ETL counted once.
import { communeKeySql, type PartyNames } from "../../lib/party-names.ts";
import { MAX_NAME_WORDS, nameWords } from "../../client/src/shared/name-words.js";
import { badRequest } from "../errors.ts";
import { likeEscape } from "../params.ts";

/** What a search looks for: the start of an id, or the words of a name (name-words.js). */
export type NameSearch = { byId: true; start: string } | { byId: false; words: string[] };

/** Words that name a town hall; a buyer's name starting with one of them « de » is a commune's. */
const TOWN_HALL_WORDS = new Set(["commune", "mairie", "ville"]);

/** Words that only link others in a name, left out when telling whether it is exactly the words. */
const LINKING_WORDS = new Set([
  "a",
  "au",
  "aux",
  "d",
  "de",
  "des",
  "du",
  "en",
  "et",
  "l",
  "la",
  "le",
  "les",
]);

/** A name that is a town hall's, on a name's key or its folded form (« commune d'… »). */
const TOWN_HALL_NAME = "'^(commune|mairie|ville) d(e|u|es)?[^a-z]'";

/**
 * The query of the distinct ids found, as the column `names.id`, with `tier` (0 best, see the
 * header). Parameters (`hitsParams`): $1 the kind, then the id's LIKE pattern or each word.
 */
export function hitsSql({ kind, id }: PartyNames, search: NameSearch): string {
  if (search.byId) {
    return `SELECT DISTINCT p.id AS ${id}, 0 AS tier FROM party_names p
             WHERE p.kind = $1 AND p.id LIKE $2 ESCAPE '\\'`;
  }
  const townHall = (word: string) => kind === "buyer" && TOWN_HALL_WORDS.has(word);
  const words = search.words.map((word, i) => ({ word, param: `$${i + 2}` }));
  // Longest first: the rarest word usually, so the others are tested on few names.
  const filters = [...words]
    .sort((a, b) => b.word.length - a.word.length)
    .map(({ word, param }) =>
      townHall(word)
        ? `(contains(p.t, ${param}) OR regexp_matches(p.t, ${TOWN_HALL_NAME}))`
        : `contains(p.t, ${param})`,
    );
  // The name's words between spaces, a town hall's name read as « commune de … ».
  const spaced = `trim(regexp_replace(coalesce(f.key, f.folded), '[^a-z0-9]+', ' ', 'g'))`;
  const read = kind === "buyer" ? communeKeySql(spaced) : spaced;
  const at = (test: "contains" | "starts_with", { word, param }: (typeof words)[number]) =>
    `${test}(s.n, ' ' || ${param} || ' ')` +
    (townHall(word) ? ` OR starts_with(s.n, ' commune ')` : "");
  const everyWhole = words.map((w) => `(${at("contains", w)})`).join(" AND ");
  const first = words[0];
  const startsFirst = first ? at("starts_with", first) : "false";
  // A name is exactly the words typed when its other words only link them (« Commune de Lyon »
  // for « lyon commune »), not when it has an initial more (« R Construction »).
  const linking = `len(regexp_extract_all(s.n, '\\b(${[...LINKING_WORDS].join("|")})\\b'))`;
  const ownWords = `len(regexp_extract_all(s.n, '[a-z0-9]+')) - ${linking}`;
  const typedOwn = search.words.filter((word) => !LINKING_WORDS.has(word)).length;
  return `SELECT s.id AS ${id},
                 min(CASE WHEN ${everyWhole} AND ${ownWords} = ${typedOwn} THEN 0
                          WHEN ${startsFirst} THEN 1
                          WHEN ${everyWhole} THEN 2 ELSE 3 END) AS tier
            FROM (SELECT f.id, ' ' || ${read} || ' ' AS n
                    FROM (SELECT p.id, p.key, p.folded
                            FROM (SELECT id, key, folded, coalesce(key, folded) AS t
                                    FROM party_names WHERE kind = $1) p
                           WHERE ${filters.join(" AND ")}) f) s
           GROUP BY s.id`;
}

/**
 * The common table expressions of a search, up to its listed parties: `hits`, the ids found
 * (`hitsSql`, same parameters), and `ranked`, the first `limit` of them on the party directory
 * (lib/party-directory.ts): by the best tier of their company's establishments found, the
 * contracts of that company, then their own. `ranked` has the columns `idAs` (the party's id),
 * siren, nom, contracts, amount, amount_contracts (the amount's N), company_tier and
 * company_contracts; list them in `RANKED_ORDER(idAs)`.
 */
export function rankedHitsSql(
  names: PartyNames,
  search: NameSearch,
  limit: number,
  idAs: string,
): string {
  return `WITH hits AS (
       ${hitsSql(names, search)}
     ), ranked AS (
       SELECT p.id AS ${idAs}, p.siren, p.nom, p.contracts, p.amount, p.amount_contracts,
              min(hits.tier) OVER company AS company_tier,
              sum(p.contracts) OVER company AS company_contracts
         FROM party_directory p JOIN hits ON hits.${names.id} = p.id
        WHERE p.kind = $1
       WINDOW company AS (PARTITION BY coalesce(p.siren, p.id))
        ORDER BY ${rankedOrder("", idAs)}
        LIMIT ${Math.trunc(limit)}
     )`;
}

/** The order of `ranked` (alias `r`), for the query that reads it. */
export const RANKED_ORDER = (idAs: string): string => rankedOrder("r.", idAs);

/** The order over `ranked`'s own columns; `prefix` names its table in a query with others. */
function rankedOrder(prefix: string, idAs: string): string {
  const p = prefix;
  return `${p}company_tier, ${p}company_contracts DESC, coalesce(${p}siren, ${p}${idAs}), ${p}contracts DESC, ${p}${idAs}`;
}

/** The parameters of `hitsSql`. */
export function hitsParams({ kind }: PartyNames, search: NameSearch): string[] {
  return search.byId ? [kind, `${likeEscape(search.start)}%`] : [kind, ...search.words];
}

/**
 * What a typed text searches: the start of an id when `isId` says it is one (its spaces
 * removed), else its words (name-words.js); none for punctuation alone, which finds no one.
 */
export function nameSearch(text: string, isId: (compact: string) => boolean): NameSearch {
  const compact = text.replace(/\s+/g, "");
  return isId(compact) ? { byId: true, start: compact } : { byId: false, words: nameWords(text) };
}

/** A name search's `q`, refused with a 400 naming it beyond MAX_NAME_WORDS words. */
export function checkNameWords(q: string): string {
  if (nameWords(q).length > MAX_NAME_WORDS) {
    throw badRequest(
      "q",
      `q contient plus de ${MAX_NAME_WORDS} mots (les mots d'une ou deux lettres ne comptent pas)`,
    );
  }
  return q;
}
