// The words of a contract search, cut the same way by the server (which searches each in the
// objet) and by the search page (which knows before asking whether there are too many).
// Plain ES module without imports: the server imports it too.

/** Words a contract search takes at the most: each must be in the objet, so a few are plenty. */
export const MAX_SEARCH_WORDS = 8;

/**
 * The distinct words of a query in lower case, in the order typed; spaces, punctuation and
 * apostrophes (typed ' or typographic ’) separate them.
 * @param {string} text
 * @returns {string[]}
 */
export function searchWords(text) {
  const words = text
    .toLowerCase()
    .split(/[\s,;:!?()«»"'’]+/u)
    .filter((w) => w !== "");
  return [...new Set(words)];
}
