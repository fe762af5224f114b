// Status words beside a value: threshold colour, target reached or not, and warnings. Colour is
// never the only signal: each badge says what it means in words.
import { h } from "../dom.js";
import { FLAG_LABELS, formatBound, formatValue, STATUS_LABELS } from "../format.js";

/**
 * Why a figure gets no colour nor target verdict (the engine gives none: indicators/result-rows.ts),
 * the first reason that holds.
 * @param {import("../types.js").Row} row
 */
function notJudgedBecause(row) {
  const flags = Array.isArray(row.flags) ? row.flags : [];
  if (flags.includes("format_not_available")) return "aucun marché au format 2024";
  if (typeof row.value !== "number") return "pas de valeur";
  if (flags.includes("below_min_n")) return "trop peu de marchés";
  if (flags.includes("low_coverage")) return "information trop peu renseignée";
  return "non évalué";
}

/**
 * Whether the row is of a year (quarter, month) before the target's: the API leaves it unjudged.
 * @param {import("../types.js").Row} row
 * @param {number} year
 */
function earlierThan(row, year) {
  const period = row.year ?? row.quarter ?? row.month;
  const rowYear = typeof period === "number" ? period : Number(String(period ?? "").slice(0, 4));
  return Number.isFinite(rowYear) && rowYear > 0 && rowYear < year;
}

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
          : `Seuil : non évalué (${notJudgedBecause(row)})`,
      ),
    );
  }
  if (row && ind.target) {
    const met = row.target_met;
    const target = `${formatValue(ind.target.value, ind.format)} en ${ind.target.year}`;
    items.push(
      h(
        "span",
        {
          class: `badge badge--${met === true ? "green" : met === false ? "red" : "none"}`,
          title: ind.target.label,
        },
        met === true
          ? `Cible (${target}) atteinte`
          : met === false
            ? `Cible (${target}) non atteinte`
            : `Cible (${target}) : non évaluée (${earlierThan(row, ind.target.year) ? `fixée pour ${ind.target.year}` : notJudgedBecause(row)})`,
      ),
    );
  }
  for (const flag of row && Array.isArray(row.flags) ? row.flags : []) {
    items.push(h("span", { class: "badge badge--warning" }, FLAG_LABELS[flag] ?? flag));
  }
  return items.length > 0 ? h("p", { class: "badges" }, items) : null;
}
