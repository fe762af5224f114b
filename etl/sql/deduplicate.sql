-- Keys and duplicates. Key: uid = buyer SIRET || contract id (the DECP's own uid rule), per kind
-- (marché or concession); a placeholder id already has a key derived from the content
-- (etl/normalise/identity.ts).
--
-- 1. Lots published under one id: records with the same uid and the same publication date but a
--    different content (content_key) are not republications of one contract. Every record of such
--    a uid gets the key uid || '~' || content_key, so each lot stays a contract of its own, and a
--    field issue says why. A record republished later with the same content keeps the same key.
-- 2. Duplicates: keep the latest published version (datePublicationDonnees), then the one with the
--    most modifications, then the one read last (later source, later position). Every record
--    dropped is listed in `duplicates` with the record kept in its place.
CREATE TEMP TABLE shared_ids AS
SELECT DISTINCT 'marche' AS kind, uid FROM stage_contracts
WHERE uid_derivation IS NULL
GROUP BY uid, published HAVING count(DISTINCT content_key) > 1
UNION ALL
SELECT DISTINCT 'contrat-concession', uid FROM stage_concessions
WHERE uid_derivation IS NULL
GROUP BY uid, published HAVING count(DISTINCT content_key) > 1;

UPDATE stage_contracts SET uid = uid || '~' || content_key, uid_derivation = 'shared_id'
WHERE uid IN (SELECT uid FROM shared_ids WHERE kind = 'marche');

UPDATE stage_concessions SET uid = uid || '~' || content_key, uid_derivation = 'shared_id'
WHERE uid IN (SELECT uid FROM shared_ids WHERE kind = 'contrat-concession');

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
