// The words of a buyer's or a titulaire's name as a reader types them, cut the same way by the
// server (server/lookups/name-search.ts: each word must be in one of the party's names, in any
// order) and by the search page (which knows before asking whether there are too many). They are
// cut as the ETL keys the who's who's names (lib/party-names.ts `nameKeySql`, checked on every
// name of the samples by tests/server/name-words.test.ts): lower case, œ and æ spelt out, accents
// removed, every run of other characters a separator, « St » and « Ste » read as « Saint » and
// « Sainte ». Plain ES module without imports: the server imports it too.

/** Words a name search takes at the most (short words aside): a whole name pasted fits. */
export const MAX_NAME_WORDS = 10;

/**
 * A word of one or two letters (« de », « la », the « d » of « d' ») need not be found: a reader
 * types « Métropole de Lyon » for « Métropole Lyon », « Commune de Lyon » for « Lyon ».
 * Numbers are kept, whatever their length (« Lyon 3 »).
 * @param {string} word
 */
const isShort = (word) => /^[a-z]{1,2}$/.test(word);

/**
 * The distinct words a name search requires, in the order typed. When every word is short
 * (« BE », « la »), they are all kept: a text is never searched as no word at all.
 * @param {string} text
 * @returns {string[]}
 */
export function nameWords(text) {
  const words = text
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => (word === "st" ? "saint" : word === "ste" ? "sainte" : word));
  const long = words.filter((word) => !isShort(word));
  return [...new Set(long.length > 0 ? long : words)];
}
