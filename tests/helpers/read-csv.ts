// Reads a small CSV file in plain JavaScript, independently of the ETL (which lets DuckDB read it):
// RFC 4180 quoting, a byte-order mark dropped, CRLF or LF. Tests count rows and distinct contract
// keys with it, so that the ETL's figures are checked against a second reading of the same bytes.
import { readFileSync } from "node:fs";

export interface Csv {
  header: string[];
  rows: string[][];
}

export function readCsv(path: string, separator: string): Csv {
  const text = readFileSync(path, "utf8").replace(/^\ufeff/, "");
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === separator) {
      record.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  const [header, ...rows] = records.filter((r) => !(r.length === 1 && r[0] === ""));
  return { header, rows };
}

/** The value of a column in a row, by its name in the header (case folded), or "". */
export function column(csv: Csv, name: string): (row: string[]) => string {
  const index = csv.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  if (index === -1) throw new Error(`no column ${name} in ${csv.header.join(", ")}`);
  return (row) => row[index] ?? "";
}

/** Distinct contract keys: the uid column when there is one, else buyer id + id (DECP's rule). */
export function distinctKeys(csv: Csv, buyerColumn: string): number {
  const hasUid = csv.header.some((h) => h.toLowerCase() === "uid");
  const key = hasUid
    ? column(csv, "uid")
    : (
        (buyer, id) => (row: string[]) =>
          `${buyer(row)}${id(row)}`
      )(column(csv, buyerColumn), column(csv, "id"));
  return new Set(csv.rows.map(key)).size;
}

/**
 * The record each row belongs to, by the rule the ETL documents (README, "Tabular files"), written
 * again here in plain JavaScript: the contract key, then the objet; within one objet, when every
 * row is one version, the amount, notification and publication (lots or republications under
 * one key are records of their own, as in a producer's JSON file).
 */
export function recordKeys(
  csv: Csv,
  buyerColumn: string,
  versionColumn: "modification_id" | "dateNotification" | null,
): { record: string; version: string }[] {
  const has = (name: string) => csv.header.some((h) => h.toLowerCase() === name.toLowerCase());
  const value = (name: string) => (has(name) ? column(csv, name) : () => "");
  const hasUid = has("uid");
  const [uid, buyer, id, objet, montant, notified, published] = [
    "uid",
    buyerColumn,
    "id",
    "objet",
    "montant",
    "dateNotification",
    "datePublicationDonnees",
  ].map(value);
  const version = versionColumn ? value(versionColumn) : () => "";
  const keyOf = (row: string[]) => `${hasUid ? uid(row) : `${buyer(row)}${id(row)}`}|${objet(row)}`;
  const versions = new Map<string, Set<string>>();
  for (const row of csv.rows) {
    const key = keyOf(row);
    versions.set(key, (versions.get(key) ?? new Set()).add(version(row)));
  }
  return csv.rows.map((row) => {
    const key = keyOf(row);
    const single = versions.get(key)!.size === 1;
    const lot = single ? `|${montant(row)}|${notified(row)}|${published(row)}` : "";
    return { record: `${key}${lot}`, version: version(row) };
  });
}
