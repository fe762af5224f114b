// Buyer look-ups on the canonical tables. Every value is a bound parameter; limits are checked
// integers. A buyer's name is the who's who's (buyers.nom: SIRENE, collectivités lists, a tabular
// feed, else the name published in the DECP, etl/sql/enrich.sql), else the most frequent
// acheteur_nom; a placeholder id is « Acheteur non identifié » (unidentified.ts), found by those
// words, never by the names published under it. Search finds every word typed, in any order,
// accents and case folded (name-search.ts), and groups the establishments of one company (SIREN)
// under it (companies.ts), best match first, then companies by their contracts.
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

const BUYER_NAMES = PARTY_NAMES.buyer;

/** A row's amount and its own N: the contracts whose amount it sums (published, not suspect). */
const AMOUNT_AND_N = `round(sum(${SUMMED_AMOUNT}), 2) AS amount, count(${SUMMED_AMOUNT}) AS amount_contracts`;

export async function searchBuyers(
  snapshot: Snapshot,
  text: string,
  limit: number,
): Promise<{ buyers: Row[]; companies: CompanyGroup[] }> {
  // A SIRET's start (spaces allowed), else the words of a name (name-search.ts).
  const search = nameSearch(text, (compact) => /^\d{3,14}$/.test(compact));
  if (!search.byId && search.words.length === 0) return { buyers: [], companies: [] };
  // Ranked on the party directory (lib/party-directory.ts): the contracts of the finds are
  // counted once, by the ETL; the page's other columns are read for the listed ones only.
  const rows = await snapshot.query(
    `${rankedHitsSql(BUYER_NAMES, search, limit, "siret")}
     SELECT r.siret, r.siren, r.nom, b.departement, d.nom AS departement_nom, r.contracts, r.amount,
            r.amount_contracts,
            o.nom AS entreprise_nom
       FROM ranked r LEFT JOIN buyers b ON b.acheteur_id = r.siret
       LEFT JOIN organisations o ON o.siren = r.siren
       LEFT JOIN ref_departements d ON d.code = b.departement
      ORDER BY ${RANKED_ORDER("siret")}`,
    hitsParams(BUYER_NAMES, search),
  );
  const named = rows.map((r) => namedParty(r, "buyer", "siret", ["nom", "entreprise_nom"]));
  const grouped = groupByCompany(named, "siret");
  return { buyers: grouped.rows, companies: grouped.companies };
}

export interface BuyerSummary {
  siret: string;
  nom: string | null;
  /** False for a placeholder id: these contracts were published without naming their buyer. */
  identified: boolean;
  totals: Row;
  by_year: Row[];
  procedures: Row[];
  types: Row[];
  top_suppliers: Row[];
  places: Row[];
  profile: BuyerProfile;
}

/** What the who's who knows of a buyer: its type, population and place, null when unknown. */
export interface BuyerProfile extends Place {
  type_acheteur: string | null;
  type_acheteur_label: string | null;
  population: number | null;
}

/**
 * `typeLabel` names a buyer type in French (the model's dimension acheteur_type), so that the
 * buyer's page says its type as its peers and the indicators do.
 */
