// A second, independent computation of a buyer's publication quality, in plain JavaScript over
// the raw rows of the snapshot (every column of its contracts and their titulaires), following
// the rules as indicators/quality/publication-quality.yaml states them. Shares nothing with
// server/publication-quality/ but the definition file it reads.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Row } from "../../../lib/duckdb.ts";
import { queryFile } from "./test-server.ts";

interface Field {
  column: string;
  decp: string;
  check?: "filled" | "positive";
}
interface Component {
  id: string;
  kind: string;
  weight: number;
  months?: number;
  notified_from?: string;
  fields?: Field[];
}
export interface Definition {
  grades: { grade: string; min_score: number }[];
  min_contracts: number;
  components: Component[];
}

export const readDefinition = (): Definition =>
  parse(readFileSync("indicators/quality/publication-quality.yaml", "utf8")) as Definition;

export interface Truth {
  contracts: number;
  components: Record<string, { n: number; n_scope: number; passed: number }>;
  grade: string | null;
  /** "uid field" for every problem found. */
  problems: string[];
}

/** Calendar months added as DuckDB does: the day kept, or the month's last day. */
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function luhn(id: string): boolean {
  if (!/^\d{14}$/.test(id)) return false;
  const sum = [...id].reduce((s, c, i) => {
    let d = Number(c) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    return s + d;
  }, 0);
  if (sum % 10 === 0) return true;
  return id.startsWith("356000000") && [...id].reduce((s, c) => s + Number(c), 0) % 5 === 0;
}

const filled = (row: Row, f: Field) =>
  f.check === "positive"
    ? typeof row[f.column] === "number" && (row[f.column] as number) > 0
    : row[f.column] !== null && row[f.column] !== undefined;

export async function qualityTruth(
  dbPath: string,
  definition: Definition,
  siret: string,
  year: number | null,
): Promise<Truth> {
  const all = await queryFile(
    dbPath,
    "SELECT * EXCLUDE (decp_format), decp_format::VARCHAR AS decp_format FROM contracts WHERE acheteur_id = $1",
    [siret],
  );
  const mine = all.filter(
    (r) =>
      year === null ||
      (typeof r.date_notification === "string" && r.date_notification.startsWith(`${year}-`)),
  );
  const sources = [...new Set(mine.map((r) => String(r.source)))];
  const sourceRows = (
    await Promise.all(
      sources.map((s) => queryFile(dbPath, "SELECT * FROM contracts WHERE source = $1", [s])),
    )
  ).flat();
  const carried = (source: string, f: Field) =>
    sourceRows.some((r) => r.source === source && filled(r, f));
  const suppliers = await queryFile(
    dbPath,
    "SELECT s.* FROM contract_suppliers s JOIN contracts c USING (uid) WHERE c.acheteur_id = $1",
    [siret],
  );
  const problems: string[] = [];
  const components: Truth["components"] = {};
  for (const c of definition.components) {
    let n = 0;
    let scope = 0;
    let passed = 0;
    for (const r of mine) {
      const uid = String(r.uid);
      const dn = r.date_notification as string | null;
      const dp = r.date_publication_donnees as string | null;
      let judged = true;
      const found: string[] = [];
      if (c.kind === "fields_filled" || c.kind === "format_2024_fields") {
        if (c.kind === "format_2024_fields" && (dn === null || dn < (c.notified_from ?? "")))
          continue;
        if (c.kind === "format_2024_fields" && r.decp_format === "v1") found.push("format");
        else {
          const fields = c.fields ?? [];
          const checkable = fields.filter((f) => carried(String(r.source), f));
          judged = checkable.length > 0;
          for (const f of checkable) if (!filled(r, f)) found.push(f.decp);
        }
      } else if (c.kind === "valid_sirets") {
        if (!luhn(siret)) found.push("acheteur.id");
        for (const s of suppliers.filter((x) => x.uid === uid)) {
          const asSiret = s.type_identifiant === null || s.type_identifiant === "SIRET";
          if (asSiret && !luhn(String(s.titulaire_id ?? "")))
            found.push(`titulaires[${s.position}].id`);
        }
      } else if (c.kind === "published_within") {
        if (dn === null || dp === null) judged = false;
        else if (dp < dn) {
          judged = false;
          found.push("datePublicationDonnees");
        } else if (dp > addMonths(dn, c.months ?? 0)) found.push("datePublicationDonnees");
      } else if (c.kind === "plausible_amounts") {
        judged = r.montant_initial !== null || r.montant_suspect === true;
        if (r.montant_suspect === true) found.push("montant");
        if (r.montant_modification_ecartee === true) found.push("modifications.montant");
      }
      scope += 1;
      if (judged) {
        n += 1;
        if (found.length === 0) passed += 1;
      }
      problems.push(...found.map((field) => `${uid} ${field}`));
    }
    components[c.id] = { n, n_scope: scope, passed };
  }
  let weights = 0;
  let sum = 0;
  for (const c of definition.components) {
    const { n, passed } = components[c.id] ?? { n: 0, passed: 0 };
    if (n === 0) continue;
    weights += c.weight;
    sum += (c.weight * passed) / n;
  }
  const score = weights > 0 ? sum / weights : null;
  const grade =
    mine.length < definition.min_contracts || score === null
      ? null
      : (definition.grades.find((g) => score >= g.min_score)?.grade ?? null);
  return { contracts: mine.length, components, grade, problems };
}
