-- One DECP-shaped record per contract from the tables of tabular-group.sql (etl/tabular/): the
-- initial values from its lowest version, modifications after it, contract values from its
-- current row; `_tabular` says where the record starts in the file and what the grouping repaired
-- or flagged. Also the feed's own columns (names, geography, size), for etl/sql/feed.sql.
-- Memory stays bounded: joins build on narrow tables and probe the wide ones, per-contract tables
-- are keyed by cid, and records are written by ranges of cid (records_between).

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

-- Lists are gathered unordered and sorted afterwards on their first field (an ordered aggregate
-- cannot spill to disk), then that field is dropped.
CREATE TABLE version_titulaires AS
SELECT cid, version,
       list_transform(list_sort(list({'ord': ord, 'typeIdentifiant': type, 'id': id, 'denominationSociale': nom})),
         t -> {'typeIdentifiant': t.typeIdentifiant, 'id': t.id, 'denominationSociale': t.denominationSociale}) AS titulaires
FROM (
  SELECT cid, version, ord, type, id, nom FROM slots
  QUALIFY row_number() OVER (PARTITION BY cid, version, coalesce(id || '|' || coalesce(type, ''), '~' || coalesce(nom, type)) ORDER BY ord) = 1
)
GROUP BY cid, version;

-- The dense per-contract parts of a record: current values, initial values, initial titulaires.
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

CREATE TABLE initial_titulaires AS
SELECT vt.cid, vt.titulaires
FROM version_titulaires vt JOIN contract_versions cv ON vt.cid = cv.cid AND vt.version = cv.initial_version;

-- Versions above the initial one, as modifications carrying their new totals; the titulaires
-- only when they changed.
CREATE TABLE version_modifications AS
SELECT v.cid,
       list_transform(list_sort(list({'version': v.version, 'm': {'id': v.version::VARCHAR, 'objetModification': r.mod_objet,
             'dateNotificationModification': r.date_notification,
             'datePublicationDonneesModification': r.date_publication,
             'dureeMois': r.duree_mois, 'montant': r.montant,
             'titulaires': CASE WHEN v.titulaires IS DISTINCT FROM v.previous THEN coalesce(v.titulaires, []) ELSE [] END}})),
         x -> x.m) AS modifications
FROM (
  SELECT vr.cid, vr.version, vr.first_row, vt.titulaires,
         lag(vt.titulaires) OVER (PARTITION BY vr.cid ORDER BY vr.version) AS previous
  FROM versions vr
  JOIN contract_versions c ON c.cid = vr.cid AND c.version_count > 1
  LEFT JOIN version_titulaires vt ON vt.cid = vr.cid AND vt.version = vr.version
) v
JOIN contract_versions c ON c.cid = v.cid
JOIN rows r ON r.row_idx = v.first_row
WHERE v.version > c.initial_version
GROUP BY v.cid;

-- Flat exports: each row may describe one modification in its own columns.
CREATE TABLE event_modifications AS
SELECT cid,
       list_transform(list_sort(list({'ord': ord, 'm': {'id': mod_id, 'objetModification': mod_objet,
             'dateNotificationModification': mod_date_notification,
             'datePublicationDonneesModification': mod_date_publication,
             'dureeMois': mod_duree, 'montant': mod_montant,
             'titulaires': CASE WHEN mod_titulaire_id IS NULL AND mod_titulaire_type IS NULL THEN []
                           ELSE [{'typeIdentifiant': mod_titulaire_type, 'id': mod_titulaire_id, 'denominationSociale': NULL::VARCHAR}] END}})),
         x -> x.m) AS modifications
FROM (
  SELECT k.cid, r.mod_id, r.mod_objet, r.mod_date_notification, r.mod_date_publication,
         r.mod_duree, r.mod_montant, r.mod_titulaire_id, r.mod_titulaire_type, min(r.row_idx) AS ord
  FROM rows r JOIN row_keys k USING (row_idx) CROSS JOIN settings s
  WHERE s.events AND coalesce(r.mod_id, r.mod_objet, r.mod_date_notification, r.mod_date_publication,
                              r.mod_duree, r.mod_montant, r.mod_titulaire_id, r.mod_titulaire_type) IS NOT NULL
  GROUP BY ALL
)
GROUP BY cid;

-- Flat exports: acts of sous-traitance and their modifications, one per row, each once.
CREATE TABLE subcontracting_acts AS
SELECT cid,
       list_transform(list_sort(list({'ord': ord, 'a': {'id': ast_id, 'sousTraitant': {'id': ast_st_id, 'typeIdentifiant': ast_st_type},
             'dureeMois': ast_duree, 'dateNotification': ast_date_notification,
             'datePublicationDonnees': ast_date_publication, 'montant': ast_montant,
             'variationPrix': ast_variation_prix}})), x -> x.a) AS acts
FROM (
  SELECT k.cid, r.ast_id, r.ast_st_id, r.ast_st_type, r.ast_duree, r.ast_date_notification,
         r.ast_date_publication, r.ast_montant, r.ast_variation_prix, min(r.row_idx) AS ord
  FROM rows r JOIN row_keys k USING (row_idx) CROSS JOIN settings s
  WHERE s.events AND coalesce(r.ast_id, r.ast_st_id, r.ast_duree, r.ast_date_notification, r.ast_montant) IS NOT NULL
  GROUP BY ALL
)
GROUP BY cid;

CREATE TABLE subcontracting_changes AS
SELECT cid,
       list_transform(list_sort(list({'ord': ord, 'c': {'id': mast_id, 'dureeMois': mast_duree,
             'dateNotificationModificationSousTraitance': mast_date_notification,
             'montant': mast_montant, 'datePublicationDonnees': mast_date_publication}})), x -> x.c) AS changes
