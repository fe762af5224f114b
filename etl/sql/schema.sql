-- Canonical model of the observatory. One snapshot database holds exactly these tables.
-- The keys of the contract tables (uid; uid + position) are declared in etl/load/unique-keys.ts
-- and checked once the tables are written: an index kept up to date row by row would make the
-- bulk load several times slower. Région, département, format and the considerations lists become
-- ENUM types (etl/load/enum-columns.ts) once the reference tables are loaded.
-- Field names follow the published DECP names in snake_case; enumerations hold the codes of
-- lib/vocabulary.ts (one vocabulary for the 2019 and 2024 formats).

-- Marchés: one row per contract after deduplication.
CREATE TABLE contracts (
  uid                         VARCHAR NOT NULL,             -- acheteur_id || id, or a derived key (uid_derivation)
  uid_derivation              VARCHAR,                      -- NULL | placeholder_id | shared_id (etl/normalise/identity.ts)
  id                          VARCHAR,                      -- as published; NULL when missing
  acheteur_id                 VARCHAR NOT NULL,             -- SIRET of the buyer
  acheteur_nom                VARCHAR,                      -- v1 only
  nature                      VARCHAR,                      -- vocabulary code
  nature_raw                  VARCHAR,
  objet                       VARCHAR,
  code_cpv                    VARCHAR,                      -- 8 digits, no check digit
  cpv_division                VARCHAR,                      -- first 2 digits
  type_marche                 VARCHAR,                      -- travaux | fournitures | services (from CPV)
  procedure                   VARCHAR,                      -- vocabulary code
  procedure_raw               VARCHAR,
  lieu_code                   VARCHAR,
  lieu_type_code              VARCHAR,                      -- vocabulary code of typeCode
  lieu_nom                    VARCHAR,
  departement                 VARCHAR,                      -- département of execution (derived)
  region                      VARCHAR,                      -- région of execution (derived, COG code)
  duree_mois_initiale         DOUBLE,
  duree_mois                  DOUBLE,                       -- current: after the last modification
  montant_initial             DOUBLE,
  montant                     DOUBLE,                       -- current: after the last modification
  montant_suspect             BOOLEAN NOT NULL,             -- flagged initial amount (0, < 1 000 €, …)
  montant_modification_ecartee BOOLEAN NOT NULL DEFAULT false, -- a modification amount looked like a delta: montant is the last trusted total
  forme_prix                  VARCHAR,
  date_notification           DATE,
  date_publication_donnees    DATE,
  considerations_sociales     VARCHAR[],                    -- NULL = field not filled
  considerations_environnementales VARCHAR[],
  offres_recues               INTEGER,
  marche_innovant             BOOLEAN,
  techniques                  VARCHAR[],
  modalites_execution         VARCHAR[],
  types_prix                  VARCHAR[],
  sous_traitance_declaree     BOOLEAN,
  attribution_avance          BOOLEAN,
  taux_avance                 DOUBLE,
  type_groupement_operateurs  VARCHAR,                      -- vocabulary code
  origine_france              DOUBLE,
  origine_ue                  DOUBLE,
  ccag                        VARCHAR,
  id_accord_cadre             VARCHAR,
  titulaires_count            INTEGER NOT NULL,
  titulaires_siret_count      INTEGER NOT NULL,             -- titulaires identified by a valid SIRET
  modifications_count         INTEGER NOT NULL,
  decp_format                 VARCHAR NOT NULL,             -- v1 | v2.0.0 | v2
  source                      VARCHAR NOT NULL,
  source_position             INTEGER NOT NULL,             -- 0-based index of the record in its source
  -- Who's who (etl/sql/enrich.sql, from the reference files; NULL = unknown, never "no"):
  acheteur_denomination       VARCHAR,                      -- buyer's name (buyers.nom)
  acheteur_type               VARCHAR,                      -- buyer type (buyers.type_acheteur)
  acheteur_departement        VARCHAR,                      -- buyer's département (its establishment, else its collectivité)
  acheteur_region             VARCHAR,
  titulaires_taille_connue    INTEGER,                      -- titulaires of known size category (NULL if none)
  titulaires_pme              INTEGER,                      -- of which PME
  montant_taille_connue       DOUBLE,                       -- amount split equally between titulaires: share of those of known size
  montant_pme                 DOUBLE,                       -- share of the PME titulaires
  titulaire_pme               BOOLEAN,                      -- at least one PME titulaire (NULL: none PME and some unknown)
  titulaires_localises        INTEGER,                      -- titulaires of known département, buyer located (NULL if none)
  titulaires_locaux           INTEGER,                      -- of which in the buyer's département
  montant_localise            DOUBLE,                       -- split amount of the titulaires counted in titulaires_localises
  montant_local               DOUBLE,                       -- of which in the buyer's département
  montant_localise_region     DOUBLE,                       -- split amount of the titulaires of known région, buyer's région known
  montant_regional            DOUBLE,                       -- of which in the buyer's région
  titulaires_ess_connu        INTEGER,                      -- titulaires whose ESS flag is known (NULL if none)
  titulaires_ess              INTEGER,
  premier_acces               BOOLEAN,                      -- a titulaire company new to this buyer over the 3 previous years (NULL: not computable)
  titulaire_categorie         VARCHAR,                      -- PME | ETI | GE when every titulaire of known size has it; mixte
  titulaire_departement       VARCHAR,                      -- when every located titulaire is in it
  titulaire_region            VARCHAR,
  titulaire_entreprise        VARCHAR                       -- the company key (entreprise_id) when every titulaire has that one
);

