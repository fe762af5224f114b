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
-- (tabular-part.sql), never silently merged. Every grouping below is on integers: the string
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
