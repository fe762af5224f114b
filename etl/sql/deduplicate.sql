-- Keys and duplicates. Key: uid = buyer SIRET || contract id (the DECP's own uid rule), per kind
-- (marché or concession); a placeholder id already has a key derived from the content
-- (etl/normalise/identity.ts).
--
-- 1. Lots published under one id: records with the same uid and the same publication date but a
--    different content (content_key) are not republications of one contract. Every record of such
--    a uid gets the key uid || '~' || content_key, so each lot stays a contract of its own, and a
--    field issue says why. A record republished later with the same content keeps the same key;
--    one republished later with one field of its content corrected keeps the key of the lot it
--    corrects (lot_keys and lot_corrections: etl/sql/lots.sql, then etl/load/lot-keys.ts), with
--    a field issue naming the corrected field.
-- 2. Duplicates: keep the latest published version (datePublicationDonnees), then the one with the
--    most modifications, then the one read last (later source, later position). Every record
--    dropped is listed in `duplicates` with the record kept in its place.

-- Logged under the record's key of now; the rekeying below moves every issue of a rekeyed record.
INSERT INTO stage_field_issues (source, position, uid, field, raw_value, problem, action)
SELECT s.source, s.source_position, s.uid, c.field, c.corrected_value, $corrected_lot_problem,
       'flagged'
FROM (SELECT 'marche' AS kind, source, source_position, uid, content_key FROM stage_contracts
      UNION ALL
      SELECT 'contrat-concession', source, source_position, uid, content_key FROM stage_concessions) s
JOIN lot_corrections c ON c.kind = s.kind AND c.uid = s.uid AND c.later = s.content_key;

UPDATE stage_contracts s SET uid = s.uid || '~' || k.lot_key, uid_derivation = 'shared_id'
FROM lot_keys k
WHERE k.kind = 'marche' AND k.uid = s.uid AND k.content_key = s.content_key
  AND s.uid_derivation IS NULL;

UPDATE stage_concessions s SET uid = s.uid || '~' || k.lot_key, uid_derivation = 'shared_id'
FROM lot_keys k
WHERE k.kind = 'contrat-concession' AND k.uid = s.uid AND k.content_key = s.content_key
  AND s.uid_derivation IS NULL;

CREATE TEMP TABLE rekeyed AS
SELECT source, source_position, uid, id FROM stage_contracts WHERE uid_derivation = 'shared_id'
UNION ALL
SELECT source, source_position, uid, id FROM stage_concessions WHERE uid_derivation = 'shared_id';

UPDATE stage_field_issues f SET uid = r.uid
FROM rekeyed r WHERE f.source = r.source AND f.position = r.source_position;

INSERT INTO stage_field_issues (source, position, uid, field, raw_value, problem, action)
SELECT source, source_position, uid, 'id', id, $shared_id_problem, 'flagged' FROM rekeyed;

CREATE TEMP TABLE ranked AS
SELECT 'marche' AS kind, uid, source, source_index, record_position,
       row_number() OVER (
         PARTITION BY uid
         ORDER BY published DESC NULLS LAST, modifications_count DESC, source_index DESC, record_position DESC
       ) AS rank
FROM stage_contracts
UNION ALL
SELECT 'contrat-concession', uid, source, source_index, record_position,
       row_number() OVER (
         PARTITION BY uid
         ORDER BY published DESC NULLS LAST, modifications_count DESC, source_index DESC, record_position DESC
       )
FROM stage_concessions;

CREATE TEMP TABLE kept AS
SELECT kind, uid, source, source_index, record_position FROM ranked WHERE rank = 1;

INSERT INTO duplicates
SELECT $run_id, r.source, r.record_position, r.kind, r.uid, k.source, k.record_position
FROM ranked r JOIN kept k ON k.kind = r.kind AND k.uid = r.uid
WHERE r.rank > 1;
