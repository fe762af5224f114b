// The kinds of reference file the ETL knows, each with the published layout it reads (columns are
// chosen by name, never by position), and the reference inputs of a run. Kept apart from the
// readers so that the refresh configuration and the run report can name kinds without loading SQL.

export const REFERENCE_KINDS = [
  "sirene_unites_legales",
  "sirene_etablissements",
  "communes",
  "epci",
  "departements",
  "regions",
  "legal_categories",
] as const;

export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** What each kind is, for the configuration's editor help and the documentation. */
export const REFERENCE_KIND_TEXT: Record<ReferenceKind, string> = {
  sirene_unites_legales:
    "INSEE StockUniteLegale (CSV, CSV in a ZIP, gzip or Parquet; columns by name); the MINEF decp-augmente cache (siretEtablissement, categorieEntreprise) is read too",
  sirene_etablissements:
    "INSEE StockEtablissement (CSV, CSV in a ZIP, gzip or Parquet; columns by name)",
  communes:
    "DGCL Banatic table SIREN ↔ code INSEE des communes (siren, insee, nom_com, pmun_2024…)",
  epci: "DGCL liste et composition des EPCI à fiscalité propre (siren, raison_sociale, nature_juridique…)",
  departements: "SIREN des départements (nom, SIREN, COG, code_region)",
  regions: "SIREN des régions et collectivités uniques (nom, SIREN, COG, type)",
  legal_categories: "libellés des catégories juridiques INSEE (JSON { code: libellé })",
};

/** One reference file of a run; earlier files of a kind win over later ones, value by value. */
export interface ReferenceInput {
  /** The declared source it comes from (observatory.config.json), or "shipped". */
  id: string;
  kind: ReferenceKind;
  path: string;
  /** The name recorded in the run report (a path relative to the working folder, or a URL). */
  name: string;
}

/** What a run reports per reference file. */
export interface ReferenceReport {
  id: string;
  kind: ReferenceKind;
  source: string;
  layout: string;
  bytes: number;
  sha256: string;
  /** Rows kept: those whose SIREN or SIRET appears in the DECP of the run (all rows for lists). */
  rows_kept: number;
  duration_ms: number;
}
