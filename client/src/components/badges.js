// Status words beside a value: threshold colour, target reached or not, and warnings. Colour is
// never the only signal: each badge says what it means in words.
import { h } from "../dom.js";
import { FLAG_LABELS, formatBound, formatValue, STATUS_LABELS } from "../format.js";
import { notJudgedText } from "../shared/not-judged-text.js";

/**
 * The target badge's words: reached, not reached, or not judged and why.
 * @param {import("../types.js").Indicator} ind
 * @param {import("../types.js").Row} row
 */
export function targetText(ind, row) {
  if (!ind.target) return "";
  const target = `${formatValue(ind.target.value, ind.format)} en ${ind.target.year}`;
  const met = row.target_met;
  if (met === true) return `Cible (${target}) atteinte`;
  if (met === false) return `Cible (${target}) non atteinte`;
  // Why not: the engine's code (target_not_judged), worded; the page decides nothing.
  const why = notJudgedText(row.target_not_judged, row, ind.target.year);
  return `Cible (${target}) : non évaluée${because(why)}`;
}

/**
 * The reason in brackets after « non évalué », or nothing when it is unknown (no code, or one
 * newer than the page): « non évalué (non évalué) » would say nothing twice.
 * @param {string | null} why notJudgedText's words
 */
const because = (why) => (why === null ? "" : ` (${why})`);

/**
 * @param {import("../types.js").Indicator} ind
 * @param {import("../types.js").Row | undefined} row
 */
export function badges(ind, row) {
  const items = [];
  if (row && ind.thresholds) {
    const t = ind.thresholds;
    const status = typeof row.status === "string" ? row.status : null;
    const rule = [
      t.green ? `vert si ${formatBound(t.green, ind.format)}` : "",
      t.red ? `rouge si ${formatBound(t.red, ind.format)}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    items.push(
      h(
        "span",
        { class: `badge badge--${status ?? "none"}`, title: `Seuils : ${rule} (${t.source})` },
        status
          ? `Seuil : ${STATUS_LABELS[status] ?? status}`
          : `Seuil : non évalué${because(notJudgedText(row.status_not_judged, row, null))}`,
      ),
    );
  }
  if (row && ind.target) {
    const met = row.target_met;
    items.push(
      h(
        "span",
        {
          class: `badge badge--${met === true ? "green" : met === false ? "red" : "none"}`,
          title: ind.target.label,
        },
        targetText(ind, row),
      ),
    );
  }
  for (const flag of row && Array.isArray(row.flags) ? row.flags : []) {
    items.push(h("span", { class: "badge badge--warning" }, FLAG_LABELS[flag] ?? flag));
  }
  return items.length > 0 ? h("p", { class: "badges" }, items) : null;
}
