-- The identifiers of the DECP of this run, which the SIRENE stocks are semi-joined with
-- (etl/reference/read-reference.ts): a national stock then keeps only these rows.
CREATE TEMP TABLE want_siret AS
SELECT DISTINCT id FROM (
  SELECT titulaire_id AS id FROM contract_suppliers
  UNION ALL SELECT acheteur_id FROM contracts
  UNION ALL SELECT autorite_concedante_id FROM concessions
  UNION ALL SELECT concessionnaire_id FROM concession_holders
) WHERE regexp_full_match(id, '[0-9]{14}');

CREATE TEMP TABLE want_siren AS
SELECT DISTINCT id FROM (
  SELECT left(id, 9) AS id FROM want_siret
  UNION ALL SELECT entreprise_id FROM contract_suppliers
  UNION ALL SELECT concessionnaire_id FROM concession_holders
  -- A buyer published under its SIREN (9 digits) rather than a SIRET names its legal unit.
  UNION ALL SELECT acheteur_id FROM contracts
  UNION ALL SELECT autorite_concedante_id FROM concessions
) WHERE regexp_full_match(id, '[0-9]{9}');
