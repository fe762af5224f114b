-- The working tables of this step have a row per contract or per position: they live in the
-- scratch database `work` (etl/reference/enrich-contracts.ts), stored compressed and read back
-- from disk, where temporary tables would stay uncompressed in the build's memory (at 1.5 M
-- contracts they filled it before the contracts were rewritten).
--
-- Per contract, what the SPASER indicators need from the who's who (enrich.sql), so that the
-- engine keeps one row per contract: counts of titulaire positions (contract × titulaire) of known
-- size / PME / ESS / located, and the amount split equally between the positions (as
-- top_supplier_share does; suspect amounts count as unknown). A count is NULL when no position is
-- known (the contract is then outside the coverage), never 0 for "unknown".
CREATE TABLE work.contract_positions AS
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
CREATE TABLE work.buyer_years AS
SELECT DISTINCT acheteur_id, year(date_notification) AS y FROM contracts WHERE date_notification IS NOT NULL;

CREATE TABLE work.first_time AS
WITH positions AS (
  SELECT DISTINCT uid, acheteur_id, date_notification AS d, entreprise_id FROM work.contract_positions
  WHERE date_notification IS NOT NULL AND entreprise_id IS NOT NULL
), earlier AS (
  SELECT p.uid,
         count(*) OVER (PARTITION BY p.acheteur_id, p.entreprise_id ORDER BY p.d
                        RANGE BETWEEN INTERVAL 3 YEAR PRECEDING AND INTERVAL 1 DAY PRECEDING) AS before
  FROM positions p
)
SELECT e.uid, c.acheteur_id, bool_or(e.before = 0) AS premier_acces
FROM earlier e JOIN contracts c ON c.uid = e.uid
WHERE (SELECT count(*) FROM work.buyer_years y
       WHERE y.acheteur_id = c.acheteur_id
         AND y.y BETWEEN year(c.date_notification) - 3 AND year(c.date_notification) - 1) = 3
GROUP BY e.uid, c.acheteur_id;

CREATE TABLE work.contract_enrichment AS
SELECT uid, acheteur_id,
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
FROM work.contract_positions GROUP BY uid, acheteur_id;

DROP TABLE work.contract_positions;
DROP TABLE work.buyer_years;

-- The contracts are rewritten with their new columns (an UPDATE of many columns of a table with
-- list columns is several times slower than copying it).
CREATE TABLE work.contracts_before AS SELECT * FROM contracts;
DELETE FROM contracts;
-- Then written back part by part: etl/sql/enrich-contracts-part.sql.
