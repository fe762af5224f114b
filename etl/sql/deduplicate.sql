-- Duplicate resolution. Key: uid = buyer SIRET || contract id (the DECP's own uid rule), per kind
-- (marché or concession). Rule: keep the latest published version (datePublicationDonnees), then
-- the one with the most modifications, then the one read last (later source, later position).
-- Every record dropped is listed in `duplicates` with the record kept in its place.
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
