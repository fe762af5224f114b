-- Keys and duplicates. Key: uid = buyer SIRET || contract id (the DECP's own uid rule), per kind
-- (marché or concession); a placeholder id already has a key derived from the content
-- (etl/normalise/identity.ts).
--
-- 1. Lots published under one id: records with the same uid and the same publication date but a
--    different content (content_key) are not republications of one contract. Every record of such
--    a uid gets the key uid || '~' || content_key, so each lot stays a contract of its own, and a
--    field issue says why. A record republished later with the same content keeps the same key;
--    one republished later with one of the four fields of its content corrected (objet, initial
--    amount, date, titulaires) keeps the key of the lot it corrects when that lot is the only one
--    it can correct (never published the same day as it; the latest such) and no other record of
--    its day corrects the same lot: a field issue names the corrected field. Anything less sure
--    stays a contract of its own: distinct lots are never merged.
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

-- The content of each lot of a shared id: its four fields and the days it was published.
CREATE TEMP TABLE lot_contents AS
WITH parties AS (
  SELECT 'marche' AS kind, source_index, record_position, list_sort(list(titulaire_id)) AS parties
  FROM stage_contract_suppliers GROUP BY ALL
  UNION ALL
  SELECT 'contrat-concession', source_index, record_position, list_sort(list(concessionnaire_id))
  FROM stage_concession_holders GROUP BY ALL
), records AS (
  SELECT 'marche' AS kind, uid, content_key, published, source_index, record_position,
         objet, montant_initial AS amount, date_notification AS date
  FROM stage_contracts
  WHERE uid IN (SELECT uid FROM shared_ids WHERE kind = 'marche') AND uid_derivation IS NULL
  UNION ALL
  SELECT 'contrat-concession', uid, content_key, published, source_index, record_position,
         objet, valeur_globale_initiale, date_signature
  FROM stage_concessions
  WHERE uid IN (SELECT uid FROM shared_ids WHERE kind = 'contrat-concession')
    AND uid_derivation IS NULL
)
SELECT r.kind, r.uid, r.content_key, min(r.published) AS first_published,
       list(DISTINCT r.published) FILTER (WHERE r.published IS NOT NULL) AS days,
       any_value(r.objet) AS objet, any_value(r.amount) AS amount, any_value(r.date) AS date,
       any_value(p.parties) AS parties
FROM records r LEFT JOIN parties p USING (kind, source_index, record_position)
GROUP BY r.kind, r.uid, r.content_key;

-- A later content that differs from an earlier lot in one field only, never on the same day:
-- the latest such lot, when it is the only one first published that day.
CREATE TEMP TABLE lot_candidates AS
SELECT l.kind, l.uid, l.content_key AS later, e.content_key AS earlier, l.days AS later_days,
       CASE WHEN l.objet IS DISTINCT FROM e.objet THEN 'objet'
            WHEN l.amount IS DISTINCT FROM e.amount THEN 'montant'
            WHEN l.date IS DISTINCT FROM e.date THEN 'date'
            ELSE 'titulaires' END AS field,
       CASE WHEN l.objet IS DISTINCT FROM e.objet THEN l.objet
            WHEN l.amount IS DISTINCT FROM e.amount THEN CAST(l.amount AS VARCHAR)
            WHEN l.date IS DISTINCT FROM e.date THEN CAST(l.date AS VARCHAR)
            ELSE array_to_string(l.parties, ' ') END AS corrected_value
FROM lot_contents l
JOIN lot_contents e ON e.kind = l.kind AND e.uid = l.uid AND e.first_published < l.first_published
WHERE NOT list_has_any(l.days, e.days)
  AND (l.objet IS DISTINCT FROM e.objet)::INTEGER + (l.amount IS DISTINCT FROM e.amount)::INTEGER
    + (l.date IS DISTINCT FROM e.date)::INTEGER + (l.parties IS DISTINCT FROM e.parties)::INTEGER = 1
QUALIFY count(*) OVER (PARTITION BY l.kind, l.uid, l.content_key, e.first_published) = 1
    AND e.first_published = max(e.first_published) OVER (PARTITION BY l.kind, l.uid, l.content_key);

-- Two records of one day that would correct the same lot are two lots: neither is a correction.
CREATE TEMP TABLE lot_corrections AS
SELECT * FROM lot_candidates c
WHERE NOT EXISTS (
  SELECT 1 FROM lot_candidates o
  WHERE o.kind = c.kind AND o.uid = c.uid AND o.earlier = c.earlier AND o.later <> c.later
    AND list_has_any(o.later_days, c.later_days));

-- Each content's lot: its own, or that of the lot it corrects, followed back to the first.
CREATE TEMP TABLE lot_keys AS
WITH RECURSIVE chain(kind, uid, content_key, lot_key) AS (
  SELECT kind, uid, content_key, content_key FROM lot_contents l
  WHERE NOT EXISTS (SELECT 1 FROM lot_corrections c
                    WHERE c.kind = l.kind AND c.uid = l.uid AND c.later = l.content_key)
  UNION ALL
  SELECT c.kind, c.uid, c.later, chain.lot_key
  FROM lot_corrections c
  JOIN chain ON chain.kind = c.kind AND chain.uid = c.uid AND chain.content_key = c.earlier
)
SELECT * FROM chain;

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
