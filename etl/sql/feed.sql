-- The feed's own columns (etl/tabular/) for the records kept by deduplicate.sql, under the key of
-- the kept record, as the rows of a contract are in finalise.sql. A record dropped as a duplicate
-- takes its feed columns with it.
INSERT INTO feed_contracts BY NAME
SELECT s.* EXCLUDE (source_index, record_position, published_id), k.uid
FROM stage_feed_contracts s
JOIN kept k ON k.kind = 'marche' AND k.source_index = s.source_index AND k.record_position = s.record_position;

INSERT INTO feed_titulaires BY NAME
SELECT s.* EXCLUDE (source_index, record_position), k.uid
FROM stage_feed_titulaires s
JOIN kept k ON k.kind = 'marche' AND k.source_index = s.source_index AND k.record_position = s.record_position;
