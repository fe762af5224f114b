-- Who's who: organisations, establishments, buyers and titulaires from the reference files of the
-- run (staged in src_* by etl/reference/) and the names published in the DECP. Rules, in order:
--  * a value of a SIRENE file wins over a collectivités list, which wins over a tabular feed
--    (feed_ids, feed_sirens of enrich-feed.sql), which wins over the DECP; within a kind, the
--    earlier file of the configuration wins (rank), value by value;
--  * name: SIRENE denomination (an individual's name only when fully public), else the name in the
--    collectivités lists (these two by SIREN; a région or a département named as a body, « Région
--    Bretagne », « Département de l'Ain », where the lists give the territory's name), else the
--    name a tabular feed gives that SIRET, else the name most often published in the DECP for
--    that SIRET, else the feed's, then the DECP's name for that SIREN (ties: alphabetical). An
--    identifier's own name comes before its company's published one: an establishment may be
--    published under its own name;
--  * size category: SIRENE categorieEntreprise (PME, ETI, GE), with its year when the file gives it,
--    else the category a tabular feed gives the company (year unknown: NULL);
--  * location of an establishment: its SIRENE commune → COG 2024 département and région (a code
--    missing from the COG keeps the département its first digits name, if one exists), else the
--    département (and its région) a tabular feed gives that SIRET; a buyer without a SIRENE
--    establishment takes the place of its collectivité (commune, EPCI seat département,
--    département, région), else the feed's;
--  * buyer type: the collectivités lists first (région, département, commune by population band,
--    EPCI by kind), then the SIRENE legal category (71xx and 7382–7389 État, 7364–7365 hospital,
--    7371 / 5546 / 5547 social housing, the collectivité codes, any other known code: other);
--    unknown otherwise (NULL).
-- Unknown stays NULL: a titulaire of unknown size is never counted as "not an SME".

-- Value by value, the row that wins is found first (its rowid: a number per group, which DuckDB can
-- spill to disk), then read back by joins. An aggregate holding the values themselves
-- (first(x ORDER BY rank), arg_min(x, rank)) keeps every group's strings in memory and does not
-- spill: on the national stocks it ran out of the build's memory.
CREATE TEMP TABLE src_org_rows AS
SELECT siren,
  arg_min(rowid, rank) FILTER (WHERE coalesce(denomination, personne) IS NOT NULL) AS nom,
  arg_min(rowid, rank) FILTER (WHERE regexp_full_match(categorie_juridique, '[0-9]{4}')) AS cj,
  arg_min(rowid, rank) FILTER (WHERE categorie_entreprise IN ('PME', 'ETI', 'GE')) AS cat,
  arg_min(rowid, rank) FILTER (WHERE ess IN ('O', 'N')) AS ess,
  arg_min(rowid, rank) FILTER (WHERE naf IS NOT NULL) AS naf,
  arg_min(rowid, rank) FILTER (WHERE etat IN ('A', 'C')) AS etat
FROM src_unites_legales WHERE siren IS NOT NULL GROUP BY siren;

CREATE TEMP TABLE src_orgs AS
SELECT w.siren,
  CASE WHEN w.nom IS NOT NULL THEN {'v': coalesce(a.denomination, a.personne), 'o': a.origin} END AS nom,
  CASE WHEN w.cj IS NOT NULL THEN {'v': b.categorie_juridique, 'o': b.origin} END AS cj,
  CASE WHEN w.cat IS NOT NULL THEN {'v': c.categorie_entreprise, 'y': TRY_CAST(c.categorie_entreprise_annee AS INTEGER), 'o': c.origin} END AS cat,
  CASE WHEN w.ess IS NOT NULL THEN {'v': d.ess = 'O', 'o': d.origin} END AS ess,
  CASE WHEN w.naf IS NOT NULL THEN {'v': e.naf, 'o': e.origin} END AS naf,
  CASE WHEN w.etat IS NOT NULL THEN {'v': CASE f.etat WHEN 'A' THEN 'actif' ELSE 'cesse' END, 'o': f.origin} END AS etat
FROM src_org_rows w
LEFT JOIN src_unites_legales a ON a.rowid = w.nom
LEFT JOIN src_unites_legales b ON b.rowid = w.cj
LEFT JOIN src_unites_legales c ON c.rowid = w.cat
LEFT JOIN src_unites_legales d ON d.rowid = w.ess
LEFT JOIN src_unites_legales e ON e.rowid = w.naf
LEFT JOIN src_unites_legales f ON f.rowid = w.etat;
-- Temporary tables hold the build's memory until dropped (etl/load/temporary-tables.ts).
DROP TABLE src_org_rows;
DROP TABLE src_unites_legales;

-- Population of départements and régions: the sum of their communes' populations. The
-- collectivités lists have a fixed size (about 35,000 communes), whatever the DECP: an ordered
-- aggregate is fine here.
CREATE TEMP TABLE src_collectivites AS
SELECT siren, first({'nom': nom, 'type': type, 'cj': cj, 'commune': commune, 'departement': departement,
                     'region': region, 'population': population, 'o': origin} ORDER BY priority, rank) AS c
FROM (
  SELECT siren,
         CASE r.type WHEN 'REG' THEN 'Région ' || nom
                     WHEN 'CTU' THEN CASE region WHEN '94' THEN 'Collectivité de Corse'
                                                 ELSE 'Collectivité territoriale de ' || nom END
                     ELSE nom END AS nom,
         'region' AS type, '7230' AS cj, NULL AS commune, NULL AS departement, region,
         (SELECT sum(TRY_CAST(population AS INTEGER)) FROM src_communes m WHERE m.region = r.region) AS population,
         origin, rank, 1 AS priority FROM src_regions r
  UNION ALL
  -- A département that is also a commune is Paris, the « Ville de Paris » since 2019.
  SELECT siren,
         CASE WHEN siren IN (SELECT siren FROM src_communes WHERE siren IS NOT NULL) THEN 'Ville de ' || d.nom
              WHEN rd.article IS NULL THEN d.nom ELSE 'Département ' || rd.article || d.nom END,
         'departement', '7220', NULL, departement, d.region,
         (SELECT sum(TRY_CAST(population AS INTEGER)) FROM src_communes m WHERE m.departement = d.departement),
         origin, rank, 2 FROM src_departements d LEFT JOIN ref_departements rd ON rd.code = d.departement
  UNION ALL
  -- « Commune de Rennes », as SIRENE names it, where the COG knows the commune's code.
  SELECT m.siren, coalesce(rc.nom_collectivite, m.nom),
         CASE WHEN TRY_CAST(m.population AS INTEGER) IS NULL THEN 'commune_taille_inconnue'
              WHEN TRY_CAST(m.population AS INTEGER) < 3500 THEN 'commune_moins_3500'
              WHEN TRY_CAST(m.population AS INTEGER) < 10000 THEN 'commune_3500_9999'
              WHEN TRY_CAST(m.population AS INTEGER) < 50000 THEN 'commune_10000_49999'
              ELSE 'commune_50000_plus' END,
         '7210', m.insee, m.departement, m.region, TRY_CAST(m.population AS INTEGER), m.origin, m.rank, 3
  FROM src_communes m LEFT JOIN ref_communes rc ON rc.code = m.insee
  UNION ALL
  SELECT DISTINCT siren, nom,
         CASE nature WHEN 'CC' THEN 'epci_cc' WHEN 'CA' THEN 'epci_ca' WHEN 'CU' THEN 'epci_cu'
                     WHEN 'METRO' THEN 'epci_metropole' WHEN 'MET69' THEN 'epci_metropole' ELSE 'epci_autre' END,
         CASE nature WHEN 'CC' THEN '7346' WHEN 'CA' THEN '7348' WHEN 'CU' THEN '7343'
                     WHEN 'METRO' THEN '7344' WHEN 'MET69' THEN '7344' END,
         NULL, departement, NULL, TRY_CAST(population AS INTEGER), origin, rank, 4 FROM src_epci
) WHERE siren IS NOT NULL
GROUP BY siren;

-- Names published in the DECP, per identifier as published and per SIREN. A placeholder id
-- ($placeholder_party_id, lib/party-ids.ts: 00000000000000 and the like) names no one: the names
-- published under it belong to several parties and get no say.
CREATE TEMP TABLE decp_published AS
SELECT id, trim(nom) AS nom FROM (
  SELECT acheteur_id AS id, acheteur_nom AS nom FROM contracts
  UNION ALL SELECT autorite_concedante_id, autorite_concedante_nom FROM concessions
  UNION ALL SELECT titulaire_id, denomination_sociale FROM contract_suppliers
  UNION ALL SELECT concessionnaire_id, denomination_sociale FROM concession_holders
) WHERE id IS NOT NULL AND nullif(trim(nom), '') IS NOT NULL
  AND NOT regexp_full_match(id, $placeholder_party_id);

CREATE TEMP TABLE decp_names_id AS
SELECT id, nom FROM (SELECT id, nom, count(*) AS n FROM decp_published GROUP BY ALL)
QUALIFY row_number() OVER (PARTITION BY id ORDER BY n DESC, nom) = 1;

CREATE TEMP TABLE decp_names_siren AS
SELECT siren, nom
FROM (SELECT left(id, 9) AS siren, nom, count(*) AS n FROM decp_published
      WHERE regexp_full_match(id, '[0-9]{14}|[0-9]{9}') GROUP BY ALL)
QUALIFY row_number() OVER (PARTITION BY siren ORDER BY n DESC, nom) = 1;
DROP TABLE decp_published;

INSERT INTO organisations
SELECT w.id,
  coalesce(o.nom.v, c.c.nom, fs.nom.v, d.nom),
  CASE WHEN o.nom IS NOT NULL THEN o.nom.o WHEN c.c.nom IS NOT NULL THEN c.c.o
       WHEN fs.nom IS NOT NULL THEN fs.nom.o WHEN d.nom IS NOT NULL THEN 'decp' END,
  coalesce(o.cj.v, c.c.cj),
  trim(l.libelle),
  CASE WHEN o.cj IS NOT NULL THEN o.cj.o WHEN c.c.cj IS NOT NULL THEN c.c.o END,
  coalesce(o.cat.v, fs.categorie.v), o.cat.y, coalesce(o.cat.o, fs.categorie.o),
  o.ess.v, o.ess.o,
  o.naf.v, o.naf.o,
  o.etat.v, o.etat.o
FROM want_siren w
LEFT JOIN src_orgs o ON o.siren = w.id
LEFT JOIN src_collectivites c ON c.siren = w.id
LEFT JOIN decp_names_siren d ON d.siren = w.id
LEFT JOIN feed_sirens fs ON fs.siren = w.id
LEFT JOIN (SELECT code, first(libelle ORDER BY rank) AS libelle FROM src_legal_categories GROUP BY code) l
  ON l.code = coalesce(o.cj.v, c.c.cj)
WHERE o.siren IS NOT NULL OR c.siren IS NOT NULL OR d.siren IS NOT NULL OR fs.siren IS NOT NULL;

-- Commune → département → région (COG 2024; see the rule above for codes missing from it). The
-- '97' test is on the département's side of the join: on the commune's side, in a LEFT JOIN, it
-- made DuckDB compare every commune with every département (a nested-loop join, 0.19 s of each run).
CREATE TEMP TABLE commune_place AS
SELECT DISTINCT e.commune,
  coalesce(rc.departement, d2.code, d3.code) AS departement
FROM (SELECT DISTINCT commune FROM src_etablissements WHERE commune IS NOT NULL
      UNION SELECT DISTINCT insee FROM src_communes WHERE insee IS NOT NULL) e
LEFT JOIN ref_communes rc ON rc.code = e.commune
LEFT JOIN ref_departements d2 ON d2.code = left(e.commune, 2) AND d2.code <> '97'
LEFT JOIN ref_departements d3 ON d3.code = left(e.commune, 3);

INSERT INTO establishments
SELECT s.siret, left(s.siret, 9), s.e.commune, p.departement, rd.region, s.e.naf, s.e.etat, s.e.o
FROM (
  SELECT w.siret, {'commune': r.commune, 'naf': r.naf,
                   'etat': CASE r.etat WHEN 'A' THEN 'actif' WHEN 'F' THEN 'ferme' END, 'o': r.origin} AS e
  FROM (SELECT siret, arg_min(rowid, rank) AS row FROM src_etablissements
        WHERE regexp_full_match(siret, '[0-9]{14}') GROUP BY siret) w
  JOIN src_etablissements r ON r.rowid = w.row
) s
LEFT JOIN commune_place p ON p.commune = s.e.commune
LEFT JOIN ref_departements rd ON rd.code = p.departement;
DROP TABLE src_etablissements;

-- Establishments SIRENE does not give, placed by a tabular feed.
INSERT INTO establishments
SELECT f.id, left(f.id, 9), f.commune, f.departement, f.region, NULL, NULL, f.lieu_o
FROM feed_ids f
WHERE regexp_full_match(f.id, '[0-9]{14}') AND f.region IS NOT NULL
  AND f.id NOT IN (SELECT siret FROM establishments);

-- Whether a name comes from a register (SIRENE, collectivités lists) rather than a publication.
CREATE TEMP MACRO registered(origine) AS regexp_matches(coalesce(origine, ''), '^(sirene|collectivites):');

INSERT INTO buyers
SELECT b.id, o.siren,
  coalesce(CASE WHEN registered(o.nom_origine) THEN o.nom END, fi.nom.v, dn.nom, o.nom),
  CASE WHEN registered(o.nom_origine) THEN o.nom_origine WHEN fi.nom IS NOT NULL THEN fi.nom.o
       WHEN dn.nom IS NOT NULL THEN 'decp' ELSE o.nom_origine END,
  coalesce(c.c.type, CASE
    WHEN o.categorie_juridique IS NULL THEN NULL
    WHEN o.categorie_juridique LIKE '71%' OR o.categorie_juridique BETWEEN '7382' AND '7389' THEN 'etat'
    WHEN o.categorie_juridique IN ('7364', '7365') THEN 'hopital'
    WHEN o.categorie_juridique IN ('7371', '5546', '5547') THEN 'logement_social'
    WHEN o.categorie_juridique = '7230' THEN 'region'
    WHEN o.categorie_juridique = '7220' THEN 'departement'
    WHEN o.categorie_juridique = '7210' THEN 'commune_taille_inconnue'
    WHEN o.categorie_juridique = '7346' THEN 'epci_cc'
    WHEN o.categorie_juridique = '7348' THEN 'epci_ca'
    WHEN o.categorie_juridique = '7343' THEN 'epci_cu'
    WHEN o.categorie_juridique = '7344' THEN 'epci_metropole'
    ELSE 'autre' END),
  CASE WHEN c.c.type IS NOT NULL THEN c.c.o WHEN o.categorie_juridique IS NOT NULL THEN o.categorie_juridique_origine END,
  c.c.population, CASE WHEN c.c.population IS NOT NULL THEN c.c.o END,
  coalesce(e.commune, c.c.commune, CASE WHEN coalesce(c.c.departement, c.c.region) IS NULL THEN fi.commune END),
  coalesce(e.departement, c.c.departement, CASE WHEN c.c.region IS NULL THEN fi.departement END),
  coalesce(e.region, c.c.region, rd.region, fi.region),
  CASE WHEN e.departement IS NOT NULL THEN e.origine
       WHEN coalesce(c.c.departement, c.c.region) IS NOT NULL THEN c.c.o
       WHEN fi.region IS NOT NULL THEN fi.lieu_o END
FROM (SELECT DISTINCT acheteur_id AS id FROM contracts
      UNION SELECT DISTINCT autorite_concedante_id FROM concessions) b
-- A SIRET names its legal unit by its first nine digits; a buyer published under a bare SIREN too.
-- The test sits inside the key (NULL for any other id, which joins nothing): as a second condition
-- of the ON clause it turned the join into a nested loop (17 s for 10,000 buyers × 100,000
-- organisations), as one equality it is a hash join (30 ms).
LEFT JOIN organisations o
  ON o.siren = CASE WHEN regexp_full_match(b.id, '[0-9]{14}|[0-9]{9}') THEN left(b.id, 9) END
LEFT JOIN src_collectivites c ON c.siren = o.siren
LEFT JOIN establishments e ON e.siret = b.id AND NOT starts_with(e.origine, 'feed:')
LEFT JOIN feed_ids fi ON fi.id = b.id
LEFT JOIN decp_names_id dn ON dn.id = b.id
LEFT JOIN ref_departements rd ON rd.code = coalesce(e.departement, c.c.departement);

INSERT INTO titulaires
SELECT t.id, o.siren,
  coalesce(CASE WHEN registered(o.nom_origine) THEN o.nom END, fi.nom.v, dn.nom, o.nom),
  CASE WHEN registered(o.nom_origine) THEN o.nom_origine WHEN fi.nom IS NOT NULL THEN fi.nom.o
       WHEN dn.nom IS NOT NULL THEN 'decp' ELSE o.nom_origine END,
  o.categorie_entreprise, o.categorie_entreprise_annee, o.categorie_entreprise_origine, o.ess,
  e.commune, e.departement, e.region, e.origine
FROM (SELECT DISTINCT titulaire_id AS id, any_value(entreprise_id) AS entreprise_id FROM contract_suppliers
      WHERE titulaire_id IS NOT NULL GROUP BY titulaire_id) t
LEFT JOIN organisations o ON o.siren = t.entreprise_id
LEFT JOIN establishments e ON e.siret = t.id
LEFT JOIN feed_ids fi ON fi.id = t.id
LEFT JOIN decp_names_id dn ON dn.id = t.id;
