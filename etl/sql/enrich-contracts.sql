-- Per contract, what the SPASER indicators need from the who's who (enrich.sql), so that the
-- engine keeps one row per contract: counts of titulaire positions (contract × titulaire) of known
-- size / PME / ESS / located, and the amount split equally between the positions (as
-- top_supplier_share does; suspect amounts count as unknown). A count is NULL when no position is
-- known (the contract is then outside the coverage), never 0 for "unknown".
CREATE TEMP TABLE contract_positions AS
SELECT s.uid, c.acheteur_id, c.date_notification, s.entreprise_id,
       o.categorie_entreprise AS cat, o.ess, e.departement AS dep, e.region AS reg,
       b.departement AS b_dep, b.region AS b_reg,
       CASE WHEN NOT c.montant_suspect THEN c.montant END
         / count(*) OVER (PARTITION BY s.uid) AS part
FROM contract_suppliers s
JOIN contracts c ON c.uid = s.uid
-- Size and ESS of the position's company key (one titulaire_id may be published once as a valid
-- SIRET and once not), location of its establishment.
LEFT JOIN organisations o ON o.siren = s.entreprise_id
LEFT JOIN establishments e ON e.siret = s.titulaire_id
LEFT JOIN buyers b ON b.acheteur_id = c.acheteur_id;

-- First-time suppliers: a position is new when the buyer had no contract with that company in
-- the three years before the notification. Computed only when the buyer has contracts in each of
-- the three calendar years before (otherwise the history is missing, not empty).
CREATE TEMP TABLE buyer_years AS
SELECT DISTINCT acheteur_id, year(date_notification) AS y FROM contracts WHERE date_notification IS NOT NULL;

CREATE TEMP TABLE first_time AS
WITH positions AS (
  SELECT DISTINCT uid, acheteur_id, date_notification AS d, entreprise_id FROM contract_positions
  WHERE date_notification IS NOT NULL AND entreprise_id IS NOT NULL
), earlier AS (
  SELECT p.uid,
         count(*) OVER (PARTITION BY p.acheteur_id, p.entreprise_id ORDER BY p.d
                        RANGE BETWEEN INTERVAL 3 YEAR PRECEDING AND INTERVAL 1 DAY PRECEDING) AS before
  FROM positions p
)
SELECT e.uid, bool_or(e.before = 0) AS premier_acces
FROM earlier e JOIN contracts c ON c.uid = e.uid
WHERE (SELECT count(*) FROM buyer_years y
       WHERE y.acheteur_id = c.acheteur_id
         AND y.y BETWEEN year(c.date_notification) - 3 AND year(c.date_notification) - 1) = 3
GROUP BY e.uid;

CREATE TEMP TABLE contract_enrichment AS
SELECT uid,
  nullif(count(cat), 0) AS known,
  count(*) FILTER (WHERE cat = 'PME') AS pme,
  sum(part) FILTER (WHERE cat IS NOT NULL) AS amount_known,
  sum(part) FILTER (WHERE cat = 'PME') AS amount_pme,
  count(*) AS positions,
  nullif(count(dep) FILTER (WHERE b_dep IS NOT NULL), 0) AS located,
  count(*) FILTER (WHERE dep = b_dep) AS local,
  sum(part) FILTER (WHERE dep IS NOT NULL AND b_dep IS NOT NULL) AS amount_located,
  sum(part) FILTER (WHERE dep = b_dep) AS amount_local,
  sum(part) FILTER (WHERE reg IS NOT NULL AND b_reg IS NOT NULL) AS amount_located_region,
  sum(part) FILTER (WHERE reg = b_reg) AS amount_regional,
  count(*) FILTER (WHERE reg IS NOT NULL AND b_reg IS NOT NULL) AS located_region,
  nullif(count(ess), 0) AS ess_known,
  count(*) FILTER (WHERE ess) AS ess,
  CASE WHEN min(cat) = max(cat) THEN min(cat) WHEN count(cat) > 0 THEN 'mixte' END AS categorie,
  CASE WHEN min(dep) = max(dep) THEN min(dep) END AS departement,
  CASE WHEN min(reg) = max(reg) THEN min(reg) END AS region,
  -- One company holds the contract (alone, or through several of its establishments).
  CASE WHEN count(entreprise_id) = count(*) AND min(entreprise_id) = max(entreprise_id)
       THEN min(entreprise_id) END AS entreprise
FROM contract_positions GROUP BY uid;

-- The contracts are rewritten once with their new columns (an UPDATE of many columns of a table
-- with list columns is several times slower than copying it).
CREATE TEMP TABLE contracts_before AS SELECT * FROM contracts;
DELETE FROM contracts;
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
FROM contracts_before c
LEFT JOIN buyers b ON b.acheteur_id = c.acheteur_id
LEFT JOIN contract_enrichment e ON e.uid = c.uid
LEFT JOIN first_time f ON f.uid = c.uid;

DROP TABLE contracts_before;
