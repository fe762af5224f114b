-- The per-contract lists of the records $lo <= cid < $hi (etl/tabular/read-tabular.ts runs this
-- once per part, then writes that part's records with records_between of tabular-records.sql).
-- List aggregates hold their lists in memory and do not spill to disk: built one part at a time,
-- they stay bounded whatever the size of the file. Each table replaces the previous part's.

-- The rows of the part, with their record and version (narrow: the joins below build on it).
CREATE OR REPLACE TABLE part_keys AS
SELECT * FROM row_keys WHERE cid >= CAST($lo AS INTEGER) AND cid < CAST($hi AS INTEGER);

-- Lists are gathered unordered and sorted afterwards on their first field (an ordered aggregate
-- cannot spill to disk), then that field is dropped.
CREATE OR REPLACE TABLE version_titulaires AS
SELECT cid, version,
       list_transform(list_sort(list({'ord': ord, 'typeIdentifiant': type, 'id': id, 'denominationSociale': nom})),
         t -> {'typeIdentifiant': t.typeIdentifiant, 'id': t.id, 'denominationSociale': t.denominationSociale}) AS titulaires
FROM (
  SELECT cid, version, ord, type, id, nom FROM slots WHERE cid >= CAST($lo AS INTEGER) AND cid < CAST($hi AS INTEGER)
  QUALIFY row_number() OVER (PARTITION BY cid, version, coalesce(id || '|' || coalesce(type, ''), '~' || coalesce(nom, type)) ORDER BY ord) = 1
)
GROUP BY cid, version;

CREATE OR REPLACE TABLE initial_titulaires AS
SELECT vt.cid, vt.titulaires
FROM version_titulaires vt JOIN contract_versions cv ON vt.cid = cv.cid AND vt.version = cv.initial_version;

-- Versions above the initial one, as modifications carrying their new totals; the titulaires
-- only when they changed.
CREATE OR REPLACE TABLE version_modifications AS
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
  FROM (SELECT * FROM versions WHERE cid >= CAST($lo AS INTEGER) AND cid < CAST($hi AS INTEGER)) vr
  JOIN contract_versions c ON c.cid = vr.cid AND c.version_count > 1
  LEFT JOIN version_titulaires vt ON vt.cid = vr.cid AND vt.version = vr.version
) v
JOIN contract_versions c ON c.cid = v.cid
JOIN rows r ON r.row_idx = v.first_row
WHERE v.version > c.initial_version
GROUP BY v.cid;

-- Flat exports: each row may describe one modification in its own columns.
CREATE OR REPLACE TABLE event_modifications AS
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
  FROM rows r JOIN part_keys k USING (row_idx) CROSS JOIN settings s
  WHERE s.events AND coalesce(r.mod_id, r.mod_objet, r.mod_date_notification, r.mod_date_publication,
                              r.mod_duree, r.mod_montant, r.mod_titulaire_id, r.mod_titulaire_type) IS NOT NULL
  GROUP BY ALL
)
GROUP BY cid;

-- Flat exports: acts of sous-traitance and their modifications, one per row, each once.
CREATE OR REPLACE TABLE subcontracting_acts AS
SELECT cid,
       list_transform(list_sort(list({'ord': ord, 'a': {'id': ast_id, 'sousTraitant': {'id': ast_st_id, 'typeIdentifiant': ast_st_type},
             'dureeMois': ast_duree, 'dateNotification': ast_date_notification,
             'datePublicationDonnees': ast_date_publication, 'montant': ast_montant,
             'variationPrix': ast_variation_prix}})), x -> x.a) AS acts
FROM (
  SELECT k.cid, r.ast_id, r.ast_st_id, r.ast_st_type, r.ast_duree, r.ast_date_notification,
         r.ast_date_publication, r.ast_montant, r.ast_variation_prix, min(r.row_idx) AS ord
  FROM rows r JOIN part_keys k USING (row_idx) CROSS JOIN settings s
  WHERE s.events AND coalesce(r.ast_id, r.ast_st_id, r.ast_duree, r.ast_date_notification, r.ast_montant) IS NOT NULL
  GROUP BY ALL
)
GROUP BY cid;

CREATE OR REPLACE TABLE subcontracting_changes AS
SELECT cid,
       list_transform(list_sort(list({'ord': ord, 'c': {'id': mast_id, 'dureeMois': mast_duree,
             'dateNotificationModificationSousTraitance': mast_date_notification,
             'montant': mast_montant, 'datePublicationDonnees': mast_date_publication}})), x -> x.c) AS changes
FROM (
  SELECT k.cid, r.mast_id, r.mast_duree, r.mast_date_notification, r.mast_montant,
         r.mast_date_publication, min(r.row_idx) AS ord
  FROM rows r JOIN part_keys k USING (row_idx) CROSS JOIN settings s
  WHERE s.events AND coalesce(r.mast_id, r.mast_duree, r.mast_date_notification, r.mast_montant) IS NOT NULL
  GROUP BY ALL
)
GROUP BY cid;

