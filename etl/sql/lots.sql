-- Lots published under one id (etl/load/lot-keys.ts decides which lot each content belongs to):
-- the uids under which records published the same day differ in their content, and the
-- content of each lot of such a uid: its four fields and every day it was published.
CREATE TEMP TABLE shared_ids AS
SELECT DISTINCT 'marche' AS kind, uid FROM stage_contracts
WHERE uid_derivation IS NULL
GROUP BY uid, published HAVING count(DISTINCT content_key) > 1
UNION ALL
SELECT DISTINCT 'contrat-concession', uid FROM stage_concessions
WHERE uid_derivation IS NULL
GROUP BY uid, published HAVING count(DISTINCT content_key) > 1;

CREATE TEMP TABLE lot_contents AS
WITH records AS (
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
), parties AS (
  -- The titulaires of these records only: lots under a shared id are few among the contracts.
  SELECT 'marche' AS kind, s.source_index, s.record_position,
         list_sort(list(s.titulaire_id)) AS parties
  FROM stage_contract_suppliers s
  WHERE EXISTS (SELECT 1 FROM records r WHERE r.kind = 'marche'
                  AND r.source_index = s.source_index AND r.record_position = s.record_position)
  GROUP BY ALL
  UNION ALL
  SELECT 'contrat-concession', h.source_index, h.record_position,
         list_sort(list(h.concessionnaire_id))
  FROM stage_concession_holders h
  WHERE EXISTS (SELECT 1 FROM records r WHERE r.kind = 'contrat-concession'
                  AND r.source_index = h.source_index AND r.record_position = h.record_position)
  GROUP BY ALL
)
SELECT r.kind, r.uid, r.content_key, CAST(min(r.published) AS VARCHAR) AS first_published,
       list(DISTINCT CAST(r.published AS VARCHAR)) FILTER (WHERE r.published IS NOT NULL) AS days,
       any_value(r.objet) AS objet, any_value(r.amount) AS amount,
       CAST(any_value(r.date) AS VARCHAR) AS date, any_value(p.parties) AS parties
FROM records r LEFT JOIN parties p USING (kind, source_index, record_position)
GROUP BY r.kind, r.uid, r.content_key;
