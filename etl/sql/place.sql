-- Département and région of execution derived from lieuExecution, once per distinct place.
-- Codes not found in the 2024 COG and postal lists give NULL (and a flag in field_issues).
CREATE TEMP MACRO prefix_departement(code) AS
  CASE
    WHEN code LIKE '97%' THEN left(code, 3)
    WHEN left(code, 2) IN ('2A', '2B') THEN left(code, 2)
    WHEN left(code, 2) = '20' THEN NULL -- Corse: 2A or 2B cannot be told from the prefix
    ELSE left(code, 2)
  END;

CREATE TEMP TABLE places AS
WITH published AS (
  SELECT DISTINCT lieu_type_code, lieu_code FROM stage_contracts WHERE lieu_code IS NOT NULL
  UNION
  SELECT DISTINCT lieu_type_code, lieu_code FROM stage_concessions WHERE lieu_code IS NOT NULL
),
candidate AS (
  SELECT p.lieu_type_code, p.lieu_code,
    CASE p.lieu_type_code
      WHEN 'code_departement' THEN CASE WHEN length(p.lieu_code) = 1 THEN '0' || p.lieu_code ELSE p.lieu_code END
      WHEN 'code_postal' THEN coalesce(rp.departement, prefix_departement(lpad(p.lieu_code, 5, '0')))
      WHEN 'code_commune' THEN coalesce(rc.departement, prefix_departement(p.lieu_code))
      WHEN 'code_arrondissement' THEN prefix_departement(p.lieu_code)
      WHEN 'code_canton' THEN prefix_departement(p.lieu_code)
    END AS departement
  FROM published p
  LEFT JOIN ref_postal rp ON p.lieu_type_code = 'code_postal' AND rp.code = lpad(p.lieu_code, 5, '0')
  LEFT JOIN ref_communes rc ON p.lieu_type_code = 'code_commune' AND rc.code = p.lieu_code
)
SELECT c.lieu_type_code, c.lieu_code, d.code AS departement,
       coalesce(d.region, r.code) AS region
FROM candidate c
LEFT JOIN ref_departements d ON d.code = c.departement
LEFT JOIN ref_regions r ON c.lieu_type_code = 'code_region' AND r.code = lpad(c.lieu_code, 2, '0');
