// What the SPASER and peer answers of one buyer rest on: the establishments a plan covers (a
// SIREN stands for every SIRET of the organisation met in the contracts), the years with
// contracts, and the buyer's type from the who's who. Values are bound parameters only.
import type { Snapshot } from "../db.ts";

export interface BuyerYear {
  year: number;
  contracts: number;
  contracts_2024_format: number;
}

/** The SIRETs of the contracts that a list of SIRETs and SIRENs covers, in order. */
export async function coveredSirets(snapshot: Snapshot, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(", ");
  const rows = await snapshot.query(
    `SELECT DISTINCT acheteur_id FROM contracts
      WHERE acheteur_id IN (${placeholders}) OR left(acheteur_id, 9) IN (${placeholders})
      ORDER BY 1`,
    [...ids],
  );
  return rows.map((r) => String(r.acheteur_id));
}

/** Contracts per notification year (contracts without a date left out), oldest first. */
export async function buyerYears(
  snapshot: Snapshot,
  sirets: readonly string[],
): Promise<BuyerYear[]> {
  if (sirets.length === 0) return [];
  const placeholders = sirets.map((_, i) => `$${i + 1}`).join(", ");
  const rows = await snapshot.query(
    `SELECT year(date_notification) AS year, count(*) AS contracts,
            count(*) FILTER (WHERE decp_format <> 'v1') AS contracts_2024_format
       FROM contracts WHERE acheteur_id IN (${placeholders}) AND date_notification IS NOT NULL
      GROUP BY 1 ORDER BY 1`,
    [...sirets],
  );
  return rows.map((r) => ({
    year: Number(r.year),
    contracts: Number(r.contracts),
    contracts_2024_format: Number(r.contracts_2024_format),
  }));
}

export interface BuyerIdentity {
  nom: string | null;
  type_acheteur: string | null;
  /** Where the who's who places it; null for a Région placed by its région only. */
  departement: string | null;
}

export async function buyerIdentity(snapshot: Snapshot, siret: string): Promise<BuyerIdentity> {
  const [row] = await snapshot.query(
    "SELECT nom, type_acheteur, departement FROM buyers WHERE acheteur_id = $1",
    [siret],
  );
  return {
    nom: typeof row?.nom === "string" ? row.nom : null,
    type_acheteur: typeof row?.type_acheteur === "string" ? row.type_acheteur : null,
    departement: typeof row?.departement === "string" ? row.departement : null,
  };
}
