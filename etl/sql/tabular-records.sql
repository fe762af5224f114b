-- One DECP-shaped record per contract from the tables of tabular-group.sql (etl/tabular/): the
-- initial values from its lowest version, modifications after it, contract values from its
-- current row; `_tabular` says where the record starts in the file and what the grouping repaired
-- or flagged. Also the feed's own columns (names, geography, size), for etl/sql/feed.sql.
-- Memory stays bounded: joins build on narrow tables and probe the wide ones, per-contract tables
-- are keyed by cid, and records are written by ranges of cid (records_between of
-- tabular-part.sql, which builds the lists of each range just before: lists do not spill).

-- Titulaires of each version: one per row, or up to three numbered columns per row; each once.
-- The feed's columns about a titulaire (size, place, distance) describe the row's first one.
CREATE TABLE slots AS
SELECT k.cid, k.version, k.row_idx * 4 + s.slot AS ord, s.*
FROM (
  SELECT row_idx,
         unnest([{'slot': 1, 'id': t1_id, 'type': t1_type, 'nom': t1_nom,
                  'categorie': feed_titulaire_categorie, 'commune_code': feed_titulaire_commune_code,
                  'commune_nom': feed_titulaire_commune_nom, 'departement_code': feed_titulaire_departement_code,
                  'departement_nom': feed_titulaire_departement_nom, 'region_code': feed_titulaire_region_code,
                  'region_nom': feed_titulaire_region_nom, 'latitude': feed_titulaire_latitude,
                  'longitude': feed_titulaire_longitude, 'distance': feed_titulaire_distance},
                 {'slot': 2, 'id': t2_id, 'type': t2_type, 'nom': t2_nom,
                  'categorie': NULL, 'commune_code': NULL, 'commune_nom': NULL, 'departement_code': NULL,
                  'departement_nom': NULL, 'region_code': NULL, 'region_nom': NULL, 'latitude': NULL,
                  'longitude': NULL, 'distance': NULL},
                 {'slot': 3, 'id': t3_id, 'type': t3_type, 'nom': t3_nom,
                  'categorie': NULL, 'commune_code': NULL, 'commune_nom': NULL, 'departement_code': NULL,
                  'departement_nom': NULL, 'region_code': NULL, 'region_nom': NULL, 'latitude': NULL,
                  'longitude': NULL, 'distance': NULL}]) AS s
  FROM rows WHERE NOT empty
) JOIN row_keys k USING (row_idx)
WHERE s.id IS NOT NULL OR s.type IS NOT NULL OR s.nom IS NOT NULL;

-- The dense per-contract parts of a record: current values, initial values.
CREATE TABLE current_values AS
SELECT cv.cid, r.id, r.acheteur_id, r.acheteur_nom, r.nature, r.objet, r.code_cpv, r.procedure,
       r.lieu_code, r.lieu_type_code, r.lieu_nom, r.forme_prix, r.offres_recues, r.marche_innovant,
       r.attribution_avance, r.taux_avance, r.sous_traitance_declaree, r.type_groupement,
       r.origine_france, r.origine_ue, r.ccag, r.id_accord_cadre, r.considerations_sociales,
       r.considerations_environnementales, r.techniques, r.modalites_execution, r.types_prix,
       r.feed_source_dataset, r.feed_source_file, r.feed_acheteur_categorie,
       r.feed_acheteur_commune_code, r.feed_acheteur_commune_nom, r.feed_acheteur_departement_code,
       r.feed_acheteur_departement_nom, r.feed_acheteur_region_code, r.feed_acheteur_region_nom,
       r.feed_acheteur_latitude, r.feed_acheteur_longitude
FROM rows r JOIN contract_versions cv ON r.row_idx = cv.current_row;

CREATE TABLE initial_values AS
SELECT cv.cid, r.montant, r.duree_mois, r.date_notification, r.date_publication
FROM rows r JOIN contract_versions cv ON r.row_idx = cv.initial_row;

-- The feed's own columns, as published: the contract's from its current row.
CREATE VIEW feed_contract_rows AS
SELECT s.source_index, c.cid AS record_position, c.id AS published_id, s.source, s.dialect,
       c.acheteur_nom, c.feed_source_dataset AS source_dataset, c.feed_source_file AS source_file,
       c.feed_acheteur_categorie AS acheteur_categorie,
       c.feed_acheteur_commune_code AS acheteur_commune_code,
       c.feed_acheteur_commune_nom AS acheteur_commune_nom,
       c.feed_acheteur_departement_code AS acheteur_departement_code,
       c.feed_acheteur_departement_nom AS acheteur_departement_nom,
       c.feed_acheteur_region_code AS acheteur_region_code,
       c.feed_acheteur_region_nom AS acheteur_region_nom,
       c.feed_acheteur_latitude AS acheteur_latitude,
       c.feed_acheteur_longitude AS acheteur_longitude
FROM current_values c CROSS JOIN settings s;

-- The titulaires the feed names, each once per contract (its first row), in order of appearance.
CREATE VIEW feed_titulaire_rows AS
SELECT s.source_index, t.cid AS record_position,
       (row_number() OVER (PARTITION BY t.cid ORDER BY t.ord) - 1)::INTEGER AS position,
       t.id AS titulaire_id, t.type AS titulaire_type_identifiant, t.nom AS titulaire_nom,
       t.categorie AS titulaire_categorie, t.commune_code AS titulaire_commune_code,
       t.commune_nom AS titulaire_commune_nom, t.departement_code AS titulaire_departement_code,
       t.departement_nom AS titulaire_departement_nom, t.region_code AS titulaire_region_code,
       t.region_nom AS titulaire_region_nom, t.latitude AS titulaire_latitude,
       t.longitude AS titulaire_longitude, t.distance AS titulaire_distance
FROM (
  SELECT * FROM slots
  QUALIFY row_number() OVER (PARTITION BY cid, coalesce(id || '|' || coalesce(type, ''), '~' || coalesce(nom, type)) ORDER BY ord) = 1
) t CROSS JOIN settings s;