-- Contract values that differ between the rows of a contract, field by field, for the few
-- contracts whose rows do not all agree.
CREATE OR REPLACE TABLE contract_disagreements AS
SELECT k.cid, list_filter([
         CASE WHEN min(acheteur_nom) <> max(acheteur_nom) THEN {'field': 'acheteur.nom', 'raw': min(acheteur_nom) || ' | ' || max(acheteur_nom)} END,
         CASE WHEN min(nature) <> max(nature) THEN {'field': 'nature', 'raw': min(nature) || ' | ' || max(nature)} END,
         CASE WHEN min(objet) <> max(objet) THEN {'field': 'objet', 'raw': min(objet) || ' | ' || max(objet)} END,
         CASE WHEN min(code_cpv) <> max(code_cpv) THEN {'field': 'codeCPV', 'raw': min(code_cpv) || ' | ' || max(code_cpv)} END,
         CASE WHEN min(procedure) <> max(procedure) THEN {'field': 'procedure', 'raw': min(procedure) || ' | ' || max(procedure)} END,
         CASE WHEN min(lieu_code) <> max(lieu_code) THEN {'field': 'lieuExecution.code', 'raw': min(lieu_code) || ' | ' || max(lieu_code)} END,
         CASE WHEN min(forme_prix) <> max(forme_prix) THEN {'field': 'formePrix', 'raw': min(forme_prix) || ' | ' || max(forme_prix)} END,
         CASE WHEN min(offres_recues) <> max(offres_recues) THEN {'field': 'offresRecues', 'raw': min(offres_recues) || ' | ' || max(offres_recues)} END,
         CASE WHEN min(marche_innovant) <> max(marche_innovant) THEN {'field': 'marcheInnovant', 'raw': min(marche_innovant) || ' | ' || max(marche_innovant)} END,
         CASE WHEN min(attribution_avance) <> max(attribution_avance) THEN {'field': 'attributionAvance', 'raw': min(attribution_avance) || ' | ' || max(attribution_avance)} END,
         CASE WHEN min(sous_traitance_declaree) <> max(sous_traitance_declaree) THEN {'field': 'sousTraitanceDeclaree', 'raw': min(sous_traitance_declaree) || ' | ' || max(sous_traitance_declaree)} END,
         CASE WHEN min(type_groupement) <> max(type_groupement) THEN {'field': 'typeGroupementOperateurs', 'raw': min(type_groupement) || ' | ' || max(type_groupement)} END,
         CASE WHEN min(ccag) <> max(ccag) THEN {'field': 'ccag', 'raw': min(ccag) || ' | ' || max(ccag)} END,
         CASE WHEN min(considerations_sociales) <> max(considerations_sociales) THEN {'field': 'considerationsSociales', 'raw': min(considerations_sociales) || ' | ' || max(considerations_sociales)} END,
         CASE WHEN min(considerations_environnementales) <> max(considerations_environnementales) THEN {'field': 'considerationsEnvironnementales', 'raw': min(considerations_environnementales) || ' | ' || max(considerations_environnementales)} END,
         CASE WHEN min(techniques) <> max(techniques) THEN {'field': 'techniques', 'raw': min(techniques) || ' | ' || max(techniques)} END,
         -- decp.info gathers the rows of one uid from several producers' datasets
         CASE WHEN min(feed_source_dataset) <> max(feed_source_dataset) THEN {'field': 'sourceDataset', 'raw': min(feed_source_dataset) || ' | ' || max(feed_source_dataset)} END
       ], x -> x IS NOT NULL) AS disagreements
FROM part_keys k JOIN rows r USING (row_idx)
WHERE k.cid IN (SELECT cid FROM contract_flags WHERE mixed)
GROUP BY k.cid;

-- The same for what changes with a modification, within one version, in order of version (an
-- unordered list would make a record depend on how the work was split).
CREATE OR REPLACE TABLE version_disagreements AS
SELECT cid, flatten(list_transform(list_sort(list({'version': version, 'd': disagreements})), x -> x.d)) AS disagreements
FROM (
  SELECT k.cid, k.version, list_filter([
           CASE WHEN min(montant) <> max(montant) THEN {'field': 'montant', 'raw': min(montant) || ' | ' || max(montant)} END,
           CASE WHEN min(duree_mois) <> max(duree_mois) THEN {'field': 'dureeMois', 'raw': min(duree_mois) || ' | ' || max(duree_mois)} END,
           CASE WHEN min(date_notification) <> max(date_notification) THEN {'field': 'dateNotification', 'raw': min(date_notification) || ' | ' || max(date_notification)} END,
           CASE WHEN min(date_publication) <> max(date_publication) THEN {'field': 'datePublicationDonnees', 'raw': min(date_publication) || ' | ' || max(date_publication)} END
         ], x -> x IS NOT NULL) AS disagreements
  FROM part_keys k JOIN rows r USING (row_idx)
  JOIN versions v ON v.cid = k.cid AND v.version = k.version AND v.mixed
  GROUP BY k.cid, k.version
)
GROUP BY cid;

-- What the rows had repaired or nulled (markers), each once per contract, in a fixed order.
CREATE OR REPLACE TABLE row_issues AS
SELECT k.cid, list_sort(list_distinct(flatten(list(r.row_issues)))) AS issues
FROM part_keys k JOIN rows r USING (row_idx)
WHERE k.has_issues
GROUP BY k.cid;

CREATE OR REPLACE MACRO tab_split(v) AS CASE WHEN v IS NULL THEN NULL ELSE list_filter(
  list_transform(string_split(regexp_replace(trim(v), '^\[|\]$', '', 'g'), ','), x -> trim(x, ' ''"')),
  x -> x <> '') END;

-- The records of the contracts lo <= cid < hi, from the lists above (a macro is bound to the tables
-- that exist when it is made: made again with each part's).
CREATE OR REPLACE MACRO records_between(lo, hi) AS TABLE
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
LEFT JOIN initial_titulaires it ON it.cid = ck.cid
LEFT JOIN version_modifications vm ON vm.cid = ck.cid
LEFT JOIN event_modifications em ON em.cid = ck.cid
LEFT JOIN subcontracting_acts sa ON sa.cid = ck.cid
LEFT JOIN subcontracting_changes sc ON sc.cid = ck.cid
LEFT JOIN contract_disagreements cd ON cd.cid = ck.cid
LEFT JOIN version_disagreements vd ON vd.cid = ck.cid
LEFT JOIN row_issues ri ON ri.cid = ck.cid;
