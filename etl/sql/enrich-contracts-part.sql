-- One part of the contracts rewritten with the columns of etl/sql/enrich-contracts.sql: those whose
-- buyer hashes to $part of $parts (etl/reference/enrich-contracts.ts). The joins of the whole table at once,
-- with the rows being written, did not fit in the build's memory at 1.5 M contracts; a part's
-- hash tables do, whatever the number of contracts.
-- A buyer's contracts are written together, in the order of the buyer ids: DuckDB keeps the
-- smallest and largest value of each block of rows it stores, so a question about one buyer
-- (its page, its report, its quality, an indicator filtered on it) reads the few blocks that hold
-- it instead of the whole table (national bench: about 4x faster per query; bench/results.md).
INSERT INTO contracts BY NAME
SELECT c.* REPLACE (
  b.nom AS acheteur_denomination,
  b.type_acheteur AS acheteur_type,
  b.departement AS acheteur_departement,
  b.region AS acheteur_region,
  e.known AS titulaires_taille_connue,
  CASE WHEN e.known IS NOT NULL THEN e.pme END AS titulaires_pme,
  CASE WHEN e.known IS NOT NULL THEN e.amount_known END AS montant_taille_connue,
  CASE WHEN e.amount_known IS NOT NULL THEN coalesce(e.amount_pme, 0) END AS montant_pme,
  CASE WHEN e.pme > 0 THEN true WHEN e.known = e.positions THEN false END AS titulaire_pme,
  e.located AS titulaires_localises,
  CASE WHEN e.located IS NOT NULL THEN e.local END AS titulaires_locaux,
  CASE WHEN e.located IS NOT NULL THEN e.amount_located END AS montant_localise,
  CASE WHEN e.located IS NOT NULL AND e.amount_located IS NOT NULL THEN coalesce(e.amount_local, 0) END AS montant_local,
  CASE WHEN e.located_region > 0 THEN e.amount_located_region END AS montant_localise_region,
  CASE WHEN e.located_region > 0 AND e.amount_located_region IS NOT NULL THEN coalesce(e.amount_regional, 0) END AS montant_regional,
  e.ess_known AS titulaires_ess_connu,
  CASE WHEN e.ess_known IS NOT NULL THEN e.ess END AS titulaires_ess,
  f.premier_acces AS premier_acces,
  e.categorie AS titulaire_categorie,
  e.departement AS titulaire_departement,
  e.region AS titulaire_region,
  e.entreprise AS titulaire_entreprise
)
FROM (SELECT * FROM work.contracts_before WHERE hash(acheteur_id) % $parts::UBIGINT = $part::UBIGINT) c
LEFT JOIN buyers b ON b.acheteur_id = c.acheteur_id
LEFT JOIN (SELECT * FROM work.contract_enrichment WHERE hash(acheteur_id) % $parts::UBIGINT = $part::UBIGINT) e ON e.uid = c.uid
LEFT JOIN (SELECT * FROM work.first_time WHERE hash(acheteur_id) % $parts::UBIGINT = $part::UBIGINT) f ON f.uid = c.uid
ORDER BY c.acheteur_id;

