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

-- Reference data loaded from data/reference (COG 2024, CPV 2008) with every snapshot.
CREATE TABLE ref_regions (
  code          VARCHAR NOT NULL PRIMARY KEY,
  nom           VARCHAR NOT NULL
);

CREATE TABLE ref_departements (
  code          VARCHAR NOT NULL PRIMARY KEY,
  nom           VARCHAR NOT NULL,
  region        VARCHAR NOT NULL,
  -- What comes between « Département » and the name (« de l'», « du », « des »…): the COG's
  -- TNCC written out. NULL when the COG gives no TNCC.
  article       VARCHAR
);

CREATE TABLE ref_cpv_divisions (
  division      VARCHAR NOT NULL PRIMARY KEY,
  libelle       VARCHAR NOT NULL
);

-- Who's who: the organisations behind the contracts, from the reference files of the run
-- (etl/reference/, etl/sql/enrich.sql). Each attribute keeps its origin: sirene:<file>,
-- collectivites:<file>, or decp (the name published in the DECP). NULL = unknown.
CREATE TABLE organisations (
  siren                       VARCHAR NOT NULL PRIMARY KEY,
  nom                         VARCHAR,
  nom_origine                 VARCHAR,
  categorie_juridique         VARCHAR,                      -- INSEE code (4 digits)
  categorie_juridique_libelle VARCHAR,
  categorie_juridique_origine VARCHAR,
  categorie_entreprise        VARCHAR,                      -- PME | ETI | GE (INSEE, LME definition)
  categorie_entreprise_annee  INTEGER,                      -- year it was computed for (NULL if the file does not say)
  categorie_entreprise_origine VARCHAR,
  ess                         BOOLEAN,                      -- social and solidarity economy
  ess_origine                 VARCHAR,
  naf                         VARCHAR,
  naf_origine                 VARCHAR,
  etat_administratif          VARCHAR,                      -- actif | cesse
  etat_administratif_origine  VARCHAR
);

CREATE TABLE establishments (
  siret                       VARCHAR NOT NULL PRIMARY KEY,
  siren                       VARCHAR NOT NULL,
  commune                     VARCHAR,                      -- code INSEE
  departement                 VARCHAR,
  region                      VARCHAR,
  naf                         VARCHAR,
  etat_administratif          VARCHAR,                      -- actif | ferme
  origine                     VARCHAR
);

CREATE TABLE buyers (
  acheteur_id                 VARCHAR NOT NULL PRIMARY KEY, -- SIRET as published
  siren                       VARCHAR,
  nom                         VARCHAR,
  nom_origine                 VARCHAR,
  type_acheteur               VARCHAR,                      -- code; rules and labels: etl/sql/enrich.sql, indicators/model.yaml
  type_origine                VARCHAR,
  population                  INTEGER,                      -- population municipale (communes, EPCI, départements, régions)
  population_origine          VARCHAR,
  commune                     VARCHAR,
  departement                 VARCHAR,
  region                      VARCHAR,
  localisation_origine        VARCHAR
);

CREATE TABLE titulaires (
  titulaire_id                VARCHAR NOT NULL PRIMARY KEY, -- as published (SIRET or other id)
  siren                       VARCHAR,
  nom                         VARCHAR,
  nom_origine                 VARCHAR,
  categorie_entreprise        VARCHAR,
  categorie_entreprise_annee  INTEGER,
  categorie_entreprise_origine VARCHAR,
  ess                         BOOLEAN,
  commune                     VARCHAR,
  departement                 VARCHAR,
  region                      VARCHAR,
  localisation_origine        VARCHAR
);

-- The names a search reads, folded once by the ETL (etl/load/party-names.ts, lib/party-names.ts):
-- one row per party and distinct name, its who's who name and those published for it (a
-- placeholder id by « Acheteur non identifié »… only).
CREATE TABLE party_names (
  kind          VARCHAR NOT NULL,                                          -- buyer, supplier
  id            VARCHAR NOT NULL,                                          -- acheteur_id or titulaire_id
  folded        VARCHAR,                                                   -- the name, lower case, no accents; NULL for an id published without one
  key           VARCHAR                                                    -- the who's who name's key; NULL for a published name or a placeholder id
);

