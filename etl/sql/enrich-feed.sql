-- What a tabular feed publishes about the organisations behind its contracts (feed_contracts,
-- feed_titulaires: etl/tabular/), as one value per identifier for etl/sql/enrich.sql: names, the
-- size category (PME, ETI, GE) and the place (commune, département, région). A further source of
-- the who's who, after SIRENE and the collectivités lists, before the names published in the DECP
-- (decp.info takes its names, categories and places from SIRENE; a producer's own export is the
-- DECP itself). Rules:
--  * every record the feed gave is read (stage_feed_*), not only the contracts kept: a contract
--    dropped as the duplicate of a producer's own copy still says who its parties are;
--  * per identifier (the buyer of the contract; the titulaire's id with its spaces removed, as
--    the DECP's cleaning does) and per attribute, the value the feed gives most often (ties:
--    alphabetical), its origin `feed:<file>` (the first file, alphabetically, that gives it);
--  * a département must be one of the COG 2024; its région is then the COG's. A région alone is
--    kept when it is one of the COG. A category other than PME, ETI, GE is unknown (NULL);
--  * per SIREN (first nine digits of a 14-digit id, or a 9-digit id), the same rule over the
--    SIRETs of that company, for the organisation's name and size category.
CREATE TEMP TABLE feed_facts AS
SELECT c.acheteur_id AS id, f.source,
       nullif(trim(f.acheteur_nom), '') AS nom,
       NULL::VARCHAR AS categorie,
       nullif(trim(f.acheteur_commune_code), '') AS commune,
       nullif(trim(f.acheteur_departement_code), '') AS departement,
       nullif(trim(f.acheteur_region_code), '') AS region
FROM stage_feed_contracts f JOIN stage_contracts c USING (source_index, record_position)
UNION ALL
SELECT regexp_replace(t.titulaire_id, '\s', '', 'g'), f.source,
       nullif(trim(t.titulaire_nom), ''),
       CASE WHEN upper(trim(t.titulaire_categorie)) IN ('PME', 'ETI', 'GE') THEN upper(trim(t.titulaire_categorie)) END,
       nullif(trim(t.titulaire_commune_code), ''),
       nullif(trim(t.titulaire_departement_code), ''),
       nullif(trim(t.titulaire_region_code), '')
FROM stage_feed_titulaires t
JOIN stage_feed_contracts f USING (source_index, record_position)
JOIN stage_contracts c USING (source_index, record_position)
WHERE nullif(trim(t.titulaire_id), '') IS NOT NULL;

-- The staging tables have given what the who's who needed of them: dropped, as the build drops
-- every temporary table it is done with (etl/load/temporary-tables.ts).
DROP TABLE stage_feed_titulaires;
DROP TABLE stage_feed_contracts;
DROP TABLE stage_contracts;

-- One row per identifier × attribute × value, counted.
CREATE TEMP TABLE feed_counts AS
SELECT id, attr, v, min(source) AS source, count(*) AS n
FROM (
  SELECT id, source, unnest(['nom', 'categorie', 'commune', 'departement', 'region']) AS attr,
         unnest([nom, categorie, commune, departement, region]) AS v
  FROM feed_facts
) WHERE v IS NOT NULL AND id IS NOT NULL
GROUP BY ALL;

DROP TABLE feed_facts;

-- Per identifier and attribute, the value given most often (see the rules above): a window that
-- DuckDB can spill to disk, where an ordered aggregate (first(v ORDER BY n DESC, v)) holds every
-- identifier's values in memory.
CREATE TEMP TABLE feed_best AS
SELECT id, attr, v, 'feed:' || source AS o FROM feed_counts
QUALIFY row_number() OVER (PARTITION BY id, attr ORDER BY n DESC, v) = 1;

-- Per identifier as published.
CREATE TEMP TABLE feed_ids AS
SELECT i.id,
       CASE WHEN nm.v IS NOT NULL THEN {'v': nm.v, 'o': nm.o} END AS nom,
       CASE WHEN ca.v IS NOT NULL THEN {'v': ca.v, 'o': ca.o} END AS categorie,
       co.v AS commune,
       d.code AS departement,
       coalesce(d.region, r.code) AS region,
       CASE WHEN d.code IS NOT NULL THEN de.o WHEN r.code IS NOT NULL THEN re.o END AS lieu_o
FROM (SELECT DISTINCT id FROM feed_best) i
LEFT JOIN feed_best nm ON nm.id = i.id AND nm.attr = 'nom'
LEFT JOIN feed_best ca ON ca.id = i.id AND ca.attr = 'categorie'
LEFT JOIN feed_best co ON co.id = i.id AND co.attr = 'commune'
LEFT JOIN feed_best de ON de.id = i.id AND de.attr = 'departement'
LEFT JOIN feed_best re ON re.id = i.id AND re.attr = 'region'
LEFT JOIN ref_departements d ON d.code = de.v
LEFT JOIN ref_regions r ON r.code = re.v;

-- Per SIREN: the name and size category of the company, over its identifiers.
CREATE TEMP TABLE feed_siren_best AS
SELECT siren, attr, v, 'feed:' || source AS o
FROM (
  SELECT left(id, 9) AS siren, attr, v, min(source) AS source, sum(n) AS n FROM feed_counts
  WHERE attr IN ('nom', 'categorie') AND regexp_full_match(id, '[0-9]{14}|[0-9]{9}')
  GROUP BY ALL
)
QUALIFY row_number() OVER (PARTITION BY siren, attr ORDER BY n DESC, v) = 1;

CREATE TEMP TABLE feed_sirens AS
SELECT s.siren,
       CASE WHEN nm.v IS NOT NULL THEN {'v': nm.v, 'o': nm.o} END AS nom,
       CASE WHEN ca.v IS NOT NULL THEN {'v': ca.v, 'o': ca.o} END AS categorie
FROM (SELECT DISTINCT siren FROM feed_siren_best) s
LEFT JOIN feed_siren_best nm ON nm.siren = s.siren AND nm.attr = 'nom'
LEFT JOIN feed_siren_best ca ON ca.siren = s.siren AND ca.attr = 'categorie';

DROP TABLE feed_siren_best;
DROP TABLE feed_best;
DROP TABLE feed_counts;