FROM (
  SELECT k.cid, r.mast_id, r.mast_duree, r.mast_date_notification, r.mast_montant,
         r.mast_date_publication, min(r.row_idx) AS ord
  FROM rows r JOIN row_keys k USING (row_idx) CROSS JOIN settings s
  WHERE s.events AND coalesce(r.mast_id, r.mast_duree, r.mast_date_notification, r.mast_montant) IS NOT NULL
  GROUP BY ALL
)
GROUP BY cid;

CREATE MACRO tab_split(v) AS CASE WHEN v IS NULL THEN NULL ELSE list_filter(
  list_transform(string_split(regexp_replace(trim(v), '^\[|\]$', '', 'g'), ','), x -> trim(x, ' ''"')),
  x -> x <> '') END;

-- The records of the contracts lo <= cid < hi.
CREATE MACRO records_between(lo, hi) AS TABLE
SELECT ck.cid AS position, {
  'id': c.id,
  'acheteur': {'id': c.acheteur_id, 'nom': c.acheteur_nom},
  'nature': c.nature,
  'objet': c.objet,
  'codeCPV': c.code_cpv,
  'procedure': c.procedure,
  'lieuExecution': {'code': c.lieu_code, 'typeCode': c.lieu_type_code, 'nom': c.lieu_nom},
  'dureeMois': i.duree_mois,
  'dateNotification': i.date_notification,
  'datePublicationDonnees': i.date_publication,
  'montant': i.montant,
  'formePrix': c.forme_prix,
  'titulaires': coalesce(it.titulaires, []),
  'modifications': list_concat(coalesce(vm.modifications, []), coalesce(em.modifications, [])),
  'considerationsSociales': tab_split(c.considerations_sociales),
  'considerationsEnvironnementales': tab_split(c.considerations_environnementales),
  'techniques': tab_split(c.techniques),
  'modalitesExecution': tab_split(c.modalites_execution),
  'typesPrix': tab_split(c.types_prix),
  'offresRecues': c.offres_recues,
  'marcheInnovant': c.marche_innovant,
  'attributionAvance': c.attribution_avance,
  'tauxAvance': c.taux_avance,
  'sousTraitanceDeclaree': c.sous_traitance_declaree,
  'typeGroupementOperateurs': c.type_groupement,
  'origineFrance': c.origine_france,
  'origineUE': c.origine_ue,
  'ccag': c.ccag,
  'idAccordCadre': c.id_accord_cadre,
  'actesSousTraitance': sa.acts,
  'modificationsActesSousTraitance': sc.changes,
  '_tabular': {
    'first_row': ck.first_row,
    'rows': ck.row_count,
    'versions': cv.version_count,
    'issues': list_concat(
      coalesce(ri.issues, []),
      list_transform(list_concat(coalesce(cd.disagreements, []), coalesce(vd.disagreements, [])),
        d -> {'field': d.field, 'raw': d.raw, 'problem': s.rows_disagree_problem, 'action': 'flagged'}),
      CASE WHEN s.version_rule = 'date_rank' AND cv.version_count > 1
        THEN [{'field': 'modification_id', 'raw': cv.version_count::VARCHAR || ' dates', 'problem': s.versions_from_dates_problem, 'action': 'repaired'}]
        ELSE [] END,
      CASE WHEN s.version_rule = 'modification_id' AND cv.initial_version > 0
        THEN [{'field': 'modification_id', 'raw': cv.initial_version::VARCHAR, 'problem': s.initial_version_missing_problem, 'action': 'flagged'}]
        ELSE [] END,
      CASE WHEN cf.bad_version
        THEN [{'field': 'modification_id', 'raw': '', 'problem': s.bad_modification_id_problem, 'action': 'flagged'}]
        ELSE [] END)
  }
} AS record
FROM (SELECT * FROM contract_keys WHERE cid >= lo AND cid < hi) ck
CROSS JOIN settings s
JOIN (SELECT * FROM current_values WHERE cid >= lo AND cid < hi) c ON c.cid = ck.cid
JOIN (SELECT * FROM initial_values WHERE cid >= lo AND cid < hi) i ON i.cid = ck.cid
JOIN (SELECT * FROM contract_versions WHERE cid >= lo AND cid < hi) cv ON cv.cid = ck.cid
JOIN (SELECT * FROM contract_flags WHERE cid >= lo AND cid < hi) cf ON cf.cid = ck.cid
LEFT JOIN (SELECT * FROM initial_titulaires WHERE cid >= lo AND cid < hi) it ON it.cid = ck.cid
LEFT JOIN (SELECT * FROM version_modifications WHERE cid >= lo AND cid < hi) vm ON vm.cid = ck.cid
LEFT JOIN (SELECT * FROM event_modifications WHERE cid >= lo AND cid < hi) em ON em.cid = ck.cid
LEFT JOIN (SELECT * FROM subcontracting_acts WHERE cid >= lo AND cid < hi) sa ON sa.cid = ck.cid
LEFT JOIN (SELECT * FROM subcontracting_changes WHERE cid >= lo AND cid < hi) sc ON sc.cid = ck.cid
LEFT JOIN (SELECT * FROM contract_disagreements WHERE cid >= lo AND cid < hi) cd ON cd.cid = ck.cid
LEFT JOIN (SELECT * FROM version_disagreements WHERE cid >= lo AND cid < hi) vd ON vd.cid = ck.cid
LEFT JOIN (SELECT * FROM row_issues WHERE cid >= lo AND cid < hi) ri ON ri.cid = ck.cid;

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
