// Pieces of the buyer, supplier and contract pages: key figures and tables whose cells may hold
// links, plus the display name of a party whose name the 2024 format does not publish.
import { h } from "../dom.js";

/**
 * @param {{ label: string, value: string }[]} figures
 */
export function keyFigures(figures) {
  return h(
    "dl",
    { class: "key-figures" },
    figures.map((f) =>
      h("div", { class: "key-figure" }, h("dt", {}, f.label), h("dd", {}, f.value)),
    ),
  );
}

/**
 * @template T
 * @typedef {{ label: string, cell: (row: T) => string | Node, numeric?: boolean }} LookupColumn
 */

/**
 * @template T
 * @param {string} caption
 * @param {LookupColumn<T>[]} columns
 * @param {T[]} rows
 */
export function lookupTable(caption, columns, rows) {
  return h(
    "div",
    { class: "table-scroll", tabindex: 0, role: "region", "aria-label": caption },
    h(
      "table",
      { class: "data-table" },
      h("caption", {}, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          columns.map((c) => h("th", { scope: "col", class: c.numeric ? "num" : null }, c.label)),
        ),
      ),
      h(
        "tbody",
        {},
        rows.length === 0
          ? h("tr", {}, h("td", { colspan: columns.length }, "Aucune donnée."))
          : rows.map((row) =>
              h(
                "tr",
                {},
                columns.map((c, i) =>
                  i === 0
                    ? h("th", { scope: "row" }, c.cell(row))
                    : h("td", { class: c.numeric ? "num" : null }, c.cell(row)),
                ),
              ),
            ),
      ),
    ),
  );
}

/**
 * @param {unknown} name
 * @param {string} id
 * @param {string} kind  "Acheteur" or "Entreprise"
 */
export function displayName(name, id, kind) {
  return typeof name === "string" && name.trim() !== "" ? name : `${kind} ${id}`;
}

export const NAME_NOTE =
  "Le nom n'est publié que dans les données de l'ancien format (2019) ; pour les marchés publiés depuis 2024, seul le numéro SIRET est connu.";
