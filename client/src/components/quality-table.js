// Parts shared by the rejects and field-issues sections of « Mises à jour des données ».
import { h } from "../dom.js";
import { formatInteger } from "../format.js";

/**
 * Counts of /api/rejects or /api/field-issues (asked with limit=1: the page only needs the groups).
 * @typedef {{ total: number, groups: Record<string, string | number>[],
 *   by_source: { source: string, count: number }[] }} Counts
 */

/** @param {string} caption @param {string[]} headers @param {Node[]} rows @param {string} [className] */
export function table(caption, headers, rows, className = "") {
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: `data-table ${className}` },
      h("caption", {}, h("span", {}, caption)),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          headers.map((t) => h("th", { scope: "col" }, t)),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
}

/** The API counts records from 0; readers from the first (« 1ᵉʳ », « 2ᵉ »). @param {unknown} p */
export function position(p) {
  const n = Number(p) + 1;
  return `${formatInteger(n)}${n === 1 ? "ᵉʳ" : "ᵉ"} enregistrement`;
}
