// Which lot each content of a shared id belongs to. Lots published under one id the same day are
// told apart by their content (etl/sql/lots.sql); a producer then republishes one of them with a
// field corrected (a typo in the objet, the amount), and counting that version as one more lot
// would count the lot twice. The rule, one publication day after the other:
// - a content joins a lot when it differs from the lot's latest version in one field only
//   (objet, initial amount, notification or signature date, titulaires), when no content of that
//   lot was ever published on a day it was, when no other lot could be meant (two candidates: it
//   stays a lot of its own), and when no other record of its day would join the same lot (then
//   they are two lots);
// - anything else is a lot of its own. Merging two lots loses a contract; so, in doubt, each
//   content stays a contract.
// Written here rather than in SQL: each day's decision rests on the lots the days before made, and
// the shared ids are few (tens of thousands of contents at most, nationally).
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type Row } from "../../lib/duckdb.ts";

export interface LotContent {
  kind: string;
  uid: string;
  content_key: string;
  /** The first day it was published (YYYY-MM-DD); null when it never says. */
  first_published: string | null;
  /** Every day it was published. */
  days: string[];
  objet: string | null;
  amount: number | null;
  date: string | null;
  /** Its titulaires' ids, sorted. */
  parties: string[] | null;
}

export interface LotKey {
  kind: string;
  uid: string;
  content_key: string;
  /** The content key of the lot's first version. */
  lot_key: string;
}

export interface LotCorrection {
  kind: string;
  uid: string;
  /** The content key of the corrected version. */
  later: string;
  /** The field it corrects, and its new value as text. */
  field: "objet" | "montant" | "date" | "titulaires";
  corrected_value: string | null;
}

interface Lot {
  key: string;
  days: Set<string>;
  latest: LotContent;
}

/** The one field in which two contents differ, or null when they differ in none or several. */
function onlyDifference(a: LotContent, b: LotContent): LotCorrection["field"] | null {
  const differences: LotCorrection["field"][] = [];
  if (a.objet !== b.objet) differences.push("objet");
  if (a.amount !== b.amount) differences.push("montant");
  if (a.date !== b.date) differences.push("date");
  if ((a.parties ?? []).join(" ") !== (b.parties ?? []).join(" ")) differences.push("titulaires");
  return differences.length === 1 ? differences[0] : null;
}

function correctedValue(content: LotContent, field: LotCorrection["field"]): string | null {
  if (field === "objet") return content.objet;
  if (field === "montant") return content.amount === null ? null : String(content.amount);
  if (field === "date") return content.date;
  return (content.parties ?? []).join(" ");
}

/** The lots of one shared id's contents. */
function lotsOfOneId(contents: LotContent[]): { keys: LotKey[]; corrections: LotCorrection[] } {
  const keys: LotKey[] = [];
  const corrections: LotCorrection[] = [];
  const lots: Lot[] = [];
  const keyOf = (c: LotContent, lot: string) =>
    keys.push({ kind: c.kind, uid: c.uid, content_key: c.content_key, lot_key: lot });
  const own = (c: LotContent) => {
    keyOf(c, c.content_key);
    lots.push({ key: c.content_key, days: new Set(c.days), latest: c });
  };
  // A content that never says when it was published corrects nothing and is never corrected.
  const dated = contents.filter((c) => c.first_published !== null);
  contents.filter((c) => c.first_published === null).forEach((c) => keyOf(c, c.content_key));
  const days = [...new Set(dated.map((c) => c.first_published as string))].sort();
  for (const day of days) {
    const ofDay = dated.filter((c) => c.first_published === day);
    const proposals = ofDay.map((c) => {
      const candidates = lots.filter(
        (lot) => !c.days.some((d) => lot.days.has(d)) && onlyDifference(lot.latest, c) !== null,
      );
      return candidates.length === 1 ? candidates[0] : null;
    });
    const wanted = (lot: Lot | null) => proposals.filter((p) => p === lot).length;
    ofDay.forEach((c, i) => {
      const lot = proposals[i];
      if (lot === null || wanted(lot) > 1) return own(c);
      const field = onlyDifference(lot.latest, c) as LotCorrection["field"];
      keyOf(c, lot.key);
      corrections.push({
        kind: c.kind,
        uid: c.uid,
        later: c.content_key,
        field,
        corrected_value: correctedValue(c, field),
      });
      c.days.forEach((d) => lot.days.add(d));
      lot.latest = c;
    });
  }
  return { keys, corrections };
}

/** The lot of every content, per kind and shared id. */
export function lotKeys(contents: LotContent[]): { keys: LotKey[]; corrections: LotCorrection[] } {
  const byId = new Map<string, LotContent[]>();
  for (const c of contents) {
    const id = `${c.kind}\u0000${c.uid}`;
    const group = byId.get(id);
    if (group) group.push(c);
    else byId.set(id, [c]);
  }
  const keys: LotKey[] = [];
  const corrections: LotCorrection[] = [];
  for (const group of byId.values()) {
    const lots = lotsOfOneId(group);
    keys.push(...lots.keys);
    corrections.push(...lots.corrections);
  }
  return { keys, corrections };
}

const asText = (value: Row[string]): string | null => (value === null ? null : String(value));

/** Reads `lot_contents`, writes the temporary tables `lot_keys` and `lot_corrections`. */
export async function writeLotKeys(connection: DuckDBConnection): Promise<void> {
  const rows = await queryRows(connection, "SELECT * FROM lot_contents ORDER BY kind, uid");
  const contents: LotContent[] = rows.map((r) => ({
    kind: String(r.kind),
    uid: String(r.uid),
    content_key: String(r.content_key),
    first_published: asText(r.first_published),
    days: Array.isArray(r.days) ? r.days.map(String) : [],
    objet: asText(r.objet),
    amount: typeof r.amount === "number" ? r.amount : null,
    date: asText(r.date),
    parties: Array.isArray(r.parties) ? r.parties.map((p) => (p === null ? "" : String(p))) : null,
  }));
  const { keys, corrections } = lotKeys(contents);
  await connection.run(
    "CREATE TEMP TABLE lot_keys (kind VARCHAR, uid VARCHAR, content_key VARCHAR, lot_key VARCHAR)",
  );
  await connection.run(
    `CREATE TEMP TABLE lot_corrections (kind VARCHAR, uid VARCHAR, later VARCHAR, field VARCHAR,
       corrected_value VARCHAR)`,
  );
  await insertRows(
    connection,
    "lot_keys",
    keys.map((k) => [k.kind, k.uid, k.content_key, k.lot_key]),
  );
  await insertRows(
    connection,
    "lot_corrections",
    corrections.map((c) => [c.kind, c.uid, c.later, c.field, c.corrected_value]),
  );
}

/** Rows per INSERT: one statement per row took 52 s for 50 000 rows here (the national data have
 * tens of thousands of contents under shared ids), 500 per statement 2 s. */
const ROWS_PER_INSERT = 500;

/** Rows into a table of this module, in batches of bound statements. */
async function insertRows(
  connection: DuckDBConnection,
  table: "lot_keys" | "lot_corrections",
  rows: (string | null)[][],
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const batch = rows.slice(start, start + ROWS_PER_INSERT);
    let slot = 0;
    const tuples = batch.map((row) => `(${row.map(() => `$${++slot}`).join(", ")})`);
    await connection.run(`INSERT INTO ${table} VALUES ${tuples.join(", ")}`, batch.flat());
  }
}
