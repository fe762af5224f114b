// An indicator broken down by two dimensions as the table analysts read: one row per value of
// the first (e.g. région, in alphabetical order), one column per value of the second (e.g. année,
// the latest first), and
// in each cell the value, its N and its flags (numbered, explained under the table; read in full
// by screen readers). Its CSV gives each column's value, N and flags side by side.
import { TIME_KEYS } from "./charts/common.js";
import { newestFirst } from "./charts/time.js";
import { h } from "./dom.js";
import { FLAG_LABELS, formatInteger, formatValue } from "./format.js";
import { keyId, keyNames } from "./key-names.js";
import { labelOrder, pivot } from "./pivot.js";
import { numberOrNull, SHARE_UNIT } from "./table-csv.js";

/**
 * @typedef {import("./types.js").IndicatorResult} IndicatorResult
 * @typedef {import("./table-csv.js").NumberFormat} NumberFormat
 * @typedef {{
 *   value: string, n: string, flags: string[], numbers: { value: number | null, n: number | null },
 * }} CrossCell  value, n: as shown; numbers: the same as numbers, for the file
 * @typedef {{ key: string, text: string }} CrossKey  a code (keyId) and the words shown for it
 * @typedef {{
 *   rowHeader: string, columnHeader: string, rows: CrossKey[], columns: CrossKey[],
 *   format: NumberFormat | null, unit: string,
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
  return {
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
        flags: Array.isArray(row.flags) ? row.flags : [],
        numbers: { value: numberOrNull(row.value), n: numberOrNull(row.n) },
      };
    },
    flags: [
      .../** @type {import("./types.js").RowFlag[]} */ (Object.keys(FLAG_LABELS)),
      ...[...seen].sort(),
    ].filter((flag, i, all) => seen.has(flag) && all.indexOf(flag) === i),
  };
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
    h(
      "div",
      { class: "table-scroll", tabindex: 0, role: "region", "aria-label": caption },
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
 * The table as a CSV model (table-csv.js): each column's value, N and flags side by side, the
 * words on screen in `rows`, the figures as numbers in `csv` (a share from 0 to 1, said in its
 * header), a pair without any contract left empty.
 * @param {CrossModel} model
 * @returns {import("./table.js").TableModel}
 */
export function crossCsvModel(model) {
  const headers = [
    model.rowHeader,
    ...model.columns.flatMap(({ text }) => [text, `${text} – N`, `${text} – signalements`]),
  ];
  const rows = model.rows.map((r) => [
    r.text,
    ...model.columns.flatMap((c) => {
      const found = model.cell(r.key, c.key);
      return found ? [found.value, found.n, found.flags.map(flagText).join(" ; ")] : ["—", "", ""];
    }),
  ]);
  const unit = model.format === "percent" ? SHARE_UNIT : model.unit;
  const csv = {
    headers: [
      model.rowHeader,
      ...model.columns.flatMap(({ text }) => [
        `${text} – valeur (${unit})`,
        `${text} – N`,
        `${text} – signalements`,
      ]),
    ],
    formats: [
      null,
      ...model.columns.flatMap(() => [model.format, /** @type {NumberFormat} */ ("integer"), null]),
    ],
    rows: model.rows.map((r) => [
      r.text,
      ...model.columns.flatMap((c) => {
        const found = model.cell(r.key, c.key);
        if (!found) return [null, null, null];
        return [found.numbers.value, found.numbers.n, found.flags.map(flagText).join(" ; ")];
      }),
    ]),
  };
  return { headers, rows, numeric: headers.map((_, i) => i > 0 && i % 3 !== 0), csv };
}
