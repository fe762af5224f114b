// A share in French figures (« 12,5 % »): one implementation for the dashboard
// (client/src/format.js) and the annual report (server/report/format.ts), so that both say the
// same figure. A plain ES module with no import, loaded by the browser from /src/shared/ and by
// the server through a relative import (types in share-text.d.ts).

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });

const NONE = percent.format(0);
const ALL = percent.format(1);

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
  const text = percent.format(value);
  if (text === NONE && value > 0) return `<\u00a0${percent.format(0.001)}`;
  if (text === ALL && value < 1) return `>\u00a0${percent.format(0.999)}`;
  return text;
}
