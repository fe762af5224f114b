// The SQL that turns a tabular file into one table of canonical rows (`rows`): DuckDB reads the
// file (read_csv with the detected separator, or read_parquet), every column as text, each known
// column lands in its field, blank values and the publisher's markers become NULL, and what a row
// had repaired or nulled is kept with the row (`row_issues`). Columns are referred to by position
// (c0, c1 …), never by the names the file gives them; the constants are bound parameters.
import type { DuckDBValue } from "@duckdb/node-api";
import { FIELD_NAMES, FIELDS, type ColumnMap, type Field } from "./columns.ts";
import type { Dialect } from "./dialects.ts";
import { INVALID_MARKER_PROBLEM, MISSING_MARKER_PROBLEM, SANS_OBJET_PROBLEM } from "./problems.ts";

/** Values collected while the SQL is written, bound when it runs. */
export class Params {
  readonly values: Record<string, DuckDBValue> = {};
  private next = 0;

  /** A placeholder for a value ($p0, $p1 …). */
  bind(value: DuckDBValue): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

/** The wordings decp.info replaced by « Sans objet » (decp-processing clean_null_equivalent). */
const SANS_OBJET_FOR: Partial<Record<Field, string>> = {
  considerations_sociales: "Pas de considération sociale",
  considerations_environnementales: "Pas de considération environnementale",
  ccag: "Pas de CCAG",
};

const ISSUE_TYPE = "STRUCT(field VARCHAR, raw VARCHAR, problem VARCHAR, action VARCHAR)";

/** The `rows` table from the view `src_rows` (row_idx, c0 … cN as text). */
export function rowsSql(columns: ColumnMap, dialect: Dialect, params: Params): string {
  const values: string[] = [];
  const issues: string[] = [];
  for (const field of FIELD_NAMES) {
    const positions = columns.fields[field] ?? [];
    if (positions.length === 0) {
      values.push(`NULL::VARCHAR AS ${field}`);
      continue;
    }
    const cleaned = positions.map((p) => cleanValue(`c${p}`, dialect));
    let value = cleaned.length === 1 ? cleaned[0] : `coalesce(${cleaned.join(", ")})`;
    const wording = dialect.sansObjetForNone ? SANS_OBJET_FOR[field] : undefined;
    if (wording !== undefined) {
      value = `CASE WHEN trim(${value}) = 'Sans objet' THEN ${params.bind(wording)} ELSE ${value} END`;
      issues.push(
        `CASE WHEN trim(${cleaned[0]}) = 'Sans objet' THEN ${issue(field, cleaned[0], SANS_OBJET_PROBLEM, "repaired", params)} END`,
      );
    }
    values.push(`${value} AS ${field}`);
    if (dialect.markers) {
      for (const p of positions) issues.push(markerIssue(field, `c${p}`, params));
    }
  }
  const filled = FIELD_NAMES.filter((f) => (columns.fields[f] ?? []).length > 0);
  const rowIssues =
    issues.length > 0
      ? `list_filter([${issues.join(",\n    ")}], x -> x IS NOT NULL)`
      : `[]::${ISSUE_TYPE}[]`;
  // The contract's key: the uid column, else the DECP's buyer id || id, else (no id) the buyer and
  // a hash of what does not change with a modification (objet, CPV, procedure, nature, place):
  // rows without id then group as the rows of a key do, lots and versions told apart alike.
  return `CREATE TABLE rows AS
  SELECT *, coalesce(uid, acheteur_id || id, coalesce(acheteur_id, '') || '~' ||
           md5(to_json([objet, code_cpv, procedure, nature, lieu_code]))) AS ckey
  FROM (
    SELECT row_idx,
      ${values.join(",\n      ")},
      ${rowIssues} AS row_issues,
      coalesce(${filled.join(", ")}) IS NULL AS empty
    FROM src_rows
  )`;
}

/** Blank is NULL; with the MINEF markers, CDL and MQ are NULL and "INX " is taken off. */
function cleanValue(column: string, dialect: Dialect): string {
  if (!dialect.markers) return `CASE WHEN trim(${column}) = '' THEN NULL ELSE ${column} END`;
  return `CASE WHEN trim(${column}) IN ('', 'CDL', 'MQ') THEN NULL
    WHEN starts_with(${column}, 'INX ') THEN substr(${column}, 5) ELSE ${column} END`;
}

/** MQ (a mandatory value missing) is nulled and logged; CDL (an optional one empty) is not. */
function markerIssue(field: Field, column: string, params: Params): string {
  return `CASE WHEN trim(${column}) = 'MQ' THEN ${issue(field, column, MISSING_MARKER_PROBLEM, "nulled", params)}
    WHEN starts_with(${column}, 'INX ') THEN ${issue(field, column, INVALID_MARKER_PROBLEM, "flagged", params)} END`;
}

function issue(field: Field, raw: string, problem: string, action: string, params: Params) {
  return `{'field': ${params.bind(FIELDS[field])}, 'raw': ${raw}, 'problem': ${params.bind(problem)}, 'action': ${params.bind(action)}}`;
}

/** The JSON text of a whole source row, for a rejected row's `raw`. */
export function rawRowSql(columnCount: number): string {
  return `to_json([${Array.from({ length: columnCount }, (_, i) => `c${i}`).join(", ")}])`;
}
