// The canonical tables the engine may read, as the code knows them (etl/sql/schema.sql). The model
// can only name columns listed here; a test checks this list against the schema file, so a column
// renamed by the ETL fails CI instead of producing SQL that breaks at run time.
import { PLACEHOLDER_PARTY_ID, UNIDENTIFIED_PARTY } from "../../lib/party-ids.ts";

export type ColumnType = "string" | "integer" | "number" | "boolean" | "date" | "string_list";

export const CONTRACT_COLUMNS = {
  uid: "string",
  uid_derivation: "string",
  id: "string",
  acheteur_id: "string",
  acheteur_nom: "string",
  nature: "string",
  nature_raw: "string",
  objet: "string",
  code_cpv: "string",
  cpv_division: "string",
  type_marche: "string",
  procedure: "string",
  procedure_raw: "string",
  lieu_code: "string",
  lieu_type_code: "string",
  lieu_nom: "string",
  departement: "string",
  region: "string",
  duree_mois_initiale: "number",
  duree_mois: "number",
  montant_initial: "number",
  montant: "number",
  montant_suspect: "boolean",
  montant_modification_ecartee: "boolean",
  forme_prix: "string",
  date_notification: "date",
  date_publication_donnees: "date",
  considerations_sociales: "string_list",
  considerations_environnementales: "string_list",
  offres_recues: "integer",
  marche_innovant: "boolean",
  techniques: "string_list",
  modalites_execution: "string_list",
  types_prix: "string_list",
  sous_traitance_declaree: "boolean",
  attribution_avance: "boolean",
  taux_avance: "number",
  type_groupement_operateurs: "string",
  origine_france: "number",
  origine_ue: "number",
  ccag: "string",
  id_accord_cadre: "string",
  titulaires_count: "integer",
  titulaires_siret_count: "integer",
  modifications_count: "integer",
  decp_format: "string",
  source: "string",
  source_position: "integer",
  acheteur_denomination: "string",
  acheteur_type: "string",
  acheteur_departement: "string",
  acheteur_region: "string",
  titulaires_taille_connue: "integer",
  titulaires_pme: "integer",
  montant_taille_connue: "number",
  montant_pme: "number",
  titulaire_pme: "boolean",
  titulaires_localises: "integer",
  titulaires_locaux: "integer",
  montant_localise: "number",
  montant_local: "number",
  montant_localise_region: "number",
  montant_regional: "number",
  titulaires_ess_connu: "integer",
  titulaires_ess: "integer",
  premier_acces: "boolean",
  titulaire_categorie: "string",
  titulaire_departement: "string",
  titulaire_region: "string",
  titulaire_entreprise: "string",
} as const satisfies Record<string, ColumnType>;

export const SUPPLIER_COLUMNS = {
  uid: "string",
  position: "integer",
  type_identifiant: "string",
  titulaire_id: "string",
  denomination_sociale: "string",
  siret_valide: "boolean",
  entreprise_id: "string",
} as const satisfies Record<string, ColumnType>;

export type ContractColumn = keyof typeof CONTRACT_COLUMNS;
export type SupplierColumn = keyof typeof SUPPLIER_COLUMNS;

/** Table names, fixed: the engine reads contracts (one row per contract) and its suppliers. */
export const TABLES = {
  contracts: "contracts",
  suppliers: "contract_suppliers",
} as const;

/**
 * Reference tables that give French labels to codes, joined after aggregation. `byFigure`: the
 * codes are identifiers (SIRET, SIREN) whose order means nothing to a reader, so a breakdown by
 * them lists the largest figure first (render-measure.ts), not the smallest number.
 */
export const REFERENCE_LABELS = {
  departements: { table: "ref_departements", key: "code", label: "nom", byFigure: false },
  regions: { table: "ref_regions", key: "code", label: "nom", byFigure: false },
  cpv_divisions: { table: "ref_cpv_divisions", key: "division", label: "libelle", byFigure: false },
  // The who's who (etl/sql/enrich.sql): a buyer's name from SIRENE, the collectivités lists, a
  // tabular feed or the DECP, one row per acheteur_id. A placeholder id (lib/party-ids.ts) is
  // said to be an unidentified buyer, and comes after the identified ones.
  buyers: {
    table: "buyers",
    key: "acheteur_id",
    label: "nom",
    byFigure: true,
    placeholder: { pattern: PLACEHOLDER_PARTY_ID, label: UNIDENTIFIED_PARTY.buyer },
  },
  // A titulaire company's name (SIRENE, collectivités lists, a tabular feed or the DECP), one row
  // per SIREN; a placeholder SIREN (000000000) is an unidentified titulaire, listed last.
  companies: {
    table: "organisations",
    key: "siren",
    label: "nom",
    byFigure: true,
    placeholder: { pattern: PLACEHOLDER_PARTY_ID, label: UNIDENTIFIED_PARTY.supplier },
  },
} as const satisfies Record<string, ReferenceLabels>;

export interface ReferenceLabels {
  table: string;
  key: string;
  label: string;
  /** Identifiers (SIRET, SIREN): a breakdown by them lists the largest figure first. */
  byFigure: boolean;
  /** Keys that identify nothing (a whole-string pattern): their label, and they sort last. */
  placeholder?: { pattern: string; label: string };
}

export type ReferenceName = keyof typeof REFERENCE_LABELS;

/** DECP format codes (decp_format) that carry the 2024 fields (considerations, offers, …). */
export const FORMAT_FAMILIES = {
  any: null,
  v2: ["v2.0.0", "v2"],
} as const;

export type FormatRequirement = keyof typeof FORMAT_FAMILIES;

export function isContractColumn(name: string): name is ContractColumn {
  return Object.hasOwn(CONTRACT_COLUMNS, name);
}

export function isSupplierColumn(name: string): name is SupplierColumn {
  return Object.hasOwn(SUPPLIER_COLUMNS, name);
}
