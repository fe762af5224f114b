// Supplier (titulaire) look-ups. A supplier is one identifier as published (a SIRET for French
// firms). Its name is the who's who's (titulaires.nom, etl/sql/enrich.sql), else the most frequent
// denomination_sociale; a placeholder id is « Titulaire non identifié », and a placeholder buyer
// « Acheteur non identifié » (unidentified.ts), found by those words, never by the names
// published under it. A buyer's name is buyers.nom. Search finds every word typed, in any order,
// accents and case folded (name-search.ts), and groups the establishments of one company (SIREN)
// under it (companies.ts).
import type { Row } from "../../lib/duckdb.ts";
import { PARTY_NAMES } from "../../lib/party-names.ts";
import { UNIDENTIFIED_PARTY } from "../../lib/party-ids.ts";
import type { Snapshot } from "../db.ts";
import { SUMMED_AMOUNT } from "../../lib/summed-amount.ts";
import { groupByCompany, type CompanyGroup } from "./companies.ts";
import { withLabels } from "./labels.ts";
import { hitsParams, nameSearch, RANKED_ORDER, rankedHitsSql } from "./name-search.ts";
import { PLACE_COLUMNS, PLACE_JOINS, placeOf, textOrNull, type Place } from "./place.ts";
import { identifiesParty, namedParty } from "./unidentified.ts";

const SUPPLIER_NAMES = PARTY_NAMES.supplier;

/**
 * A row's share of the amounts and its own N: the contracts whose amount it sums (published,
 * not suspect), each joint award split equally among its titulaires.
 */
const SPLIT_AND_N = `round(sum(${SUMMED_AMOUNT} / greatest(c.titulaires_count, 1)), 2) AS amount_split,
            count(${SUMMED_AMOUNT}) AS amount_contracts`;

export async function searchSuppliers(
  snapshot: Snapshot,
  text: string,
  limit: number,
): Promise<{ suppliers: Row[]; companies: CompanyGroup[] }> {
  // An identifier's start (a SIRET, or a foreign one led by letters), else the words of a name.
  const search = nameSearch(text, (compact) => /^[A-Za-z]{0,2}\d{3,}$/.test(compact));
  if (!search.byId && search.words.length === 0) return { suppliers: [], companies: [] };
  const rows = await snapshot.query(
    `${rankedHitsSql(SUPPLIER_NAMES, search, limit, "titulaire_id")}
     SELECT r.titulaire_id, r.siren, r.nom, r.contracts, o.nom AS entreprise_nom
       FROM ranked r LEFT JOIN organisations o ON o.siren = r.siren
      ORDER BY ${RANKED_ORDER("titulaire_id")}`,
    hitsParams(SUPPLIER_NAMES, search),
  );
  const named = rows.map((r) =>
    namedParty(r, "supplier", "titulaire_id", ["nom", "entreprise_nom"]),
  );
  const grouped = groupByCompany(named, "titulaire_id");
  return { suppliers: grouped.rows, companies: grouped.companies };
}

export interface SupplierSummary {
  titulaire_id: string;
  nom: string | null;
  /** False for a placeholder id: these contracts were published without naming their titulaire. */
  identified: boolean;
  type_identifiant: string | null;
  totals: Row;
  by_year: Row[];
  top_buyers: Row[];
  contracts: Row[];
  profile: SupplierProfile;
}

/** What the who's who knows of a titulaire: its size, ESS status and place, null when unknown. */
export interface SupplierProfile extends Place {
  categorie_entreprise: string | null;
  categorie_entreprise_label: string | null;
  categorie_entreprise_annee: number | null;
  ess: boolean | null;
}

/** Contracts of one supplier, each once, with its share of each joint award. */
const SUPPLIER_CONTRACTS = `
  WITH mine AS (
    SELECT DISTINCT s.uid FROM contract_suppliers s WHERE s.titulaire_id = $1
  )
  SELECT c.* FROM contracts c JOIN mine USING (uid)`;

