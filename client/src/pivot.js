// Long rows to a wide table: one row per value of a key, one column per value of another. Small
// on purpose: the tables under the charts need nothing more (no table library on the page).
import { NO_LABEL, UNKNOWN_DATE } from "./shared/missing-key.js";

/**
 * @template T
 * @typedef {{
 *   rowKeys: string[], columnKeys: string[],
 *   cell: (rowKey: string, columnKey: string) => T | undefined,
 *   first: (rowKey: string) => T, columnFirst: (columnKey: string) => T,
 * }} Pivot
 *   rowKeys: in the order of the rows; columnKeys: in labelOrder; cell: the row
 *   of that pair (the first one when several share it); first, columnFirst: the first row of a
 *   row key, of a column key (whose words a caller shows for the key)
 */

/** Labels that say a value is missing: listed after the others. */
const MISSING = [NO_LABEL, UNKNOWN_DATE];

/**
 * The order of labels in a list for readers: as French words sort, missing values last.
 * @param {string} a
 * @param {string} b
 */
export function labelOrder(a, b) {
  return Number(MISSING.includes(a)) - Number(MISSING.includes(b)) || a.localeCompare(b, "fr");
}

/**
 * @template T
 * @param {T[]} rows
 * @param {(row: T) => string} rowKey  a row's identity (a code: rows are never merged by name)
 * @param {(row: T) => string} columnKey  likewise for the columns
 * @param {{ sortColumns?: boolean, columnText?: (row: T) => string }} [options]  sortColumns
 *   (default true): false keeps the columns in the order of the rows, for keys that have an order
 *   of their own (periods); columnText: the words a column is sorted by (default: its key)
 * @returns {Pivot<T>}
 */
export function pivot(rows, rowKey, columnKey, options = {}) {
  /** @type {Map<string, Map<string, T>>} */
  const byRow = new Map();
  /** @type {Map<string, T>} the first row of each column */
  const columns = new Map();
  for (const row of rows) {
    const r = rowKey(row);
    const c = columnKey(row);
    if (!columns.has(c)) columns.set(c, row);
    let cells = byRow.get(r);
    if (!cells) {
      cells = new Map();
      byRow.set(r, cells);
    }
    if (!cells.has(c)) cells.set(c, row);
  }
  const columnKeys = [...columns.keys()];
  const { columnText } = options;
  const text = (/** @type {string} */ c) =>
    columnText ? columnText(/** @type {T} */ (columns.get(c))) : c;
  if (options.sortColumns !== false) columnKeys.sort((a, b) => labelOrder(text(a), text(b)));
  return {
    rowKeys: [...byRow.keys()],
    columnKeys,
    cell: (r, c) => byRow.get(r)?.get(c),
    first: (r) => /** @type {T} */ (byRow.get(r)?.values().next().value),
    columnFirst: (c) => /** @type {T} */ (columns.get(c)),
  };
}
