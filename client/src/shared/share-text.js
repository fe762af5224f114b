// A share in French figures (« 12,5 % »): one implementation for the dashboard
// (client/src/format.js) and the annual report (server/report/format.ts), so that both say the
// same figure. A plain ES module with no import, loaded by the browser from /src/shared/ and by
// the server through a relative import (types in share-text.d.ts).

/**
 * `formatter.format`, except that a value rounded to zero reads « 0 », never « -0 »: a fall too
 * small to show is no fall (« -0 % », « -0 € »). Intl's own `signDisplay: "negative"` would say
 * the same, but throws in browsers older than 2023 (Firefox ESR 115), and takes every page down.
 * @param {Intl.NumberFormat} formatter
 * @returns {(value: number) => string}
 */
export function withoutNegativeZero(formatter) {
  const negativeZero = formatter.format(-0);
  const zero = formatter.format(0);
  return (value) => {
    const text = formatter.format(value);
    return text === negativeZero ? zero : text;
  };
}

const percent = withoutNegativeZero(
  new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 }),
);

const NONE = percent(0);
const ALL = percent(1);

/**
 * A share rounded to one decimal, but never to an end it does not reach: above zero it reads at
 * least « < 0,1 % », short of all at most « > 99,9 % ». « 0 % » would tell a reader that no
 * contract has a social clause when one in three thousand has; « 100 % » that a field is always
 * filled, or every euro counted, when it is not. Other numbers (a growth of 140 %, a fall of
 * 5 %) are rounded as they are.
 * @param {number} value
 * @returns {string}
 */
export function shareText(value) {
  const text = percent(value);
  if (text === NONE && value > 0) return `<\u00a0${percent(0.001)}`;
  if (text === ALL && value < 1) return `>\u00a0${percent(0.999)}`;
  return text;
}
