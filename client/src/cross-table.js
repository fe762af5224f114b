// An indicator broken down by two dimensions as the table analysts read: one row per value of
// the first (e.g. région, in alphabetical order), one column per value of the second (e.g. année,
// the latest first), and
// in each cell the value, its N, its coverage and its flags (numbered, explained under the table;
// read in full by screen readers): a figure is never read without what it rests on. Its CSV
// gives each column's value, N, coverage and flags side by side.
import { TIME_KEYS } from "./charts/common.js";
import { newestFirst } from "./charts/time.js";
import { h } from "./dom.js";
import { FLAG_LABELS, formatInteger, formatPercent, formatValue } from "./format.js";
import { keyId, keyNames } from "./key-names.js";
import { labelOrder, pivot } from "./pivot.js";
import { tableBox } from "./table.js";
import { numberOrNull, SHARE_UNIT } from "./table-csv.js";

/**
 * @typedef {import("./types.js").IndicatorResult} IndicatorResult
 * @typedef {import("./table-csv.js").NumberFormat} NumberFormat
 * @typedef {{
 *   value: string, n: string, coverage: string, coverageValue: string | null, flags: string[],
 *   numbers: {
 *     value: number | null, n: number | null, coverage: number | null,
 *     coverageValue: number | null,
 *   },
 * }} CrossCell  value, n, coverage (« couverture 49 % »), coverageValue (for sums of amounts,
 *   else null): as shown; numbers: the same as numbers, for the file
 * @typedef {{ key: string, text: string }} CrossKey  a code (keyId) and the words shown for it
 * @typedef {{
 *   rowHeader: string, columnHeader: string, rows: CrossKey[], columns: CrossKey[],
 *   format: NumberFormat | null, unit: string, inValue: boolean,
 *   cell: (row: string, column: string) => CrossCell | undefined, flags: string[],
 * }} CrossModel
 *   rows, columns: one per code, never merged by name (key-names.js: a name that several codes
 *   bear shows its code); cell: by the row's and the column's keys; flags: the flags found in
 *   the cells, in the order of FLAG_LABELS (their note numbers)
 */

/** @param {IndicatorResult} result @param {string} key */
const labelOf = (result, key) => result.columns.find((c) => c.name === key)?.label ?? key;

/**
 * @param {IndicatorResult} result  broken down by rowKey and columnKey
 * @param {string} rowKey
 * @param {string} columnKey
 * @returns {CrossModel}
 */
export function crossModel(result, rowKey, columnKey) {
  const value = result.columns.find((c) => c.role === "value");
  const time = TIME_KEYS.includes(columnKey);
  // Periods as everywhere on the dashboard: the latest first, the undated last.
  const rows = time ? newestFirst(result.rows, columnKey) : result.rows;
  const rowName = keyNames(result, rowKey);
  const columnName = keyNames(result, columnKey);
  const wide = pivot(
    rows,
    (row) => keyId(row, rowKey),
    (row) => keyId(row, columnKey),
    { sortColumns: !time, columnText: columnName },
  );
  const seen = new Set(result.rows.flatMap((row) => (Array.isArray(row.flags) ? row.flags : [])));
  const inValue = result.columns.some((c) => c.role === "coverage_value");
  return {
    inValue,
    format: /** @type {NumberFormat | null} */ (value?.format ?? null),
    unit: result.indicator.unit_label,
    rowHeader: labelOf(result, rowKey),
    columnHeader: labelOf(result, columnKey),
    rows: wide.rowKeys
      .map((key) => ({ key, text: rowName(wide.first(key)) }))
      .sort((a, b) => labelOrder(a.text, b.text)),
    columns: wide.columnKeys.map((key) => ({ key, text: columnName(wide.columnFirst(key)) })),
    cell: (r, c) => {
      const row = wide.cell(r, c);
      if (!row) return undefined;
      return {
        value: formatValue(row.value, value?.format),
        n: formatInteger(row.n),
        coverage: coverageText(row),
        coverageValue: inValue ? `couverture en valeur ${formatPercent(row.coverage_value)}` : null,
        flags: Array.isArray(row.flags) ? row.flags : [],
        numbers: {
          value: numberOrNull(row.value),
          n: numberOrNull(row.n),
          coverage: numberOrNull(row.coverage),
          coverageValue: numberOrNull(row.coverage_value),
        },
      };
    },
    flags: [
      .../** @type {import("./types.js").RowFlag[]} */ (Object.keys(FLAG_LABELS)),
      ...[...seen].sort(),
    ].filter((flag, i, all) => seen.has(flag) && all.indexOf(flag) === i),
  };
}

/**
 * A cell's coverage in words (basis.js's): with no contract in the scope, it is without object,
 * not unknown.
 * @param {import("./types.js").Row} row
 */
function coverageText(row) {
  if (typeof row.coverage === "number") return `couverture ${formatPercent(row.coverage)}`;
  return row.n_scope === 0 ? "couverture sans objet" : "couverture inconnue";
}

/** @param {string} flag */
const flagText = (flag) => FLAG_LABELS[/** @type {keyof FLAG_LABELS} */ (flag)] ?? flag;

