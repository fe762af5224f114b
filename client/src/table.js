// The numbers under every chart, as an accessible table (its CSV: table-csv.js). A mix of
// categories is pivoted to one row per year or per breakdown value and one column per category,
// as the chart shows it. Periods are listed latest first (the figure a reader looks for first,
// without scrolling), and the contracts without a notification date last, as « Date inconnue ».
import { TIME_KEYS } from "./charts/common.js";
import { newestFirst } from "./charts/time.js";
import { h } from "./dom.js";
import { keyId, keyNames } from "./key-names.js";
import { pivot } from "./pivot.js";
import { numberOrNull, SHARE_UNIT } from "./table-csv.js";
import { FLAG_LABELS, formatInteger, formatPercent, formatValue, STATUS_LABELS } from "./format.js";
import { notJudgedText } from "./shared/not-judged-text.js";

/**
 * @typedef {{
 *   headers: string[], rows: string[][], numeric: boolean[],
 *   csv?: import("./table-csv.js").CsvTable,
 * }} TableModel
 *   rows: the words on screen; csv: the same table for « Ce tableau (CSV) », figures as numbers
 * @typedef {import("./types.js").IndicatorResult} IndicatorResult
 */

/**
 * The rows of a result, the latest period first and the undated ones last (charts/time.js).
 * @param {IndicatorResult} result
 */
function rowsInOrder(result) {
  const time = result.columns.find((c) => c.role === "key" && TIME_KEYS.includes(c.name))?.name;
  return time ? newestFirst(result.rows, time) : result.rows;
}

/**
 * @param {IndicatorResult} result
 * @returns {TableModel}
 */
export function tableModel(result) {
  const ind = result.indicator;
  const keys = result.columns.filter((c) => c.role === "key");
  const value = result.columns.find((c) => c.role === "value");
  const category = ind.shape === "mix" ? ind.shape_dimension : null;
  const rowKeys = keys.filter((k) => k.name !== category);
  if (category && rowKeys.length === 1) return pivotModel(result, rowKeys[0]?.name ?? "", category);
  const hasStatus = result.columns.some((c) => c.role === "status");
  const hasTarget = result.columns.some((c) => c.role === "target_met");
  const basis = basisColumns(result);
  const names = keys.map((k) => keyNames(result, k.name));
  const headers = [
    ...keys.map((k) => k.label),
    `Valeur (${ind.unit_label})`,
    ...basis.map((b) => b.header),
    ...(hasStatus ? ["Seuils"] : []),
    ...(hasTarget ? ["Cible atteinte"] : []),
    "Signalements",
  ];
  const numeric = headers.map((_, i) => i >= keys.length && i <= keys.length + basis.length);
  const ordered = rowsInOrder(result);
  const rows = ordered.map((row) => [
    ...names.map((name) => name(row)),
    formatValue(row.value, value?.format),
    ...basis.map((b) => b.cell(row)),
    // A row without a verdict says why, in the badges' words (the engine's reason code).
    ...(hasStatus
      ? [
          typeof row.status === "string"
            ? (STATUS_LABELS[row.status] ?? "")
            : unjudged("non évalué", notJudgedText(row.status_not_judged, row, null)),
        ]
      : []),
    ...(hasTarget
      ? [
          row.target_met === true
            ? "oui"
            : row.target_met === false
              ? "non"
              : unjudged(
                  "non évaluée",
                  notJudgedText(row.target_not_judged, row, ind.target?.year ?? null),
                ),
        ]
      : []),
    (Array.isArray(row.flags) ? row.flags : []).map((f) => FLAG_LABELS[f] ?? f).join(" ; "),
  ]);
  // The file: the same columns, the figures as numbers in their format (a share from 0 to 1,
  // said in its header), the words of the other cells as on screen.
  const format = /** @type {import("./table-csv.js").NumberFormat | null} */ (
    value?.format ?? null
  );
  const figures = [{ name: "value", format }, ...basis];
  const words = headers.slice(keys.length + figures.length);
  const formats = [
    ...keys.map(() => null),
    ...figures.map((f) => f.format),
    ...words.map(() => null),
  ];
  const csv = {
    headers: csvHeaders(headers, formats),
    formats,
    rows: ordered.map((row, i) => {
      const shown = rows[i] ?? [];
      return [
        ...shown.slice(0, keys.length),
        ...figures.map((f) => numberOrNull(row[f.name])),
        ...shown.slice(keys.length + figures.length),
      ];
    }),
  };
  return { headers, rows, numeric, csv };
}