export async function buyerSummary(
  snapshot: Snapshot,
  siret: string,
  typeLabel: (type: string) => string | null,
): Promise<BuyerSummary | null> {
  const p = [siret];
  const [totals] = await snapshot.query(
    `SELECT count(*) AS contracts, round(sum(${SUMMED_AMOUNT}), 2) AS amount,
            count(${SUMMED_AMOUNT}) AS amount_contracts,
            count(*) FILTER (WHERE c.montant_suspect) AS suspect_amounts,
            min(c.date_notification) AS first_notification,
            max(c.date_notification) AS last_notification,
            count(*) FILTER (WHERE c.decp_format <> 'v1') AS contracts_2024_format,
            coalesce((SELECT nom FROM buyers WHERE acheteur_id = $1), mode(c.acheteur_nom)) AS nom
       FROM contracts c WHERE c.acheteur_id = $1`,
    p,
  );
  if (!totals || totals.contracts === 0) return null;
  const byYear = await snapshot.query(
    `SELECT year(c.date_notification) AS year, count(*) AS contracts, ${AMOUNT_AND_N}
       FROM contracts c WHERE c.acheteur_id = $1 GROUP BY 1 ORDER BY 1 NULLS LAST`,
    p,
  );
  const procedures = await snapshot.query(
    `SELECT c.procedure, count(*) AS contracts, ${AMOUNT_AND_N}
       FROM contracts c WHERE c.acheteur_id = $1 GROUP BY 1 ORDER BY contracts DESC, 1`,
    p,
  );
  const types = await snapshot.query(
    `SELECT c.type_marche, count(*) AS contracts, ${AMOUNT_AND_N}
       FROM contracts c WHERE c.acheteur_id = $1 GROUP BY 1 ORDER BY contracts DESC, 1`,
    p,
  );
  // A joint award's amount is split equally among its titulaires, so nothing counts twice.
  const topSuppliers = await snapshot.query(
    `SELECT s.titulaire_id, coalesce(any_value(t.nom), mode(s.denomination_sociale)) AS nom,
            count(DISTINCT c.uid) AS contracts,
            round(sum(${SUMMED_AMOUNT} / greatest(c.titulaires_count, 1)), 2) AS amount_split,
            count(DISTINCT c.uid) FILTER (WHERE ${SUMMED_AMOUNT} IS NOT NULL) AS amount_contracts
       FROM contracts c JOIN contract_suppliers s USING (uid)
       LEFT JOIN titulaires t ON t.titulaire_id = s.titulaire_id
      WHERE c.acheteur_id = $1 AND s.titulaire_id IS NOT NULL
      GROUP BY 1 ORDER BY amount_split DESC NULLS LAST, contracts DESC, 1 LIMIT 10`,
    p,
  );
  const places = await snapshot.query(
    `SELECT c.departement, d.nom AS departement_nom, count(*) AS contracts
       FROM contracts c LEFT JOIN ref_departements d ON d.code = c.departement
      WHERE c.acheteur_id = $1 GROUP BY 1, 2 ORDER BY contracts DESC, 1 LIMIT 10`,
    p,
  );
  const [known] = await snapshot.query(
    `SELECT party.type_acheteur, party.population, ${PLACE_COLUMNS}
       FROM buyers party ${PLACE_JOINS}
      WHERE party.acheteur_id = $1`,
    p,
  );
  const type = textOrNull(known?.type_acheteur);
  const profile: BuyerProfile = {
    type_acheteur: type,
    type_acheteur_label: type === null ? null : typeLabel(type),
    population: typeof known?.population === "number" ? known.population : null,
    ...placeOf(known),
  };
  const { nom, ...rest } = totals;
  const identified = identifiesParty(siret);
  return {
    siret,
    nom: identified ? (typeof nom === "string" ? nom : null) : UNIDENTIFIED_PARTY.buyer,
    identified,
    totals: rest,
    by_year: byYear,
    procedures: procedures.map(withLabels),
    types: types.map(withLabels),
    top_suppliers: topSuppliers.map((r) => namedParty(r, "supplier", "titulaire_id")),
    places,
    profile,
  };
}

export async function buyerContracts(
  snapshot: Snapshot,
  siret: string,
  offset: number,
  limit: number,
): Promise<{ total: number; contracts: Row[] }> {
  const [count] = await snapshot.query(
    "SELECT count(*) AS total FROM contracts WHERE acheteur_id = $1",
    [siret],
  );
  const contracts = await snapshot.query(
    `SELECT c.uid, c.id, c.objet, c.date_notification, c.montant, c.montant_suspect,
            c.procedure, c.nature, c.type_marche, c.titulaires_count, c.decp_format
       FROM contracts c WHERE c.acheteur_id = $1
      ORDER BY c.date_notification DESC NULLS LAST, c.uid
      LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
    [siret],
  );
  return { total: Number(count?.total ?? 0), contracts: contracts.map(withLabels) };
}