/**
 * The table on screen and its flag notes.
 * @param {CrossModel} model
 * @param {string} caption
 */
export function crossTableElement(model, caption) {
  const note = (/** @type {string} */ flag) => model.flags.indexOf(flag) + 1;
  const cell = (/** @type {string} */ r, /** @type {string} */ c) => {
    const found = model.cell(r, c);
    if (!found) return h("td", { class: "num cross__empty" }, "—");
    const small = found.flags.includes("below_min_n");
    return h(
      "td",
      { class: small ? "num cross--small" : "num" },
      h(
        "span",
        { class: "cross__value" },
        found.value,
        found.flags.length > 0
          ? h(
              "sup",
              { "aria-hidden": "true" },
              found.flags
                .map(note)
                .sort((a, b) => a - b)
                .join(","),
            )
          : null,
      ),
      h("span", { class: "cross__n" }, `N = ${found.n}`),
      h("span", { class: "cross__n cross__coverage" }, found.coverage),
      found.coverageValue === null
        ? null
        : h("span", { class: "cross__n cross__coverage" }, found.coverageValue),
      found.flags.length > 0
        ? h(
            "span",
            { class: "visually-hidden" },
            ` Signalements : ${found.flags.map(flagText).join(" ; ")}.`,
          )
        : null,
    );
  };
  return h(
    "div",
    { class: "cross" },
    tableBox(
      caption,
      model.rows.length,
      h(
        "table",
        { class: "data-table cross-table" },
        h("caption", {}, h("span", {}, caption)),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, model.rowHeader),
            model.columns.map((c) => h("th", { scope: "col", class: "num" }, c.text)),
          ),
        ),
        h(
          "tbody",
          {},
          model.rows.length === 0
            ? h(
                "tr",
                {},
                h("td", { colspan: model.columns.length + 1 }, "Aucune donnée pour ces filtres."),
              )
            : model.rows.map((r) =>
                h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, r.text),
                  model.columns.map((c) => cell(r.key, c.key)),
                ),
              ),
        ),
      ),
    ),
    model.flags.length > 0
      ? h(
          "ol",
          { class: "cross__notes", "aria-label": "Signalements des cellules" },
          model.flags.map((flag) => h("li", {}, flagText(flag))),
        )
      : null,
  );
}

/**
 * @typedef {{
 *   header: string, format: NumberFormat | null,
 *   shown: (cell: CrossCell) => string, number: (cell: CrossCell) => number | string | null,
 * }} CsvPart
 */

/**
 * The table as a CSV model (table-csv.js): each column's value, N, coverage (in value too for
 * sums of amounts) and flags side by side, the words on screen in `rows`, the figures as numbers
 * in `csv` (a share from 0 to 1, said in its header), a pair without any contract left empty.
 * @param {CrossModel} model
 * @returns {import("./table.js").TableModel}
 */
export function crossCsvModel(model) {
  const unit = model.format === "percent" ? SHARE_UNIT : model.unit;
  /** @type {CsvPart[]} one part of a column's cells: header, words on screen, the file's */
  const parts = [
    {
      header: `valeur (${unit})`,
      format: model.format,
      shown: (cell) => cell.value,
      number: (cell) => cell.numbers.value,
    },
    { header: "N", format: "integer", shown: (cell) => cell.n, number: (cell) => cell.numbers.n },
    {
      header: `couverture (${SHARE_UNIT})`,
      format: "percent",
      shown: (cell) => cell.coverage,
      number: (cell) => cell.numbers.coverage,
    },
    ...(model.inValue
      ? [
          {
            header: `couverture en valeur (${SHARE_UNIT})`,
            format: /** @type {NumberFormat} */ ("percent"),
            shown: (/** @type {CrossCell} */ cell) => cell.coverageValue ?? "",
            number: (/** @type {CrossCell} */ cell) => cell.numbers.coverageValue,
          },
        ]
      : []),
    {
      header: "signalements",
      format: null,
      shown: (cell) => cell.flags.map(flagText).join(" ; "),
      number: (cell) => cell.flags.map(flagText).join(" ; "),
    },
  ];
  const headers = [
    model.rowHeader,
    ...model.columns.flatMap(({ text }) => parts.map((p) => `${text} – ${p.header}`)),
  ];
  const cells = (/** @type {CrossKey} */ r, /** @type {CrossKey} */ c) => model.cell(r.key, c.key);
  return {
    headers,
    // On screen's words: a pair without any contract reads « — », as in the table.
    rows: model.rows.map((r) => [
      r.text,
      ...model.columns.flatMap((c) => {
        const found = cells(r, c);
        return parts.map((p, i) => (found ? p.shown(found) : i === 0 ? "—" : ""));
      }),
    ]),
    numeric: headers.map((_, i) => i > 0 && parts[(i - 1) % parts.length]?.format !== null),
    csv: {
      headers,
      formats: [null, ...model.columns.flatMap(() => parts.map((p) => p.format))],
      rows: model.rows.map((r) => [
        r.text,
        ...model.columns.flatMap((c) => {
          const found = cells(r, c);
          return parts.map((p) => (found ? p.number(found) : null));
        }),
      ]),
    },
  };
}
