// Search results grouped by company: a reader looking for « Ville de Lyon » or a builder wants
// the company (SIREN, its name in the who's who's organisations table) with its establishments
// (SIRETs) under it, not a flat list where one company's sites are scattered. Identifiers that
// are not SIRETs (foreign firms, TVA numbers) make a group of their own, siren null.
import type { Row } from "../../lib/duckdb.ts";

export interface CompanyGroup {
  siren: string | null;
  nom: string | null;
  contracts: number;
  /** The establishments' identifiers, in the order of the flat list. */
  establishments: string[];
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * Splits the search rows (ordered company by company, `entreprise_nom` from organisations) into
 * the flat rows without that column and the companies in the same order.
 */
export function groupByCompany(
  rows: readonly Row[],
  idColumn: string,
): { rows: Row[]; companies: CompanyGroup[] } {
  const flat: Row[] = [];
  const companies: CompanyGroup[] = [];
  const bySiren = new Map<string, CompanyGroup>();
  for (const { entreprise_nom, ...row } of rows) {
    flat.push(row);
    const id = String(row[idColumn]);
    const siren = text(row.siren);
    let group = siren === null ? undefined : bySiren.get(siren);
    if (!group) {
      group = {
        siren,
        nom: text(entreprise_nom) ?? text(row.nom),
        contracts: 0,
        establishments: [],
      };
      companies.push(group);
      if (siren !== null) bySiren.set(siren, group);
    }
    group.contracts += Number(row.contracts ?? 0);
    group.establishments.push(id);
  }
  return { rows: flat, companies };
}
