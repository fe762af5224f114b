-- Reference data, read from the CSV files of data/reference ({{dir}} is replaced by that folder).
INSERT INTO ref_regions
SELECT REG, LIBELLE FROM read_csv('{{dir}}/cog2024-regions.csv', header = true, all_varchar = true);

-- TNCC, the COG's type of name, says which article the name takes after « Département »:
-- 0 « de Mayotte », 1 « d'Ille-et-Vilaine », 2 « du Nord », 3 « de la Gironde », 4 « des Landes »,
-- 5 « de l'Ain ».
INSERT INTO ref_departements
SELECT DEP, LIBELLE, REG,
       CASE TNCC WHEN '0' THEN 'de ' WHEN '1' THEN 'd''' WHEN '2' THEN 'du ' WHEN '3' THEN 'de la '
                 WHEN '4' THEN 'des ' WHEN '5' THEN 'de l''' END
FROM read_csv('{{dir}}/cog2024-departements.csv', header = true, all_varchar = true);

INSERT INTO ref_cpv_divisions
SELECT left(CODE, 2), FR
FROM read_csv('{{dir}}/codelist-cpv-2008-fr.csv', header = true, all_varchar = true)
WHERE CODE LIKE '__000000-_';

-- Commune (INSEE code) → département, and the commune's name as a body, from the COG's row of
-- the commune itself (a commune déléguée may share its code). A town's article is part of its
-- name: it contracts after « de » when it is Le, Les or Aux (« Commune du Mans », TNCC 2, 4, 6),
-- and keeps its capital otherwise (« Commune de La Rochelle », « Commune de L'Haÿ-les-Roses »).
-- Communes déléguées and associées take their parent's département.
CREATE TEMP TABLE ref_communes AS
WITH cog AS (
  SELECT TYPECOM, COM, DEP, TNCC, NCCENR, LIBELLE, COMPARENT
  FROM read_csv('{{dir}}/cog2024-communes.csv', header = true, all_varchar = true)
)
SELECT c.COM AS code, any_value(coalesce(c.DEP, p.DEP)) AS departement,
       max(CASE WHEN c.TYPECOM = 'COM' THEN
             CASE c.TNCC WHEN '2' THEN 'Commune du ' || c.NCCENR
                         WHEN '4' THEN 'Commune des ' || c.NCCENR
                         WHEN '6' THEN 'Commune des ' || c.NCCENR
                         WHEN '1' THEN 'Commune d''' || c.LIBELLE
                         ELSE 'Commune de ' || c.LIBELLE END END) AS nom_collectivite
FROM cog c LEFT JOIN cog p ON p.COM = c.COMPARENT AND p.DEP IS NOT NULL
WHERE coalesce(c.DEP, p.DEP) IS NOT NULL
GROUP BY c.COM;

-- Postal code → département (through the communes it serves; the smallest code if several).
CREATE TEMP TABLE ref_postal AS
SELECT l.Code_postal AS code, min(c.departement) AS departement
FROM read_csv('{{dir}}/laposte-hexasmal-2025.csv', header = true, delim = ';', all_varchar = true) l
JOIN ref_communes c ON c.code = l.Code_commune_INSEE
GROUP BY l.Code_postal;

CREATE TEMP TABLE ref_cpv AS
SELECT left(CODE, 8) AS code FROM read_csv('{{dir}}/codelist-cpv-2008-fr.csv', header = true, all_varchar = true);
