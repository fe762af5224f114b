// What the publication-quality rules need to know of each of a buyer's contracts, read in one
// query. Columns come from the checked definition (canonical columns only, quoted); every value
// (buyer, year, months) is a bound parameter. "Carried" says whether the contract's source file
// fills a column for any of its contracts: an extract that drops a column is not the buyer's
// fault, so such a field is not verifiable rather than missing.
import type { Row } from "../../lib/duckdb.ts";
import type { Snapshot } from "../db.ts";
import { PerSnapshot } from "../per-snapshot.ts";
import type { QualityDefinition, QualityField } from "./definition.ts";

export interface BadSiret {
  position: number;
  id: string | null;
}

export interface ContractFacts {
  uid: string;
  id: string | null;
  objet: string | null;
  date_notification: string | null;
  date_publication_donnees: string | null;
  decp_format: string;
  source: string;
  montant_initial: number | null;
  montant_suspect: boolean;
  montant_modification_ecartee: boolean;
  /** Per checked column: filled (or positive) on this contract. */
  filled: Record<string, boolean>;
  /** Per checked column: the contract's source fills it for some contract. */
  carried: Record<string, boolean>;
  /** Per published_within component id: on time, late, or null when the dates do not allow. */
  on_time: Record<string, boolean | null>;
  /** Titulaires identified as SIRET (declared so, or with no type). */
  siret_parties: number;
  bad_sirets: BadSiret[];
}

const quote = (name: string) => `"${name}"`;

function checkedFields(definition: QualityDefinition): QualityField[] {
  const byColumn = new Map<string, QualityField>();
  for (const c of definition.components) {
    if (c.kind === "fields_filled" || c.kind === "format_2024_fields") {
      for (const f of c.fields) byColumn.set(f.column, f);
    }
  }
  return [...byColumn.values()];
}

const filledExpr = (f: QualityField, table: string) =>
  f.check === "positive"
    ? `coalesce(${table}.${quote(f.column)} > 0, false)`
    : `(${table}.${quote(f.column)} IS NOT NULL)`;

type Carried = Map<string, Record<string, boolean>>;

/** The carried columns of every source, per list of checked fields. */
const carriedKept = new PerSnapshot<Carried>();

/**
 * For each source of the snapshot, whether it fills each checked column for some contract. A
 * national feed is one source of a million and a half contracts: reading it again for every
 * buyer cost each quality answer a scan of the whole table, so it is read once per snapshot.
 */
function carriedBySource(snapshot: Snapshot, fields: QualityField[]): Promise<Carried> {
  const id = fields.map((f) => `${f.column}:${f.check}`).join(",");
  return carriedKept.of(snapshot, id, async (shared) => {
    const rows = await shared.query(
      `SELECT c.source${fields.map((f) => `, bool_or(${filledExpr(f, "c")}) AS ${quote(`k_${f.column}`)}`).join("")}
         FROM contracts c GROUP BY c.source`,
    );
    return new Map(
      rows.map((row) => [
        String(row.source),
        Object.fromEntries(fields.map((f) => [f.column, row[`k_${f.column}`] === true])),
      ]),
    );
  });
}

/** The buyer's contracts (of one notification year, when given) with their facts. */
export async function readContractFacts(
  snapshot: Snapshot,
  definition: QualityDefinition,
  siret: string,
  year: number | null,
): Promise<ContractFacts[]> {
  const fields = checkedFields(definition);
  const params: (string | number)[] = [siret];
  let yearClause = "";
  if (year !== null) {
    params.push(year);
    yearClause = `AND year(date_notification) = $${params.length}`;
  }
  const onTime = definition.components.flatMap((c) => {
    if (c.kind !== "published_within") return [];
    params.push(c.months);
    const months = `$${params.length}::INTEGER`;
    return [
      `CASE WHEN m.date_notification IS NOT NULL AND m.date_publication_donnees IS NOT NULL
              AND m.date_publication_donnees >= m.date_notification
            THEN m.date_publication_donnees <= m.date_notification + to_months(${months}) END
         AS ${quote(`t_${c.id}`)}`,
    ];
  });
  const sql = `
    WITH mine AS (SELECT * FROM contracts WHERE acheteur_id = $1 ${yearClause}),
    parties AS (
      SELECT s.uid, count(*) AS siret_parties,
             to_json(list({'position': s.position, 'id': s.titulaire_id} ORDER BY s.position)
                     FILTER (WHERE NOT s.siret_valide))::VARCHAR AS bad_sirets
        FROM contract_suppliers s JOIN mine USING (uid)
       WHERE s.type_identifiant IS NULL OR s.type_identifiant = 'SIRET'
       GROUP BY s.uid
    )
    SELECT m.uid, m.id, m.objet, m.date_notification, m.date_publication_donnees,
           m.decp_format::VARCHAR AS decp_format, m.source, m.montant_initial, m.montant_suspect,
           m.montant_modification_ecartee, coalesce(p.siret_parties, 0) AS siret_parties,
           p.bad_sirets
           ${fields.map((f) => `, ${filledExpr(f, "m")} AS ${quote(`f_${f.column}`)}`).join("")}
           ${onTime.map((e) => `, ${e}`).join("")}
      FROM mine m LEFT JOIN parties p USING (uid)
     ORDER BY m.date_notification DESC NULLS LAST, m.uid`;
  const carried = await carriedBySource(snapshot, fields);
  const rows = await snapshot.query(sql, params);
  const none = Object.fromEntries(fields.map((f) => [f.column, false]));
  return rows.map((row) =>
    toFacts(row, definition, fields, carried.get(String(row.source)) ?? none),
  );
}

function toFacts(
  row: Row,
  definition: QualityDefinition,
  fields: QualityField[],
  carried: Record<string, boolean>,
): ContractFacts {
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  const filled: Record<string, boolean> = {};
  for (const f of fields) filled[f.column] = row[`f_${f.column}`] === true;
  const onTime: Record<string, boolean | null> = {};
  for (const c of definition.components) {
    if (c.kind !== "published_within") continue;
    const value = row[`t_${c.id}`];
    onTime[c.id] = typeof value === "boolean" ? value : null;
  }
  const bad = typeof row.bad_sirets === "string" ? (JSON.parse(row.bad_sirets) as unknown) : [];
  return {
    uid: String(row.uid),
    id: text(row.id),
    objet: text(row.objet),
    date_notification: text(row.date_notification),
    date_publication_donnees: text(row.date_publication_donnees),
    decp_format: String(row.decp_format),
    source: String(row.source),
    montant_initial: typeof row.montant_initial === "number" ? row.montant_initial : null,
    montant_suspect: row.montant_suspect === true,
    montant_modification_ecartee: row.montant_modification_ecartee === true,
    filled,
    carried,
    on_time: onTime,
    siret_parties: Number(row.siret_parties),
    bad_sirets: Array.isArray(bad) ? (bad as BadSiret[]) : [],
  };
}