-- One row per party of the contracts: what a search lists of it and ranks it by, computed once
-- (lib/party-directory.ts) instead of at every search.
CREATE TABLE party_directory (
  kind          VARCHAR NOT NULL,                                          -- buyer, supplier
  id            VARCHAR NOT NULL,                                          -- acheteur_id or titulaire_id
  siren         VARCHAR,                                                   -- its company: the who's who's (buyer), as published (titulaire)
  nom           VARCHAR,                                                   -- the who's who's name, else the one most often published
  contracts     BIGINT NOT NULL,                                           -- distinct contracts
  amount        DOUBLE                                                     -- buyer: the summed amount (suspect amounts left out); NULL for a titulaire
);                                                                         -- one row per (kind, id): grouped by it; no index, a search hash-joins it

-- What each reference file of the latest run gave (the run report carries the same).
CREATE TABLE reference_files (
  id                          VARCHAR NOT NULL,
  kind                        VARCHAR NOT NULL,
  source                      VARCHAR NOT NULL,
  layout                      VARCHAR NOT NULL,
  bytes                       BIGINT NOT NULL,
  sha256                      VARCHAR NOT NULL,
  rows_kept                   INTEGER NOT NULL,
  duration_ms                 INTEGER NOT NULL
);

-- What a tabular feed publishes beside the DECP fields (etl/tabular/), as published, for the
-- contracts read from a CSV or Parquet source: where each contract comes from, the names the
-- feed gives (decp.info takes them from SIRENE; a producer's own export gives its own), and the
-- feed's enrichment columns, from the contract's current row. Kept apart so that a later
-- enrichment can prefer or compare them.
CREATE TABLE feed_contracts (
  uid                         VARCHAR NOT NULL,
  source                      VARCHAR NOT NULL,
  dialect                     VARCHAR NOT NULL,             -- the feed (etl/tabular/dialects.ts): decp-info, dataeco-2022, region-bretagne…
  source_dataset              VARCHAR,                      -- sourceDataset (decp.info) or source (data.economie.gouv.fr): the producer's dataset
  source_file                 VARCHAR,                      -- sourceFile (decp.info): the producer's file
  acheteur_nom                VARCHAR,
  acheteur_categorie          VARCHAR,
  acheteur_commune_code       VARCHAR,
  acheteur_commune_nom        VARCHAR,
  acheteur_departement_code   VARCHAR,
  acheteur_departement_nom    VARCHAR,
  acheteur_region_code        VARCHAR,
  acheteur_region_nom         VARCHAR,
  acheteur_latitude           VARCHAR,                      -- every value as published (text)
  acheteur_longitude          VARCHAR
);

-- One row per contract x titulaire the feed names (every version's titulaires, each once).
CREATE TABLE feed_titulaires (
  uid                         VARCHAR NOT NULL,
  position                    INTEGER NOT NULL,             -- order of first appearance in the file
  titulaire_id                VARCHAR,                      -- as published (contract_suppliers holds the cleaned id)
  titulaire_type_identifiant  VARCHAR,
  titulaire_nom               VARCHAR,
  titulaire_categorie         VARCHAR,                      -- PME, ETI, GE (decp.info, from SIRENE)
  titulaire_commune_code      VARCHAR,
  titulaire_commune_nom       VARCHAR,
  titulaire_departement_code  VARCHAR,
  titulaire_departement_nom   VARCHAR,
  titulaire_region_code       VARCHAR,
  titulaire_region_nom        VARCHAR,
  titulaire_latitude          VARCHAR,
  titulaire_longitude         VARCHAR,
  titulaire_distance          VARCHAR                       -- km between buyer and titulaire, as the feed computed it
);