/**
 * The headers in the file: a share column says its unit in full, the share being a number from
 * 0 to 1 there (« Valeur (part) » → « Valeur (part, 1 = 100 %) », « Couverture » → « Couverture
 * (part, 1 = 100 %) »).
 * @param {string[]} headers
 * @param {(import("./table-csv.js").NumberFormat | null)[]} formats
 */
function csvHeaders(headers, formats) {
  return headers.map((header, i) =>
    formats[i] === "percent" ? `${header.replace(/ \(part\)$/u, "")} (${SHARE_UNIT})` : header,
  );
}

/**
 * « non évalué » and why, or alone when the reason is unknown (an answer without its code, or a
 * code newer than the page).
 * @param {string} word
 * @param {string | null} why notJudgedText's words, null when it knows no reason
 */
const unjudged = (word, why) => (why === null ? word : `${word} : ${why}`);

/**
 * @typedef {{
 *   header: string, name: string, format: import("./table-csv.js").NumberFormat,
 *   cell: (row: import("./types.js").Row) => string,
 * }} BasisColumn  name: the API's column, format: its numbers' in the file
 */

/**
 * What each value rests on: N (the contracts the figure is computed on), the contracts in
 * scope, coverage, and coverage in value where the result has it.
 * @param {IndicatorResult} result
 * @returns {BasisColumn[]}
 */
function basisColumns(result) {
  /** @type {BasisColumn[]} */
  const columns = [
    {
      header: "N (marchés du calcul)",
      name: "n",
      format: "integer",
      cell: (row) => formatInteger(row.n),
    },
    {
      header: "Marchés dans le périmètre",
      name: "n_scope",
      format: "integer",
      cell: (row) => formatInteger(row.n_scope),
    },
    {
      header: "Couverture",
      name: "coverage",
      format: "percent",
      cell: (row) => formatPercent(row.coverage),
    },
  ];
  if (result.columns.some((c) => c.role === "coverage_value")) {
    columns.push({
      header: "Couverture en valeur",
      name: "coverage_value",
      format: "percent",
      cell: (row) => formatPercent(row.coverage_value),
    });
  }
  return columns;
}

/**
 * One row per value of `rowKey`, one column per category, cells = the category's share.
 * @param {IndicatorResult} result
 * @param {string} rowKey
 * @param {string} category
 * @returns {TableModel}
 */
function pivotModel(result, rowKey, category) {
  const value = result.columns.find((c) => c.role === "value");
  const basis = basisColumns(result);
  const rows = rowsInOrder(result);
  if (rows.length === 0)
    return { headers: [rowKeyLabel(result, rowKey)], rows: [], numeric: [false] };
  // Keyed by the codes, shown by their names (key-names.js): namesakes stay apart.
  const rowName = keyNames(result, rowKey);
  const categoryName = keyNames(result, category);
  const wide = pivot(
    rows,
    (row) => keyId(row, rowKey),
    (row) => keyId(row, category),
    { columnText: categoryName },
  );
  const headers = [
    rowKeyLabel(result, rowKey),
    ...wide.columnKeys.map((c) => categoryName(wide.columnFirst(c))),
    ...basis.map((b) => b.header),
  ];
  const table = wide.rowKeys.map((key) => {
    const cells = wide.columnKeys.map((c) => {
      const row = wide.cell(key, c);
      return row ? formatValue(row.value, value?.format) : "—";
    });
    // Basis cells are the same for every category of a key (N: the contracts with the
    // category filled), so any one of them stands for the key.
    const first = wide.first(key);
    return [rowName(first), ...cells, ...basis.map((b) => b.cell(first))];
  });
  // The file: each category's share and the basis as numbers (a share from 0 to 1).
  const format = /** @type {import("./table-csv.js").NumberFormat | null} */ (
    value?.format ?? null
  );
  const formats = [null, ...wide.columnKeys.map(() => format), ...basis.map((b) => b.format)];
  const csv = {
    headers: csvHeaders(headers, formats),
    formats,
    rows: wide.rowKeys.map((key, i) => [
      table[i]?.[0] ?? "",
      ...wide.columnKeys.map((c) => numberOrNull(wide.cell(key, c)?.value)),
      ...basis.map((b) => numberOrNull(wide.first(key)[b.name])),
    ]),
  };
  return { headers, rows: table, numeric: headers.map((_, i) => i > 0), csv };
}

