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
  amount        DOUBLE,                                                    -- buyer: the summed amount (suspect amounts left out); NULL for a titulaire
  amount_contracts BIGINT                                                  -- buyer: the N of amount, its contracts with a published, plausible amount; NULL for a titulaire
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
