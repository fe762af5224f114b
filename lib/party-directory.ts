// The party_directory table: one row per buyer and per titulaire of the contracts, with what a
// search lists of it and ranks it by (its name, its company, its contracts and, for a buyer, the
// amount of them). Built once with the snapshot (etl/load/party-names.ts), so that a search whose
// words find hundreds of thousands of parties ranks them on these rows instead of counting the
// contracts of every one of them (server/lookups/buyers.ts, suppliers.ts). Identifiers come from
// code, never from a request.
import { PARTY_NAMES, type PartyKind } from "./party-names.ts";
import { SUMMED_AMOUNT } from "./summed-amount.ts";

/**
 * The statement filling a kind's rows from its totals (id, siren, nom, contracts, amount,
 * amount_contracts): a
 * party the who's who does not name is named by the name most often published for it, looked
 * for among its own rows only (the who's who names nearly every party, and `mode` over every row
 * would cost seconds at national size).
 */
function insert(kind: PartyKind, totals: string): string {
  const { id, published } = PARTY_NAMES[kind];
  return `INSERT INTO party_directory
          WITH totals AS MATERIALIZED (${totals}),
          unnamed AS (
            SELECT ${id} AS id, mode(${published.name}) AS nom FROM ${published.table}
             WHERE ${id} IN (SELECT id FROM totals WHERE nom IS NULL)
             GROUP BY ${id}
          )
          SELECT '${kind}', t.id, t.siren, coalesce(t.nom, u.nom), t.contracts, t.amount,
                 t.amount_contracts
            FROM totals t LEFT JOIN unnamed u ON u.id = t.id`;
}

/**
 * For each kind, the statement that fills its rows. A buyer's company is the who's who's SIREN,
 * a titulaire's the one published with it (entreprise_id: the SIREN of its SIRET when it was
 * published once as a valid one). A titulaire's contracts are distinct contracts (a contract may
 * name it on several rows); its amount is not summed (a joint award's would count twice).
 */
export const PARTY_DIRECTORY_INSERTS: Record<PartyKind, string> = {
  // Counted first, then named: a join of the who's who before the count would carry its names
  // through every row (seconds at national size).
  buyer: insert(
    "buyer",
    `SELECT a.id, b.siren, b.nom, a.contracts, a.amount, a.amount_contracts
       FROM (SELECT c.acheteur_id AS id, count(*) AS contracts,
                    round(sum(${SUMMED_AMOUNT}), 2) AS amount,
                    count(${SUMMED_AMOUNT}) AS amount_contracts
               FROM contracts c GROUP BY c.acheteur_id) a
       LEFT JOIN buyers b ON b.acheteur_id = a.id`,
  ),
  supplier: insert(
    "supplier",
    `SELECT a.id, a.siren, t.nom, a.contracts, NULL::DOUBLE AS amount,
            NULL::BIGINT AS amount_contracts
       FROM (SELECT titulaire_id AS id, count(DISTINCT uid) AS contracts,
                    coalesce(min(entreprise_id) FILTER (WHERE siret_valide), min(entreprise_id))
                      AS siren
               FROM contract_suppliers WHERE titulaire_id IS NOT NULL GROUP BY titulaire_id) a
       LEFT JOIN titulaires t ON t.titulaire_id = a.id`,
  ),
};