/** @param {IndicatorResult} result @param {string} key */
function rowKeyLabel(result, key) {
  return result.columns.find((c) => c.name === key)?.label ?? key;
}

/**
 * @param {TableModel} model
 * @param {string} caption
 */
export function renderTable(model, caption) {
  return tableElement(
    caption,
    model.headers,
    model.numeric,
    model.rows,
    "Aucune donnée pour ces filtres.",
  );
}

/**
 * Rows beyond which a table scrolls in a box of its own (32rem high, `.table-scroll--long`),
 * with a shadow at its lower edge and a line under it giving the count. A shorter table is shown
 * whole: a reader, on a phone or on paper, should not have to find out that a box scrolls to see
 * its fifth row.
 */
export const LONG_TABLE_ROWS = 25;

/**
 * An accessible table: a caption, column headers, the first cell of each row as its header,
 * numbers aligned right, and a sentence when there is no row. It slides sideways in its box when
 * wider than the screen; a long one also scrolls down in it, said under it. `stack`: on a phone,
 * each row becomes a block of its cells, each under its column's name (`data-label`, drawn by
 * the CSS), for tables of text whose columns would not fit side by side.
 * @param {string} caption
 * @param {string[]} headers
 * @param {boolean[]} numeric
 * @param {(string | Node)[][]} rows
 * @param {string} empty  what to say when there is no row
 * @param {{ stack?: boolean }} [options]
 */
export function tableElement(caption, headers, numeric, rows, empty, { stack = false } = {}) {
  return tableBox(
    caption,
    rows.length,
    h(
      "table",
      { class: stack ? "data-table data-table--stack" : "data-table" },
      h("caption", {}, h("span", {}, caption)),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          headers.map((text, i) =>
            h("th", { scope: "col", class: numeric[i] ? "num" : null }, text),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        rows.length === 0
          ? h("tr", {}, h("td", { colspan: headers.length }, empty))
          : rows.map((cells) =>
              h(
                "tr",
                {},
                cells.map((cell, i) =>
                  i === 0
                    ? h("th", { scope: "row" }, cell)
                    : h(
                        "td",
                        {
                          class: numeric[i] ? "num" : null,
                          "data-label": stack ? headers[i] : null,
                        },
                        cell,
                      ),
                ),
              ),
            ),
      ),
    ),
  );
}

/**
 * The box of a table (`tableElement`'s, the two-dimension table's): it slides sideways when the
 * table is wider than the screen; past LONG_TABLE_ROWS rows it also scrolls down, said under it
 * (a table by buyer has 2 390 rows: the page would otherwise be 100 000 pixels long).
 * @param {string} caption
 * @param {number} rowCount
 * @param {HTMLElement} table
 * @returns {HTMLElement}
 */
export function tableBox(caption, rowCount, table) {
  const long = rowCount > LONG_TABLE_ROWS;
  const box = h(
    "div",
    {
      class: long ? "table-scroll table-scroll--long" : "table-scroll",
      tabindex: 0,
      role: "region",
      "aria-label": caption,
    },
    table,
  );
  if (!long) return box;
  return h(
    "div",
    { class: "table-long" },
    box,
    h(
      "p",
      { class: "table-long__note" },
      `${formatInteger(rowCount)} lignes : faites défiler le tableau dans son cadre pour les voir toutes (les intitulés des colonnes restent en haut).`,
    ),
  );
}