/** `sizeLabel` names a size category in French (the model's dimension titulaire_categorie). */
export async function supplierSummary(
  snapshot: Snapshot,
  id: string,
  limit: number,
  sizeLabel: (category: string) => string | null,
): Promise<SupplierSummary | null> {
  const p = [id];
  const [identity] = await snapshot.query(
    `SELECT coalesce((SELECT nom FROM titulaires WHERE titulaire_id = $1), mode(denomination_sociale)) AS nom,
            mode(type_identifiant) AS type_identifiant
       FROM contract_suppliers WHERE titulaire_id = $1`,
    p,
  );
  const [totals] = await snapshot.query(
    `SELECT count(*) AS contracts,
            round(sum(${SUMMED_AMOUNT}), 2) AS amount_whole,
            count(${SUMMED_AMOUNT}) AS amount_contracts,
            round(sum(${SUMMED_AMOUNT} / greatest(c.titulaires_count, 1)), 2) AS amount_split,
            count(*) FILTER (WHERE c.titulaires_count > 1) AS joint_contracts,
            count(DISTINCT c.acheteur_id) AS buyers,
            min(c.date_notification) AS first_notification,
            max(c.date_notification) AS last_notification
       FROM (${SUPPLIER_CONTRACTS}) c`,
    p,
  );
  if (!identity || !totals || totals.contracts === 0) return null;
  const byYear = await snapshot.query(
    `SELECT year(c.date_notification) AS year, count(*) AS contracts, ${SPLIT_AND_N}
       FROM (${SUPPLIER_CONTRACTS}) c GROUP BY 1 ORDER BY 1 NULLS LAST`,
    p,
  );
  const topBuyers = await snapshot.query(
    `SELECT c.acheteur_id AS siret, coalesce(any_value(c.acheteur_denomination), mode(c.acheteur_nom)) AS nom,
            count(*) AS contracts, ${SPLIT_AND_N}
       FROM (${SUPPLIER_CONTRACTS}) c GROUP BY 1
      ORDER BY amount_split DESC NULLS LAST, contracts DESC, 1 LIMIT 10`,
    p,
  );
  const contracts = await snapshot.query(
    `SELECT c.uid, c.id, c.acheteur_id, coalesce(c.acheteur_denomination, c.acheteur_nom) AS acheteur_nom, c.objet, c.date_notification, c.montant,
            c.montant_suspect, c.procedure, c.type_marche, c.titulaires_count
       FROM (${SUPPLIER_CONTRACTS}) c
      ORDER BY c.date_notification DESC NULLS LAST, c.uid LIMIT ${Math.trunc(limit)}`,
    p,
  );
  const [known] = await snapshot.query(
    `SELECT party.categorie_entreprise, party.categorie_entreprise_annee, party.ess, ${PLACE_COLUMNS}
       FROM titulaires party ${PLACE_JOINS}
      WHERE party.titulaire_id = $1`,
    p,
  );
  const category = textOrNull(known?.categorie_entreprise);
  const year = known?.categorie_entreprise_annee;
  const profile: SupplierProfile = {
    categorie_entreprise: category,
    categorie_entreprise_label: category === null ? null : sizeLabel(category),
    categorie_entreprise_annee: typeof year === "number" ? year : null,
    ess: typeof known?.ess === "boolean" ? known.ess : null,
    ...placeOf(known),
  };
  const identified = identifiesParty(id);
  const nom = typeof identity.nom === "string" ? identity.nom : null;
  return {
    titulaire_id: id,
    nom: identified ? nom : UNIDENTIFIED_PARTY.supplier,
    identified,
    type_identifiant:
      typeof identity.type_identifiant === "string" ? identity.type_identifiant : null,
    totals,
    by_year: byYear,
    top_buyers: topBuyers.map((r) => namedParty(r, "buyer", "siret")),
    contracts: contracts.map(withLabels),
    profile,
  };
}
