-- Canonical tables from the staging tables: only the records kept by deduplicate.sql. The rows of
-- a contract (titulaires, modifications, acts…) take the key of the kept main row, which
-- deduplicate.sql may have derived for lots published under one id.
INSERT INTO contracts BY NAME
SELECT s.* EXCLUDE (source_index, record_position, published, content_key, departement, region, cpv_division, type_marche),
       pl.departement, pl.region,
       left(s.code_cpv, 2) AS cpv_division,
       CASE
         WHEN s.code_cpv IS NULL THEN NULL
         WHEN left(s.code_cpv, 2) = '45' THEN 'travaux'
         WHEN left(s.code_cpv, 2) <= '44' OR left(s.code_cpv, 2) = '48' THEN 'fournitures'
         ELSE 'services'
       END AS type_marche
FROM stage_contracts s
JOIN kept k ON k.kind = 'marche' AND k.source_index = s.source_index AND k.record_position = s.record_position
LEFT JOIN places pl ON pl.lieu_type_code = s.lieu_type_code AND pl.lieu_code = s.lieu_code;

INSERT INTO concessions BY NAME
SELECT s.* EXCLUDE (source_index, record_position, published, content_key, departement, region),
       pl.departement, pl.region
FROM stage_concessions s
JOIN kept k ON k.kind = 'contrat-concession' AND k.source_index = s.source_index AND k.record_position = s.record_position
LEFT JOIN places pl ON pl.lieu_type_code = s.lieu_type_code AND pl.lieu_code = s.lieu_code;

INSERT INTO contract_suppliers BY NAME
SELECT s.* EXCLUDE (source_index, record_position, uid), k.uid FROM stage_contract_suppliers s
JOIN kept k ON k.kind = 'marche' AND k.source_index = s.source_index AND k.record_position = s.record_position;

INSERT INTO contract_modifications BY NAME
SELECT s.* EXCLUDE (source_index, record_position, uid), k.uid FROM stage_contract_modifications s
JOIN kept k ON k.kind = 'marche' AND k.source_index = s.source_index AND k.record_position = s.record_position;

INSERT INTO subcontracting_acts BY NAME
SELECT s.* EXCLUDE (source_index, record_position, uid), k.uid FROM stage_subcontracting_acts s
JOIN kept k ON k.kind = 'marche' AND k.source_index = s.source_index AND k.record_position = s.record_position;

INSERT INTO concession_holders BY NAME
SELECT s.* EXCLUDE (source_index, record_position, uid), k.uid FROM stage_concession_holders s
JOIN kept k ON k.kind = 'contrat-concession' AND k.source_index = s.source_index AND k.record_position = s.record_position;

INSERT INTO concession_modifications BY NAME
SELECT s.* EXCLUDE (source_index, record_position, uid), k.uid FROM stage_concession_modifications s
JOIN kept k ON k.kind = 'contrat-concession' AND k.source_index = s.source_index AND k.record_position = s.record_position;

INSERT INTO concession_execution BY NAME
SELECT s.* EXCLUDE (source_index, record_position, uid), k.uid FROM stage_concession_execution s
JOIN kept k ON k.kind = 'contrat-concession' AND k.source_index = s.source_index AND k.record_position = s.record_position;

INSERT INTO rejects BY NAME
SELECT s.* EXCLUDE (run_id), $run_id AS run_id FROM stage_rejects s;

INSERT INTO field_issues BY NAME
SELECT s.* EXCLUDE (run_id), $run_id AS run_id FROM stage_field_issues s;

-- Flags that need the reference lists: unknown places and CPV codes (values kept as published).
INSERT INTO field_issues
SELECT $run_id, s.source, s.source_position, s.uid, 'lieuExecution.code', s.lieu_code,
       'place code not found in the 2024 COG or postal code lists', 'flagged'
FROM (SELECT source, source_position, uid, lieu_type_code, lieu_code FROM stage_contracts
      UNION ALL
      SELECT source, source_position, uid, lieu_type_code, lieu_code FROM stage_concessions) s
JOIN places pl ON pl.lieu_type_code = s.lieu_type_code AND pl.lieu_code = s.lieu_code
WHERE pl.departement IS NULL AND pl.region IS NULL AND s.lieu_type_code <> 'code_pays';

INSERT INTO field_issues
SELECT $run_id, s.source, s.source_position, s.uid, 'codeCPV', s.code_cpv,
       'CPV code not in the CPV 2008 list', 'flagged'
FROM stage_contracts s
WHERE s.code_cpv IS NOT NULL AND s.code_cpv NOT IN (SELECT code FROM ref_cpv);
