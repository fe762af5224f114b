// Status words beside a value: threshold colour, target reached or not, and warnings. Colour is
// never the only signal: each badge says what it means in words.
import { TIME_KEYS } from "../charts/common.js";
import { h } from "../dom.js";
import { FLAG_LABELS, formatBound, formatValue, plural, STATUS_LABELS } from "../format.js";

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
 * Why the API gives a row no target verdict (indicators/result-rows.ts), the first reason that
 * holds: a period before the target's year; a figure over several years (a total, a région over
 * all years) whose contracts begin before it, which cannot be held to a value set for that year;
 * a figure whose dated contracts are of that year or later but which holds undated ones, of a
 * year no one knows; then the reasons of any verdict; last, a figure none of whose contracts is
 * dated.
 * @param {import("../types.js").Row} row
 * @param {number} year the target's year
 */
function targetNotJudgedBecause(row, year) {
  if (earlierThan(row, year)) return `fixée pour ${year}`;
  const hasPeriod = TIME_KEYS.some((key) => key in row);
  const first = row.first_year;
  const last = row.last_year;
  if (!hasPeriod && typeof first === "number" && first < year) {
    const years =
      typeof last === "number" && last !== first ? `de ${first} à ${last}` : `de ${first}`;
    return `chiffre ${years}, objectif fixé pour ${year}`;
  }
  const undated = typeof row.n_undated === "number" ? row.n_undated : 0;
  if (undated > 0 && typeof first === "number") {
    const contracts = plural(undated, "marché", "marchés");
    return `${contracts} du chiffre sans date de notification, année inconnue`;
  }
  const reason = notJudgedBecause(row);
  // A total none of whose contracts is dated, or the row of the undated ones (« Date inconnue »).
  if (reason === "non évalué" && first === null) return "aucun marché daté";
  return reason;
}

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
  return `Cible (${target}) : non évaluée (${targetNotJudgedBecause(row, ind.target.year)})`;
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
