// What every DECP reader yields: one raw record (marché or contrat de concession) at a time.

export type RecordKind = "marche" | "contrat-concession";

/** The kind an element name or a container key gives its records; null for any other name. */
export function recordKindOf(name: string | null): RecordKind | null {
  return name === "marche" || name === "contrat-concession" ? name : null;
}

/** How the records were wrapped in the file; with the records' own fields it gives the format. */
export type ContainerShape =
  | "json-array" // {"marches": [ … ]} (2019 format and transitional 2.0.0), or a bare [ … ]
  | "json-object" // {"marches": {"marche": [ … ], "contrat-concession": [ … ]}} (2024 format)
  | "xml-list" // <marches><marche/>…<contrat-concession/></marches>
  | "xml-single" // a single <marche> or <contrat-concession> as the root element
  | "tabular"; // records grouped from the rows of a CSV or Parquet file (etl/tabular/)

export interface SourceRecord {
  /** 0-based index of the record in its source, in reading order. */
  position: number;
  /** Kind given by the container (v2 arrays, XML element name); null in a mixed v1 array. */
  kindHint: RecordKind | null;
  /** The record as a plain object tree (XML elements become keys, repeated ones arrays). */
  value: unknown;
  /** The record's text as read (JSON text; for XML, the JSON of the converted tree). */
  raw: string;
  /** The record could not be parsed: why. `value` is then undefined. */
  parseError?: string;
  /** The record was over the size limit (input-limits.ts): why. `raw` is its first bytes. */
  tooLarge?: string;
  /** An XML record whose elements nest deeper than MAX_RECORD_DEPTH (input-limits.ts): it was
   * not built past that depth, `value` is undefined and `raw` the JSON of what was built. */
  tooDeep?: boolean;
  /** Keys whose value was a non-standard literal (NaN, Infinity) read as null. */
  nonStandardLiterals?: string[];
}

/** A whole-file problem (truncated, not JSON nor XML, …): the run fails and nothing is replaced. */
export class SourceFormatError extends Error {
  constructor(
    readonly source: string,
    readonly where: string,
    detail: string,
  ) {
    super(`${source}: ${detail} (${where})`);
    this.name = "SourceFormatError";
  }
}
