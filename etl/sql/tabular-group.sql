-- Rows of a tabular DECP file → contracts and their versions (etl/tabular/). Reads the table
-- `rows` (one text column per canonical field, its contract key `ckey`, written by
-- etl/tabular/rows-sql.ts); tabular-records.sql then builds one DECP-shaped record per contract.
-- Values stay text: the one normaliser (etl/normalise/) cleans them, as for JSON and XML.
--
-- A contract is its key: the uid column, else buyer id || id (the DECP's own rule), else, with no
-- id, the buyer and a hash of the row's content; lots published under one key are told apart as
-- the JSON path tells them (record_rows). Records are numbered (cid) in order of their first row,
-- which is their position. Versions are numbered by $version_rule
-- (etl/tabular/dialects.ts): the initial values come from the lowest version's first row, the
-- contract's values from the highest version's first row ("current row"), and the versions in
-- between become modifications. Rows of a contract that disagree on a value are flagged
-- (tabular-records.sql), never silently merged. Every grouping below is on integers: the string
-- key is read once, to number the contracts.

-- The run's settings, for the views of tabular-records.sql (a view cannot hold a parameter).
CREATE TABLE settings AS
SELECT $source AS source, $source_index AS source_index, $dialect AS dialect,
       $version_rule AS version_rule, $events AS events,
       $rows_disagree_problem AS rows_disagree_problem,
       $versions_from_dates_problem AS versions_from_dates_problem,
       $initial_version_missing_problem AS initial_version_missing_problem,
       $bad_modification_id_problem AS bad_modification_id_problem;

-- The keys, numbered once (kid), so that what follows groups integers.
CREATE TABLE keys AS
SELECT ckey, (row_number() OVER ()) ::INTEGER AS kid
FROM (SELECT DISTINCT ckey FROM rows WHERE NOT empty);

-- Lots published under one key are told apart as the JSON path tells them (identity.ts content
-- key: objet, amount, notification; deduplicate.sql: and the publication): rows of another objet
-- are another record; within one objet, rows of one version whose amount, notification or
-- publication differ are records of their own. etl/sql/deduplicate.sql then judges them as it
-- judges a producer's records: lots when published the same day, republications otherwise.
CREATE TABLE row_versions AS
SELECT r.row_idx, k.kid, hash(r.objet) AS objet_lot,
       CASE s.version_rule
         WHEN 'modification_id' THEN coalesce(TRY_CAST(r.modification_id AS INTEGER), 0)
         WHEN 'date_rank' THEN (dense_rank() OVER (PARTITION BY k.kid, hash(r.objet) ORDER BY r.date_notification NULLS FIRST) - 1)::INTEGER
         ELSE 0
       END AS version,
       r.modification_id IS NOT NULL AND TRY_CAST(r.modification_id AS INTEGER) IS NULL AS bad_version,
       hash(r.montant, r.date_notification, r.date_publication) AS publication_lot,
       hash(r.acheteur_nom, r.nature, r.objet, r.code_cpv, r.procedure, r.lieu_code, r.forme_prix,
            r.offres_recues, r.marche_innovant, r.attribution_avance, r.sous_traitance_declaree,
            r.type_groupement, r.ccag, r.considerations_sociales, r.considerations_environnementales,
            r.techniques, r.feed_source_dataset) AS contract_hash,
       hash(r.montant, r.duree_mois, r.date_notification, r.date_publication) AS version_hash,
       len(r.row_issues) > 0 AS has_issues
FROM rows r JOIN keys k USING (ckey) CROSS JOIN settings s
WHERE NOT r.empty;

CREATE TABLE record_rows AS
SELECT v.row_idx, v.kid,
       hash(v.objet_lot, CASE WHEN n.versions = 1 THEN v.publication_lot ELSE 0 END) AS lot
FROM row_versions v
JOIN (SELECT kid, objet_lot, count(DISTINCT version) AS versions FROM row_versions GROUP BY ALL) n
  USING (kid, objet_lot);

-- Records are numbered (cid) in order of their first row: the position of the record.
CREATE TABLE contract_keys AS
SELECT kid, lot, (row_number() OVER (ORDER BY first_row) - 1)::INTEGER AS cid, first_row, row_count
FROM (SELECT kid, lot, min(row_idx) AS first_row, count(*) AS row_count FROM record_rows GROUP BY kid, lot);

-- Each used row: its record, its version, and hashes of its contract values and of its version
-- values (rows of one record with equal hashes agree; unequal ones are compared field by field).
CREATE TABLE row_keys AS
SELECT v.row_idx, k.cid, v.version, v.bad_version, v.contract_hash, v.version_hash, v.has_issues
FROM row_versions v
JOIN record_rows rr USING (row_idx)
JOIN contract_keys k ON k.kid = rr.kid AND k.lot = rr.lot;

CREATE TABLE versions AS
SELECT cid, version, min(row_idx) AS first_row, min(version_hash) <> max(version_hash) AS mixed
FROM row_keys GROUP BY cid, version;

CREATE TABLE contract_versions AS
SELECT v.cid, min(v.version) AS initial_version, max(v.version) AS current_version,
       count(*) AS version_count,
       arg_min(v.first_row, v.version) AS initial_row, arg_max(v.first_row, v.version) AS current_row,
       bool_or(v.mixed) AS mixed_versions
FROM versions v GROUP BY v.cid;

CREATE TABLE contract_flags AS
SELECT cid, bool_or(bad_version) AS bad_version,
       min(contract_hash) <> max(contract_hash) AS mixed, bool_or(has_issues) AS has_issues
FROM row_keys GROUP BY cid;

-- Contract values that differ between the rows of a contract, field by field, for the few
-- contracts whose rows do not all agree.
CREATE TABLE contract_disagreements AS
SELECT k.cid, list_filter([
         CASE WHEN min(acheteur_nom) <> max(acheteur_nom) THEN {'field': 'acheteur.nom', 'raw': min(acheteur_nom) || ' | ' || max(acheteur_nom)} END,
         CASE WHEN min(nature) <> max(nature) THEN {'field': 'nature', 'raw': min(nature) || ' | ' || max(nature)} END,
         CASE WHEN min(objet) <> max(objet) THEN {'field': 'objet', 'raw': min(objet) || ' | ' || max(objet)} END,
         CASE WHEN min(code_cpv) <> max(code_cpv) THEN {'field': 'codeCPV', 'raw': min(code_cpv) || ' | ' || max(code_cpv)} END,
         CASE WHEN min(procedure) <> max(procedure) THEN {'field': 'procedure', 'raw': min(procedure) || ' | ' || max(procedure)} END,
         CASE WHEN min(lieu_code) <> max(lieu_code) THEN {'field': 'lieuExecution.code', 'raw': min(lieu_code) || ' | ' || max(lieu_code)} END,
         CASE WHEN min(forme_prix) <> max(forme_prix) THEN {'field': 'formePrix', 'raw': min(forme_prix) || ' | ' || max(forme_prix)} END,
         CASE WHEN min(offres_recues) <> max(offres_recues) THEN {'field': 'offresRecues', 'raw': min(offres_recues) || ' | ' || max(offres_recues)} END,
         CASE WHEN min(marche_innovant) <> max(marche_innovant) THEN {'field': 'marcheInnovant', 'raw': min(marche_innovant) || ' | ' || max(marche_innovant)} END,
         CASE WHEN min(attribution_avance) <> max(attribution_avance) THEN {'field': 'attributionAvance', 'raw': min(attribution_avance) || ' | ' || max(attribution_avance)} END,
         CASE WHEN min(sous_traitance_declaree) <> max(sous_traitance_declaree) THEN {'field': 'sousTraitanceDeclaree', 'raw': min(sous_traitance_declaree) || ' | ' || max(sous_traitance_declaree)} END,
         CASE WHEN min(type_groupement) <> max(type_groupement) THEN {'field': 'typeGroupementOperateurs', 'raw': min(type_groupement) || ' | ' || max(type_groupement)} END,
         CASE WHEN min(ccag) <> max(ccag) THEN {'field': 'ccag', 'raw': min(ccag) || ' | ' || max(ccag)} END,
         CASE WHEN min(considerations_sociales) <> max(considerations_sociales) THEN {'field': 'considerationsSociales', 'raw': min(considerations_sociales) || ' | ' || max(considerations_sociales)} END,
         CASE WHEN min(considerations_environnementales) <> max(considerations_environnementales) THEN {'field': 'considerationsEnvironnementales', 'raw': min(considerations_environnementales) || ' | ' || max(considerations_environnementales)} END,
         CASE WHEN min(techniques) <> max(techniques) THEN {'field': 'techniques', 'raw': min(techniques) || ' | ' || max(techniques)} END,
         -- decp.info gathers the rows of one uid from several producers' datasets
         CASE WHEN min(feed_source_dataset) <> max(feed_source_dataset) THEN {'field': 'sourceDataset', 'raw': min(feed_source_dataset) || ' | ' || max(feed_source_dataset)} END
       ], x -> x IS NOT NULL) AS disagreements
FROM row_keys k JOIN rows r USING (row_idx)
WHERE k.cid IN (SELECT cid FROM contract_flags WHERE mixed)
GROUP BY k.cid;

-- The same for what changes with a modification, within one version.
CREATE TABLE version_disagreements AS
SELECT cid, flatten(list(disagreements)) AS disagreements
FROM (
  SELECT k.cid, k.version, list_filter([
           CASE WHEN min(montant) <> max(montant) THEN {'field': 'montant', 'raw': min(montant) || ' | ' || max(montant)} END,
           CASE WHEN min(duree_mois) <> max(duree_mois) THEN {'field': 'dureeMois', 'raw': min(duree_mois) || ' | ' || max(duree_mois)} END,
           CASE WHEN min(date_notification) <> max(date_notification) THEN {'field': 'dateNotification', 'raw': min(date_notification) || ' | ' || max(date_notification)} END,
           CASE WHEN min(date_publication) <> max(date_publication) THEN {'field': 'datePublicationDonnees', 'raw': min(date_publication) || ' | ' || max(date_publication)} END
         ], x -> x IS NOT NULL) AS disagreements
  FROM row_keys k JOIN rows r USING (row_idx)
  JOIN versions v ON v.cid = k.cid AND v.version = k.version AND v.mixed
  GROUP BY k.cid, k.version
)
GROUP BY cid;

-- What the rows had repaired or nulled (markers), each once per contract.
CREATE TABLE row_issues AS
SELECT k.cid, list_distinct(flatten(list(r.row_issues))) AS issues
FROM row_keys k JOIN rows r USING (row_idx)
WHERE k.has_issues
GROUP BY k.cid;