-- One row per contract x titulaire (initial titulaires; modifications may add others).
CREATE TABLE contract_suppliers (
  uid                   VARCHAR NOT NULL,
  position              INTEGER NOT NULL,
  type_identifiant      VARCHAR,
  titulaire_id          VARCHAR,
  denomination_sociale  VARCHAR,                            -- v1 only
  siret_valide          BOOLEAN NOT NULL DEFAULT false,     -- a valid SIRET (etl/normalise/siret.ts)
  entreprise_id         VARCHAR                             -- company key: SIREN of a valid SIRET, else the id
);

CREATE TABLE contract_modifications (
  uid                         VARCHAR NOT NULL,
  position                    INTEGER NOT NULL,             -- order of notification
  id                          VARCHAR,
  objet_modification          VARCHAR,
  date_notification           DATE,
  date_publication_donnees    DATE,
  duree_mois                  DOUBLE,
  montant                     DOUBLE,                       -- as published (new total per the schema)
  montant_suspect_delta       BOOLEAN NOT NULL,             -- looks like a delta, not a total
  titulaires                  VARCHAR                       -- JSON array of new titulaires, if any
);

CREATE TABLE subcontracting_acts (
  uid                         VARCHAR NOT NULL,
  position                    INTEGER NOT NULL,
  id                          VARCHAR,
  sous_traitant_type_identifiant VARCHAR,
  sous_traitant_id            VARCHAR,
  duree_mois                  DOUBLE,
  date_notification           DATE,
  date_publication_donnees    DATE,
  montant                     DOUBLE,
  variation_prix              VARCHAR,
  modifications               VARCHAR                       -- JSON of modificationsActesSousTraitance
);

-- Contrats de concession: one row per contract after deduplication.
CREATE TABLE concessions (
  uid                         VARCHAR NOT NULL,             -- autorite_concedante_id || id, or a derived key
  uid_derivation              VARCHAR,                      -- NULL | placeholder_id | shared_id
  id                          VARCHAR,                      -- as published; NULL when missing
  autorite_concedante_id      VARCHAR NOT NULL,
  autorite_concedante_nom     VARCHAR,
  nature                      VARCHAR,
  nature_raw                  VARCHAR,
  objet                       VARCHAR,
  procedure                   VARCHAR,
  procedure_raw               VARCHAR,
  lieu_code                   VARCHAR,
  lieu_type_code              VARCHAR,
  lieu_nom                    VARCHAR,
  departement                 VARCHAR,
  region                      VARCHAR,
  duree_mois_initiale         DOUBLE,
  duree_mois                  DOUBLE,
  valeur_globale_initiale     DOUBLE,
  valeur_globale              DOUBLE,
  montant_subvention_publique DOUBLE,
  date_signature              DATE,
  date_debut_execution        DATE,
  date_publication_donnees    DATE,
  considerations_sociales     VARCHAR[],
  considerations_environnementales VARCHAR[],
  concessionnaires_count      INTEGER NOT NULL,
  modifications_count         INTEGER NOT NULL,
  decp_format                 VARCHAR NOT NULL,
  source                      VARCHAR NOT NULL,
  source_position             INTEGER NOT NULL
);

