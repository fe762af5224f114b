// A producer's text (a contract's objet) as a reader sees it. Some platforms publish HTML
// line-break tags in it (« …de la rue<br />Notre Dame de Recouvrance… », 321 objets of the shipped
// samples), which the page showed as they are, since a producer's text is never inserted as HTML.
// The data stay as published (database, exports); only the text shown on screen and in the
// report turns each run of those tags into one line break, which a `white-space: pre-line` box
// shows as such and any other as a space. No other markup is read: it stays text.
// Plain ES module without imports: the server imports it too.

/** `<br>`, `<br/>`, `<br />`, `</br>` in any case, with the spaces around a run of them. */
const LINE_BREAK_TAGS = /\s*(?:<\/?br\s*\/?>\s*)+/giu;

/**
 * @param {string} text
 * @returns {string}
 */
export function publishedText(text) {
  return text.replace(LINE_BREAK_TAGS, "\n").trim();
}