CREATE TABLE concession_holders (
  uid                   VARCHAR NOT NULL,
  position              INTEGER NOT NULL,
  type_identifiant      VARCHAR,
  concessionnaire_id    VARCHAR,
  denomination_sociale  VARCHAR
);

CREATE TABLE concession_modifications (
  uid                         VARCHAR NOT NULL,
  position                    INTEGER NOT NULL,
  id                          VARCHAR,
  objet_modification          VARCHAR,
  date_signature              DATE,
  date_publication_donnees    DATE,
  duree_mois                  DOUBLE,
  valeur_globale              DOUBLE
);

-- Annual execution data of concessions (donneesExecution), one row per year and tariff.
CREATE TABLE concession_execution (
  uid                         VARCHAR NOT NULL,
  position                    INTEGER NOT NULL,
  date_publication_donnees    DATE,
  depenses_investissement     DOUBLE,
  tarifs                      VARCHAR                       -- JSON array of {intituleTarif, tarif}
);

-- Records that could not be used, with the raw record.
CREATE TABLE rejects (
  run_id        VARCHAR NOT NULL,
  source        VARCHAR NOT NULL,
  position      INTEGER NOT NULL,
  kind          VARCHAR,
  reason        VARCHAR NOT NULL,
  raw           VARCHAR NOT NULL
);

-- Fields repaired, nulled or flagged in usable records, with the original value.
CREATE TABLE field_issues (
  run_id        VARCHAR NOT NULL,
  source        VARCHAR NOT NULL,
  position      INTEGER NOT NULL,
  uid           VARCHAR,
  field         VARCHAR NOT NULL,
  raw_value     VARCHAR,
  problem       VARCHAR NOT NULL,
  action        VARCHAR NOT NULL                             -- repaired | nulled | flagged
);

-- Records dropped as duplicates, and the record kept in their place.
CREATE TABLE duplicates (
  run_id           VARCHAR NOT NULL,
  source           VARCHAR NOT NULL,
  position         INTEGER NOT NULL,
  kind             VARCHAR NOT NULL,
  uid              VARCHAR NOT NULL,
  kept_source      VARCHAR NOT NULL,
  kept_position    INTEGER NOT NULL
);

-- Run log: one row per run, one row per run x source. Earlier runs are carried over.
CREATE TABLE runs (
  run_id        VARCHAR NOT NULL PRIMARY KEY,
  started_at    TIMESTAMP NOT NULL,
  finished_at   TIMESTAMP NOT NULL,
  status        VARCHAR NOT NULL,
  contracts     INTEGER NOT NULL,
  concessions   INTEGER NOT NULL,
  tool_version  VARCHAR NOT NULL,
  snapshot_format VARCHAR                                                   -- etl/load/snapshot-format.ts; NULL in runs of older versions
);

CREATE TABLE run_sources (
  run_id        VARCHAR NOT NULL,
  source        VARCHAR NOT NULL,
  format        VARCHAR NOT NULL,
  synthetic     BOOLEAN NOT NULL DEFAULT false,                            -- generated test data, not real DECP
  bytes         BIGINT NOT NULL,
  sha256        VARCHAR NOT NULL,
  records_read  INTEGER NOT NULL,
  loaded        INTEGER NOT NULL,
  rejected      INTEGER NOT NULL,
  duplicates    INTEGER NOT NULL,
  field_issues  INTEGER NOT NULL,
  duration_ms   INTEGER NOT NULL,
  derived_placeholder_id INTEGER NOT NULL DEFAULT 0,                         -- kept under a derived key: id missing or generic
  derived_shared_id      INTEGER NOT NULL DEFAULT 0,                         -- kept under a derived key: lots sharing one id
  -- A tabular source (CSV or Parquet, etl/tabular/): how it was read and its rows; NULL otherwise.
  dialect       VARCHAR,                                                     -- decp-info, dataeco-2022, region-bretagne…
  encoding      VARCHAR,                                                     -- as detected: UTF-8, UTF-8 (BOM), WINDOWS-1252…
  separator     VARCHAR,                                                     -- the CSV separator detected from the header line
  rows_read     INTEGER,                                                     -- = rows_used + rows_rejected (checked)
  rows_used     INTEGER,                                                     -- rows grouped into the records_read contracts
  rows_rejected INTEGER                                                      -- rows in rejects, with their reason
);

